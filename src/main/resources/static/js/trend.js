// The assessment's monthly trend (templates/assessing/status.html): a line chart of the JSON at the element's
// data-src. Tooltips are drawn by ECharts itself (richText), not as HTML with inline styles.
(function () {
  'use strict';
  var el = document.getElementById('trend-chart');
  if (!el) {
    return;
  }
  fetch(el.getAttribute('data-src'), {headers: {'Accept': 'application/json'}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (d) {
      if (!d || typeof echarts === 'undefined') {
        return;
      }
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {trigger: 'axis', renderMode: 'richText'}, legend: {type: 'scroll'},
        xAxis: {type: 'category', data: d.months},
        yAxis: {type: 'value', min: function (v) { return Math.max(0, Math.floor(v.min - 5)); }, max: 100},
        series: d.series.map(function (s) { return {name: s.name, type: 'line', data: s.data}; })
      });
      el.setAttribute('data-loaded', d.series.length);
      window.addEventListener('resize', function () { chart.resize(); });
    });
})();
