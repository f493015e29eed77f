// Progressive enhancement of the application form: shows only the group of the chosen applicant type.
// Without JavaScript both groups are shown and the server checks only the chosen one.
(function () {
  "use strict";
  function update() {
    var chosen = document.querySelector("input[name=kind]:checked");
    document.querySelectorAll("fieldset[data-for]").forEach(function (fs) {
      fs.hidden = Boolean(chosen) && fs.dataset.for !== chosen.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name=kind]").forEach(function (r) { r.addEventListener("change", update); });
    update();
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
