/* The regulator's dashboard charts (ECharts, its ZH locale on Chinese pages). The data comes from the
   json_script element "dashboard-data"; a click on a sub-division's bar drills down to its dashboard. */
(function () {
  "use strict";

  var source = document.getElementById("dashboard-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  var colours = { A: "#2e7d32", B: "#1565c0", C: "#f9a825", D: "#c62828" };

  function chart(name) {
    var element = document.querySelector('[data-chart="' + name + '"]');
    if (!element) return null;
    var made = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
    window.addEventListener("resize", function () {
      made.resize();
    });
    return { element: element, chart: made };
  }

  function bars(name, rows) {
    var made = chart(name);
    if (!made) return;
    made.chart.setOption({
      animation: false,
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r.count; }) }],
    });
  }

  var grades = chart("grades");
  if (grades) {
    grades.chart.setOption({
      animation: false,
      legend: {},
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 32, bottom: 48 },
      xAxis: { type: "category", data: data.grades.map(function (r) { return r.name; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: ["A", "B", "C", "D"].map(function (grade) {
        return {
          type: "bar", stack: "grades", name: grade, itemStyle: { color: colours[grade] },
          data: data.grades.map(function (r) { return r[grade]; }),
        };
      }),
    });
    grades.chart.on("click", function (params) {
      var row = data.grades[params.dataIndex];
      if (row) window.location.search = "?division=" + encodeURIComponent(row.code);
    });
  }

  var trend = chart("trend");
  if (trend) {
    var meanLabel = trend.element.dataset.meanLabel;
    trend.chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: "category", data: data.trend.map(function (r) { return r.month; }) },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [{ type: "line", name: meanLabel, data: data.trend.map(function (r) { return r.mean; }) }],
    });
  }

  bars("clauses", data.clauses);
  bars("duties", data.duties);
})();
