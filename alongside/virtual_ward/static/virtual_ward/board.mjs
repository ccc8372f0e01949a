// The capacity board refreshes itself (docs/adr/0036): htmx swaps only the board's region (#board-live) every
// so often, so the handover note below it keeps what is typed. Our Content Security Policy allows no inline
// script or style and no eval, so htmx is told not to use them; it keeps no copy of pages in the browser's
// storage either (they name people). Without JavaScript the "Refresh the board" link does the same.
import htmx from "../htmx/htmx.esm.js";

Object.assign(htmx.config, {
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyEnabled: false,
  selfRequestsOnly: true,
});

// A refresh sent to sign in (the session ended) or failing is not swapped in: the last board stays, with its time.
document.addEventListener("htmx:beforeSwap", (event) => {
  const answered = event.detail.xhr.responseURL;
  if (!event.detail.xhr.status || event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = false;
  } else if (answered && new URL(answered).pathname !== event.detail.requestConfig.path) {
    event.detail.shouldSwap = false;
  }
});
