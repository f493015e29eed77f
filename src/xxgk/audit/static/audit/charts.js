// Charts of the workbench: every element with data-chart gets an ECharts chart drawn from the JSON
// in the <script type="application/json"> its data-source names (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var COLOURS = ["#0969da", "#1a7f37", "#a40e26", "#bf8700", "#8250df", "#57606a"];

  function option(kind, data, stacked) {
    var names = Object.keys(data.series);
    var horizontal = kind === "hbars";
    var label = { interval: 0, hideOverlap: true };
    if (horizontal) {
      // Long row names (the form's outcome labels) are cut to fit; the tooltip gives them whole.
      label = { interval: 0, width: 170, overflow: "truncate" };
    }
    var category = { type: "category", data: data.labels, axisLabel: label };
    var value = { type: "value", minInterval: 1 };
    return {
      color: COLOURS,
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 10, right: 20, top: names.length > 4 ? 64 : 36, bottom: 30, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: names.map(function (name) {
        return {
          name: name,
          type: kind === "lines" ? "line" : "bar",
          stack: stacked ? "all" : undefined,
          data: data.series[name],
          connectNulls: false
        };
      })
    };
  }

  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.source);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option(el.dataset.chart, data, el.dataset.stack === "1"));
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
