// "Print this page" on a plan's print view: the button shows only when JavaScript runs (without it, the page says
// how to print from the browser's menu). A static file, as the Content Security Policy forbids inline scripts.
for (const button of document.querySelectorAll("[data-alongside-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
