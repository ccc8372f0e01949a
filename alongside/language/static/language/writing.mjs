// The as-you-type check of words (docs/adr/0031): htmx posts what is written to /language/check/ and shows the
// answer under the field. Loaded only by pages with the writing widget; without JavaScript the check happens on
// saving instead. Our Content Security Policy allows no inline script or style and no eval, so htmx is told not
// to use them; it keeps no copy of pages in the browser's storage either (they may name people).
import htmx from "../htmx/htmx.esm.js";

Object.assign(htmx.config, {
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyEnabled: false,
  selfRequestsOnly: true,
});

// A check sent to sign in (the session ended) is not shown in place of the suggestions: the words stay as typed.
document.addEventListener("htmx:beforeSwap", (event) => {
  const answered = event.detail.xhr.responseURL;
  if (answered && new URL(answered).pathname !== event.detail.requestConfig.path) {
    event.detail.shouldSwap = false;
  }
});
