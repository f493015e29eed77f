// The desk's small behaviours (no inline script: the CSP forbids it).
(function () {
  "use strict";
  // A button or form with data-confirm asks before the form is sent.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var text = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (text && !window.confirm(text)) { event.preventDefault(); }
  });

  // 申请登记: the date of receipt and the statutory dates, recomputed by the server as the clerk types.
  function preview(form) {
    var box = document.getElementById("deadline-preview");
    if (!form.elements.submitted_on.value) { return; }
    var params = new URLSearchParams();
    ["channel", "submitted_on", "confirmed_on"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { params.set(name, field.value); }
    });
    fetch(form.dataset.preview + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        box.textContent = "";
        if (data.error) {
          var p = document.createElement("p");
          p.className = "muted";
          p.textContent = data.error;
          box.appendChild(p);
          return;
        }
        var dl = document.createElement("dl");
        data.deadlines.forEach(function (d) {
          var dt = document.createElement("dt");
          dt.textContent = d.label + "：" + d.date;
          var dd = document.createElement("dd");
          dd.className = "hint";
          dd.textContent = d.explanation;
          dl.appendChild(dt);
          dl.appendChild(dd);
        });
        box.appendChild(dl);
        (data.warnings || []).forEach(function (w) {
          var p = document.createElement("p");
          p.className = "warn";
          p.textContent = w;
          box.appendChild(p);
        });
        box.dataset.ready = "1";
      });
  }

  function init() {
    var form = document.getElementById("register-form");
    if (!form) { return; }
    ["channel", "submitted_on", "confirmed_on"].forEach(function (name) {
      var field = form.elements[name];
      if (field) { field.addEventListener("change", function () { preview(form); }); }
    });
    preview(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
