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
  var LINE = 18;

  function wrapLabel(label) {
    if (label.length <= LINE) {
      return label;
    }
    var words = label.indexOf(" ") === -1 ? label.split("") : label.split(" ");
    var joiner = label.indexOf(" ") === -1 ? "" : " ";
    var limit = joiner ? LINE : LINE / 2;
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      var next = line ? line + joiner + word : word;
      if (line && next.length > limit) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }
  var COLOURS = ["#1a4f8b", "#d08a1f", "#3c8d5a", "#8b1a4f"];
  var OPTIONS = {
    prefectures: { indexAxis: "y" },
    duties: { indexAxis: "y" }
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.dataset.chart;
    var labels;
    var chart = charts[key];
    if (!chart) {
      return;
    }
    var options = Object.assign(
      {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: chart.datasets.length > 1 } },
        scales: {}
      },
      OPTIONS[key] || {}
    );
    var valueAxis = options.indexAxis === "y" ? "x" : "y";
    options.scales[valueAxis] = { beginAtZero: true, ticks: { precision: 0 } };
    if (options.indexAxis === "y") {
      // Long duty or prefecture names are broken into lines instead of being cut off on a phone.
      options.scales.y = { ticks: { autoSkip: false } };
      labels = chart.labels.map(wrapLabel);
    } else {
      labels = chart.labels;
    }
    var drawn = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
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
