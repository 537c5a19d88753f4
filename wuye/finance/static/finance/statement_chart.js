/* A statement's income and expense by level-1 account (ECharts pies). The data comes from the json_script
   "statement-chart" ({income: [{name, value}], expense: [...]}); nothing is concatenated into HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("statement-chart").textContent);
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  document.querySelectorAll(".statement-chart").forEach(function (element) {
    var points = (data[element.dataset.kind] || []).map(function (p) {
      return { name: p.name, value: Number(p.value) };
    });
    var chart = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
    chart.setOption({
      animation: false,
      title: { text: element.dataset.title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 24, data: points, label: { formatter: "{b} {d}%" } }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
