/* Income against expense per published half year (ECharts bars). The data comes from the json_script
   "halves-chart-data" ({labels, income, expense}); nothing is concatenated into HTML. */
(function () {
  "use strict";
  var element = document.getElementById("halves-chart");
  var source = document.getElementById("halves-chart-data");
  if (!element || !source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  var chart = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: "value" },
    series: [
      { name: chinese ? "收入" : "Income", type: "bar", data: data.income.map(Number) },
      { name: chinese ? "支出" : "Expense", type: "bar", data: data.expense.map(Number) },
    ],
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
