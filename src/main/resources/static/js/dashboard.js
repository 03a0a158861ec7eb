// The dashboard's bar chart of late cases by unit (templates/cases/dashboard.html): its data is the JSON of the
// element #late-data. Tooltips are drawn by ECharts itself (richText), not as HTML with inline styles.
(function () {
  'use strict';
  var source = document.getElementById('late-data');
  var el = document.getElementById('late-chart');
  if (!source || !el) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!window.echarts || !data.units.length) {
    el.classList.add('d-none');
    return;
  }
  var chart = echarts.init(el);
  chart.setOption({
    grid: {left: 8, right: 8, bottom: 8, top: 16, containLabel: true},
    tooltip: {renderMode: 'richText'},
    xAxis: {type: 'category', data: data.units, axisLabel: {interval: 0, rotate: data.units.length > 4 ? 30 : 0}},
    yAxis: {type: 'value', minInterval: 1},
    series: [{type: 'bar', data: data.late, itemStyle: {color: '#dc3545'}}]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
