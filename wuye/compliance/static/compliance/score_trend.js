/* The 12-month score trend of a scorecard (ECharts). The data comes from json_script elements named
   by the chart's data attributes; nothing is concatenated into the script. */
(function () {
  "use strict";

  function read(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function draw(element) {
    var points = read(element.dataset.points);
    var grades = read(element.dataset.grades);
    var window_ = read(element.dataset.window);
    var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
    var chart = echarts.init(element, null, { locale: chinese ? "ZH" : "EN" });
    var scoreLabel = element.dataset.scoreLabel;
    var gradeLabel = element.dataset.gradeLabel;
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 40, top: 16, bottom: 28 },
      tooltip: {
        trigger: "axis",
        formatter: function (params) {
          var point = params[0].data;
          return point.value[0] + "<br>" + scoreLabel + " " + point.value[1] + " · " + gradeLabel + " " + point.grade;
        },
      },
      xAxis: { type: "time", min: window_.from, max: window_.to },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [
        {
          type: "line",
          name: scoreLabel,
          showSymbol: points.length < 40,
          data: points.map(function (p) {
            return { value: [p[0], p[1]], grade: p[2] };
          }),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", opacity: 0.5 },
            label: { position: "end", formatter: "{b}" },
            data: Object.keys(grades).map(function (grade) {
              return { name: grade, yAxis: grades[grade] };
            }),
          },
        },
      ],
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  document.querySelectorAll("[data-score-trend]").forEach(draw);
})();
