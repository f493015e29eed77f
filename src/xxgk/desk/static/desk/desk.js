// The desk's small behaviours (no inline script: the CSP forbids it).
(function () {
  "use strict";
  // A button with data-confirm asks before its form is sent.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var text = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (text && !window.confirm(text)) { event.preventDefault(); }
  });
})();
