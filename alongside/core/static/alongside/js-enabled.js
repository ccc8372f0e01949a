// Runs first in <body>: lets the NHS.UK styles know JavaScript is available (no inline script under our CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
