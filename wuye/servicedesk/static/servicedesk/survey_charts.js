/* Survey results (ECharts): a pie for ratings and single choices, bars for multiple choices. The data
   comes from the json_script "survey-charts" ({question id: [{name, value}]}); nothing is concatenated. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("survey-charts").textContent);
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  document.querySelectorAll(".survey-chart").forEach(function (element) {
    var points = data[element.dataset.question] || [];
    var chart = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
    var option;
    if (element.dataset.kind === "multiple") {
      option = {
        animation: false,
        grid: { left: 90, right: 16, top: 8, bottom: 24 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: points.map(function (p) { return p.name; }) },
        series: [{ type: "bar", data: points.map(function (p) { return p.value; }) }],
      };
    } else {
      option = {
        animation: false,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        series: [{ type: "pie", radius: ["35%", "70%"], data: points, label: { formatter: "{b} {d}%" } }],
      };
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
