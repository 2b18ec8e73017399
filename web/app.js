/* The chart page: power over time with the tariff periods as bands, energy per period, tiles; refreshed every minute.
   All times are drawn in the browser's time zone (Highcharts time.useUTC = false); day and month boundaries of the
   energy figures are asked of the server in that same zone. */
(function () {
  'use strict';

  var ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
  var MINUTE = 60e3, HOUR = 3600e3, DAY = 86400e3;
  var REFRESH_MS = MINUTE;

  // band colour (power chart) and bar colour (energy chart) of each tariff period
  var PERIODS = {
    BASE: { name: 'Base', band: null, bar: '#7cb5ec' },
    HC: { name: 'Heures creuses', band: 'rgba(47,111,222,0.10)', bar: '#4f86e8' },
    HP: { name: 'Heures pleines', band: 'rgba(255,166,0,0.10)', bar: '#f5a623' },
    HN: { name: 'EJP normal', band: null, bar: '#5cb85c' },
    PM: { name: 'EJP pointe mobile', band: 'rgba(217,45,32,0.22)', bar: '#d92d20' },
    HCJB: { name: 'Tempo bleu HC', band: 'rgba(47,111,222,0.12)', bar: '#7fa7f0' },
    HPJB: { name: 'Tempo bleu HP', band: 'rgba(47,111,222,0.24)', bar: '#1f4fbf' },
    HCJW: { name: 'Tempo blanc HC', band: 'rgba(140,140,140,0.10)', bar: '#c8ccd4' },
    HPJW: { name: 'Tempo blanc HP', band: 'rgba(140,140,140,0.24)', bar: '#8a919e' },
    HCJR: { name: 'Tempo rouge HC', band: 'rgba(217,45,32,0.12)', bar: '#f09a92' },
    HPJR: { name: 'Tempo rouge HP', band: 'rgba(217,45,32,0.28)', bar: '#b42318' }
  };
  var INDEX_COLOURS = ['#4f86e8', '#f5a623', '#5cb85c', '#d92d20', '#8e5cd9', '#16a3b8', '#e36bae', '#8a919e',
    '#b8860b', '#2e7d32'];

  function periodStyle(period) {
    if (PERIODS[period]) { return PERIODS[period]; }
    var index = /^T(\d+)$/.exec(period);
    var colour = index ? INDEX_COLOURS[(Number(index[1]) - 1) % INDEX_COLOURS.length] : '#999';
    return { name: index ? 'Index ' + index[1] : period, band: Highcharts.color(colour).setOpacity(0.12).get(),
      bar: colour };
  }

  var state = { meters: [], meter: null, power: null, energy: null, energyStep: 'day', followLatest: true };
  window.teleinfo = state; // for the browser test and for debugging in the console

  function $(id) { return document.getElementById(id); }

  function api(path, params) {
    var query = Object.keys(params || {}).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
    }).join('&');
    return fetch(path + (query ? '?' + query : ''), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) { throw new Error(body.error || response.status + ' ' + response.statusText); }
          return body;
        });
      });
  }

  function showProblem(error) {
    var problem = $('problem');
    if (error) {
      problem.textContent = 'Cannot load the data: ' + error.message + '. Retrying every minute.';
      problem.hidden = false;
    } else {
      problem.hidden = true;
    }
  }

  function formatNumber(value, decimals) {
    return value.toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function formatEuros(value) {
    return value.toLocaleString(undefined, { style: 'currency', currency: 'EUR' });
  }

  function startOfToday() {
    var d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }

  // ---- meters and tiles ----

  function loadMeters() {
    return api('/api/meters').then(function (body) {
      state.meters = body.meters;
      var select = $('meter');
      if (state.meters.length > 1 && select.options.length !== state.meters.length) {
        select.innerHTML = '';
        state.meters.forEach(function (m) {
          var option = document.createElement('option');
          option.value = option.textContent = m.meter;
          select.appendChild(option);
        });
      }
      $('meter-choice').hidden = state.meters.length < 2;
      if (!state.meter || !currentMeter()) {
        var wanted = new URLSearchParams(location.search).get('meter');
        state.meter = (state.meters.filter(function (m) { return m.meter === wanted; })[0] || state.meters[0] || {})
          .meter || null;
      }
      select.value = state.meter || '';
    });
  }

  function currentMeter() {
    return state.meters.filter(function (m) { return m.meter === state.meter; })[0];
  }

  function updateTiles() {
    var meter = currentMeter();
    var ageMinutes = Math.floor((Date.now() - meter.last) / MINUTE);
    $('tile-power').textContent = meter.lastPower == null ? '–' : formatNumber(meter.lastPower, 0) + ' VA';
    $('tile-period').textContent = meter.lastPeriod ? periodStyle(meter.lastPeriod).name : '';
    $('tile-last').textContent = new Date(meter.last).toLocaleTimeString(undefined,
      { hour: '2-digit', minute: '2-digit' });
    var age = $('tile-last-age');
    age.textContent = new Date(meter.last).toLocaleDateString() + (ageMinutes > 5 ? ' · ' + ageMinutes + ' min ago' : '');
    age.classList.toggle('stale', ageMinutes > 5);
    return api('/api/energy', { meter: meter.meter, from: startOfToday(), to: Date.now() + 1, step: 'day', tz: ZONE })
      .then(function (energy) {
        $('tile-today').textContent = formatNumber(energy.total, 2) + ' kWh';
        $('tile-today-cost').textContent = energy.cost == null ? '' : formatEuros(energy.cost) + ' incl. subscription';
      });
  }

  // ---- power chart ----

  function powerData(body) {
    return {
      average: body.points.map(function (p) { return [p[0], p[1]]; }),
      range: body.points.map(function (p) { return [p[0], p[2], p[3]]; })
    };
  }

  function powerQuery(meter, min, max, points) {
    return api('/api/power', { meter: meter, from: Math.floor(min), to: Math.ceil(max), points: points, tz: ZONE });
  }

  function detailPoints() {
    return Math.max(200, Math.round((state.power && state.power.plotWidth) || $('power').clientWidth || 800));
  }

  /* Loads the detail of [min, max]; moveTo: also move the view there once loaded (the axis keeps the view inside
     the data it has, so a range ending after the last point loaded is reached this way). */
  function loadPower(min, max, moveTo) {
    var chart = state.power;
    if (state.loaded && Math.abs(state.loaded.min - min) < MINUTE && Math.abs(state.loaded.max - max) < MINUTE) {
      return Promise.resolve(); // the range drawn already (range selector set up at creation)
    }
    state.loaded = { min: min, max: max };
    chart.showLoading('Loading…');
    return powerQuery(state.meter, min, max, detailPoints()).then(function (body) {
      var data = powerData(body);
      state.bucketMs = body.step * 1000;
      chart.series[0].setData(data.average, false);
      chart.series[1].setData(data.range, false);
      drawPeriods(body.periods);
      chart.hideLoading();
      if (moveTo) {
        chart.xAxis[0].setExtremes(min, max, false, false);
      }
      chart.redraw();
    });
  }

  function drawPeriods(periods) {
    var axis = state.power.xAxis[0];
    axis.removePlotBand('period');
    var present = {};
    periods.forEach(function (interval) {
      var style = periodStyle(interval.period);
      present[interval.period] = style;
      if (style.band) {
        axis.addPlotBand({ id: 'period', from: interval.from, to: interval.to, color: style.band, zIndex: 0 });
      }
    });
    var legend = $('period-legend');
    legend.innerHTML = '';
    Object.keys(present).sort().forEach(function (period) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.style.background = present[period].band || 'transparent';
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(period + ' · ' + present[period].name));
      legend.appendChild(item);
    });
  }

  /* The series hold the detail of the range shown; outside it, the overview of the whole history, so that the
     range buttons and the navigator know where the data starts and ends. */
  function mergedSeries(overview, detail, min, max) {
    function merge(outer, inner) {
      return outer.filter(function (p) { return p[0] < min; }).concat(inner,
        outer.filter(function (p) { return p[0] >= max; }));
    }
    return { average: merge(overview.average, detail.average), range: merge(overview.range, detail.range) };
  }

  function createPowerChart(overview, detail, detailPeriods, min, max) {
    var data = mergedSeries(overview, detail, min, max);
    state.followLatest = true;
    state.loaded = { min: min, max: max };
    state.power = Highcharts.stockChart('power', {
      chart: { zooming: { type: 'x' }, animation: false, spacing: [10, 0, 10, 0] },
      accessibility: { enabled: false },
      credits: { enabled: false },
      legend: { enabled: false },
      rangeSelector: {
        buttons: [
          { type: 'day', count: 1, text: 'Day' },
          { type: 'week', count: 1, text: 'Week' },
          { type: 'month', count: 1, text: 'Month' },
          { type: 'year', count: 1, text: 'Year' },
          { type: 'all', text: 'All' }
        ],
        selected: 0,
        inputEnabled: false
      },
      navigator: { adaptToUpdatedData: false, series: { data: overview.average, type: 'line' } },
      scrollbar: { liveRedraw: false },
      xAxis: {
        ordinal: false,
        minRange: 10 * MINUTE,
        events: {
          afterSetExtremes: function (e) {
            // the axis stops the view at the last point drawn, the start of the last bucket
            state.followLatest = e.max >= currentMeter().last - state.bucketMs;
            loadPower(e.min, e.max).catch(showProblem);
          }
        }
      },
      yAxis: { min: 0, title: { text: 'VA' }, opposite: false },
      tooltip: { valueDecimals: 0, valueSuffix: ' VA', xDateFormat: '%A %e %B %Y, %H:%M' },
      plotOptions: { series: { animation: false, dataGrouping: { enabled: false } } },
      series: [
        { id: 'average', name: 'Power', type: 'line', data: data.average, color: '#2f6fde', lineWidth: 1.5,
          zIndex: 2 },
        { id: 'range', name: 'Min–max', type: 'arearange', data: data.range, color: '#2f6fde',
          fillOpacity: 0.18, lineWidth: 0, zIndex: 1 }
      ]
    });
    drawPeriods(detailPeriods);
    state.power.xAxis[0].setExtremes(min, max, true, false);
    if (!state.drawnAt) {
      state.drawnAt = performance.now(); // page opened to chart drawn, read by the benchmark
      $('power').setAttribute('data-drawn', 'true');
    }
  }

  /* The overview of the whole history (navigator) and the detail of the last day, fetched together. */
  function loadPowerChart() {
    var meter = currentMeter();
    var last = meter.last + MINUTE;
    var min = Math.max(meter.first, last - DAY);
    return Promise.all([powerQuery(meter.meter, meter.first, last, 600),
      powerQuery(meter.meter, min, last, detailPoints())]).then(function (bodies) {
      if (state.power) { state.power.destroy(); }
      state.bucketMs = bodies[1].step * 1000;
      createPowerChart(powerData(bodies[0]), powerData(bodies[1]), bodies[1].periods, min, last);
    });
  }

  function refreshPower() {
    var meter = currentMeter();
    var last = meter.last + MINUTE;
    var axis = state.power.xAxis[0];
    var extremes = axis.getExtremes();
    var span = extremes.max - extremes.min;
    return powerQuery(meter.meter, meter.first, last, 600).then(function (body) {
      state.power.navigator.series[0].setData(powerData(body).average, false);
      state.power.redraw();
      return state.followLatest ? loadPower(Math.max(meter.first, last - span), last, true) : null;
    });
  }

  // ---- energy chart ----

  function energyRange(step) {
    var now = new Date();
    var from = new Date(now);
    if (step === 'hour') {
      from.setMinutes(0, 0, 0);
      from = new Date(from.getTime() - 47 * HOUR);
    } else if (step === 'day') {
      from.setHours(0, 0, 0, 0);
      from.setDate(from.getDate() - 30);
    } else {
      from.setHours(0, 0, 0, 0);
      from.setDate(1);
      from.setMonth(from.getMonth() - 11);
    }
    return { from: from.getTime(), to: now.getTime() + 1 };
  }

  function loadEnergy() {
    var step = state.energyStep;
    var range = energyRange(step);
    $('csv').href = '/api/readings.csv?meter=' + encodeURIComponent(state.meter) + '&from=' +
      Math.max(range.from, Date.now() - 366 * DAY + HOUR) + '&to=' + range.to;
    state.energyQuery = { meter: state.meter, from: range.from, to: range.to, step: step, tz: ZONE };
    return api('/api/energy', state.energyQuery).then(function (energy) { drawEnergy(energy); });
  }

  function drawEnergy(energy) {
    var costs = {};
    energy.buckets.forEach(function (b) { costs[b.t] = b.cost; });
    var series = energy.periods.map(function (period) {
      var style = periodStyle(period);
      return {
        id: period, name: period + ' · ' + style.name, color: style.bar,
        data: energy.buckets.map(function (b) { return [b.t, b.kWh[period] || 0]; })
      };
    });
    var formats = { hour: '%a %e %b, %H:%M', day: '%A %e %B %Y', month: '%B %Y' };
    if (state.energy) { state.energy.destroy(); }
    state.energy = Highcharts.chart('energy', {
      chart: { type: 'column', animation: false, spacing: [10, 0, 10, 0] },
      accessibility: { enabled: false },
      credits: { enabled: false },
      title: { text: null },
      xAxis: { type: 'datetime' },
      yAxis: { min: 0, title: { text: 'kWh' }, stackLabels: { enabled: false } },
      legend: { enabled: true },
      plotOptions: { column: { stacking: 'normal', borderWidth: 0, groupPadding: 0.05, pointPadding: 0.02 },
        series: { animation: false } },
      tooltip: {
        shared: true,
        formatter: function () {
          var lines = ['<b>' + Highcharts.dateFormat(formats[energy.step], this.x) + '</b>'];
          var total = 0;
          this.points.forEach(function (p) {
            if (p.y > 0) { lines.push(p.series.name + ': ' + formatNumber(p.y, 2) + ' kWh'); }
            total += p.y;
          });
          lines.push('Total: ' + formatNumber(total, 2) + ' kWh');
          if (costs[this.x] != null) { lines.push('Cost: ' + formatEuros(costs[this.x])); }
          return lines.join('<br>');
        }
      },
      series: series
    });
    var total = formatNumber(energy.total, 2) + ' kWh';
    var byPeriod = energy.periods.map(function (p) { return p + ' ' + formatNumber(energy.kWh[p], 2); }).join(', ');
    $('energy-total').textContent = 'Shown: ' + total + (byPeriod ? ' (' + byPeriod + ')' : '') +
      (energy.cost == null ? '' : ' · ' + formatEuros(energy.cost) + ' incl. subscription');
  }

  // ---- page ----

  function showData(hasData) {
    $('empty').hidden = hasData;
    $('tiles').hidden = !hasData;
    $('power-section').hidden = !hasData;
    $('energy-section').hidden = !hasData;
  }

  /* Everything about the chosen meter; the power chart first: on a small server the other requests slow it down. */
  function loadMeterView() {
    return Promise.all([updateTiles(), loadPowerChart().then(loadEnergy)]);
  }

  /* Every minute, and at the start (also after a failed start: the server or the database was down). */
  function refresh() {
    return loadMeters().then(function () {
      showData(state.meters.length > 0);
      if (!state.meter) { return null; }
      return state.power ? Promise.all([updateTiles(), refreshPower(), loadEnergy()]) : loadMeterView();
    }).then(function () { showProblem(null); }, showProblem);
  }

  Highcharts.setOptions({ time: { useUTC: false } });
  state.refresh = refresh;

  $('meter').addEventListener('change', function () {
    state.meter = this.value;
    loadMeterView().catch(showProblem);
  });
  Array.prototype.forEach.call(document.querySelectorAll('.steps button'), function (button) {
    button.addEventListener('click', function () {
      state.energyStep = button.getAttribute('data-step');
      Array.prototype.forEach.call(document.querySelectorAll('.steps button'), function (b) {
        b.classList.toggle('selected', b === button);
      });
      loadEnergy().catch(showProblem);
    });
  });

  refresh();
  setInterval(refresh, REFRESH_MS);
}());
