/* A project's tickets per month by kind (stacked bars) and the share that missed a deadline (line),
   from the json_script element the chart's data attribute names. */
(function () {
  "use strict";

  function draw(element) {
    var data = JSON.parse(document.getElementById(element.dataset.ticketTrend).textContent);
    var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
    var chart = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
    var series = data.kinds.map(function (kind) {
      return { type: "bar", stack: "kinds", name: kind.name, data: kind.data };
    });
    series.push({ type: "line", name: data.labels.overdue, yAxisIndex: 1, data: data.overdue_share });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 48, top: 40, bottom: 28 },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.months },
      yAxis: [
        { type: "value", name: data.labels.tickets, minInterval: 1 },
        { type: "value", name: data.labels.overdue, min: 0, max: 100 },
      ],
      series: series,
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  document.querySelectorAll("[data-ticket-trend]").forEach(draw);
})();
