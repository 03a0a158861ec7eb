// The calls answered from outage announcements per hour (templates/announcements/parts.html :: chart): one bar
// series per announcement over the data of #announcement-chart-data. Tooltips are drawn by ECharts itself (richText).
(function () {
  'use strict';
  var source = document.getElementById('announcement-chart-data');
  var el = document.getElementById('announcement-chart');
  if (!source || !el) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!window.echarts || !data.hours.length || !data.series.length) {
    el.classList.add('d-none');
    return;
  }
  var chart = echarts.init(el);
  chart.setOption({
    grid: {left: 8, right: 8, bottom: 8, top: data.series.length > 1 ? 32 : 16, containLabel: true},
    tooltip: {trigger: 'axis', renderMode: 'richText'},
    legend: data.series.length > 1 ? {top: 0, type: 'scroll'} : undefined,
    xAxis: {type: 'category', data: data.hours, axisLabel: {rotate: data.hours.length > 12 ? 30 : 0}},
    yAxis: {type: 'value', minInterval: 1},
    series: data.series.map(function (s) {
      return {type: 'bar', name: s.name, stack: 'calls', data: s.calls};
    })
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
