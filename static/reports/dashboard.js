/* The annual-duties dashboard's charts, drawn with the vendored Chart.js from the page's JSON
 * (json_script "dashboard-charts"). Labels come translated from the server; the numbers are also
 * in the page's tables, so nothing is lost without this file. */
(function () {
  "use strict";

  var source = document.getElementById("dashboard-charts");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var COLOURS = ["#1a4f8b", "#d08a1f", "#3c8d5a", "#8b1a4f"];
  var OPTIONS = {
    prefectures: { indexAxis: "y" },
    duties: { indexAxis: "y" }
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.dataset.chart;
    var chart = charts[key];
    if (!chart) {
      return;
    }
    var options = Object.assign(
      {
        responsive: true,
        animation: false,
        plugins: { legend: { display: chart.datasets.length > 1 } },
        scales: {}
      },
      OPTIONS[key] || {}
    );
    var valueAxis = options.indexAxis === "y" ? "x" : "y";
    options.scales[valueAxis] = { beginAtZero: true, ticks: { precision: 0 } };
    var drawn = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (dataset, index) {
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: COLOURS[index % COLOURS.length]
          };
        })
      },
      options: options
    });
    canvas.dataset.drawn = drawn ? "true" : "false";
  });
})();
