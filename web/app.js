/* The chart page: tiles, power over time with the tariff periods as bands (and the injected power, the subscribed
   power, the overloads), the phases of a three-phase meter, energy and cost per period; refreshed every minute.
   French or English after the browser's language, numbers and dates in its locale. All times are drawn in the
   browser's time zone (Highcharts time.useUTC = false); day and month boundaries of the energy figures are asked of
   the server in that same zone. */
(function () {
  'use strict';

  var ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
  var MINUTE = 60e3, HOUR = 3600e3, DAY = 86400e3;
  var REFRESH_MS = MINUTE;

  // ---- language: one small message table ----

  var MESSAGES = {
    fr: {
      title: 'Électricité', meter: 'Compteur', tilePower: 'Puissance', tileToday: "Aujourd'hui",
      tileMonth: 'Ce mois-ci', tileLastMonth: 'Mois dernier', tileYear: 'Cette année', tileStandby: 'Veille (nuit)',
      tileDayMax: 'Maximum du jour', tileLast: 'Dernière mesure', tempo: 'Tempo', ejp: 'EJP',
      emptyTitle: 'Aucune mesure pour le moment',
      emptyText: "Le serveur n'a encore reçu aucune mesure. Dès que le collecteur du Raspberry Pi envoie sa première " +
        'mesure (une par minute), la courbe de puissance et l’énergie par jour apparaissent ici d’elles-mêmes.',
      emptyCheck: 'Vérifiez que le collecteur tourne et envoie ses mesures à ce serveur (POST /api/readings).',
      powerTitle: 'Puissance', powerSubtitle: 'VA, moyenne et min–max par point',
      phasesTitle: 'Phases', phasesSubtitle: 'courant (A), tension (V) et puissance (VA) par phase',
      energyTitle: 'Énergie', energySubtitle: 'kWh par période tarifaire',
      hours: 'Heures', days: 'Jours', months: 'Mois',
      power: 'Puissance', minMax: 'Min–max', injected: 'Injection', subscribed: 'Puissance souscrite {0}',
      overload: 'Dépassement', consumed: 'Consommé', net: 'Net (consommé − injecté)',
      current: 'Courant', voltage: 'Tension', phasePower: 'Puissance', phase: 'phase {0}',
      day: 'Jour', week: 'Semaine', month: 'Mois', year: 'Année', all: 'Tout', loading: 'Chargement…',
      total: 'Total', cost: 'Coût', shown: 'Affiché : {0}', withSubscription: 'abonnement compris',
      withoutSubscription: 'sans abonnement (inconnu)', projected: 'fin de mois prévue : {0}',
      perYear: '{0} par an', ago: 'il y a {0} min', of: 'sur {0}', overloads: '{0} dépassement(s)',
      today: "aujourd'hui", tomorrow: 'demain', unknown: 'inconnu', dayIs: '{0} : {1}',
      BLUE: 'bleu', WHITE: 'blanc', RED: 'rouge', PEAK: 'pointe', NORMAL: 'normal',
      injectedNow: 'injection {0}', problem: 'Impossible de charger les données : {0}. Nouvel essai chaque minute.'
    },
    en: {
      title: 'Electricity', meter: 'Meter', tilePower: 'Current power', tileToday: 'Today', tileMonth: 'This month',
      tileLastMonth: 'Last month', tileYear: 'This year', tileStandby: 'Standby (night)', tileDayMax: "Today's maximum",
      tileLast: 'Last reading', tempo: 'Tempo', ejp: 'EJP',
      emptyTitle: 'No readings yet',
      emptyText: 'The server has not stored any reading. Once the collector on the Raspberry Pi sends its first ' +
        'reading (one per minute), the power curve and the energy per day appear here by themselves.',
      emptyCheck: 'Check that the collector runs and points at this server (POST /api/readings).',
      powerTitle: 'Power', powerSubtitle: 'VA, average and min–max per point',
      phasesTitle: 'Phases', phasesSubtitle: 'current (A), voltage (V) and power (VA) per phase',
      energyTitle: 'Energy', energySubtitle: 'kWh per tariff period',
      hours: 'Hours', days: 'Days', months: 'Months',
      power: 'Power', minMax: 'Min–max', injected: 'Injected', subscribed: 'Subscribed power {0}',
      overload: 'Overload', consumed: 'Consumed', net: 'Net (consumed − injected)',
      current: 'Current', voltage: 'Voltage', phasePower: 'Power', phase: 'phase {0}',
      day: 'Day', week: 'Week', month: 'Month', year: 'Year', all: 'All', loading: 'Loading…',
      total: 'Total', cost: 'Cost', shown: 'Shown: {0}', withSubscription: 'incl. subscription',
      withoutSubscription: 'without subscription (unknown)', projected: 'projected month end: {0}',
      perYear: '{0} a year', ago: '{0} min ago', of: 'of {0}', overloads: '{0} overload(s)',
      today: 'today', tomorrow: 'tomorrow', unknown: 'unknown', dayIs: '{0}: {1}',
      BLUE: 'blue', WHITE: 'white', RED: 'red', PEAK: 'peak', NORMAL: 'normal',
      injectedNow: 'injecting {0}', problem: 'Cannot load the data: {0}. Retrying every minute.'
    }
  };
  var LANGUAGES = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  var LANG = /^fr\b/i.test(LANGUAGES[0]) ? 'fr' : 'en';
  var LOCALE = /^(fr|en)\b/i.test(LANGUAGES[0]) ? LANGUAGES[0] : (LANG === 'fr' ? 'fr-FR' : 'en-GB');

  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    return MESSAGES[LANG][key].replace(/\{(\d)\}/g, function (m, i) { return args[Number(i)]; });
  }

  // band colour (power chart) and bar colour (energy chart) of each tariff period
  var PERIODS = {
    BASE: { band: null, bar: '#7cb5ec' },
    HC: { band: 'rgba(47,111,222,0.10)', bar: '#4f86e8' },
    HP: { band: 'rgba(255,166,0,0.10)', bar: '#f5a623' },
    HN: { band: null, bar: '#5cb85c' },
    PM: { band: 'rgba(217,45,32,0.22)', bar: '#d92d20' },
    HCJB: { band: 'rgba(47,111,222,0.12)', bar: '#7fa7f0' },
    HPJB: { band: 'rgba(47,111,222,0.24)', bar: '#1f4fbf' },
    HCJW: { band: 'rgba(140,140,140,0.10)', bar: '#c8ccd4' },
    HPJW: { band: 'rgba(140,140,140,0.24)', bar: '#8a919e' },
    HCJR: { band: 'rgba(217,45,32,0.12)', bar: '#f09a92' },
    HPJR: { band: 'rgba(217,45,32,0.28)', bar: '#b42318' }
  };
  var INDEX_COLOURS = ['#4f86e8', '#f5a623', '#5cb85c', '#d92d20', '#8e5cd9', '#16a3b8', '#e36bae', '#8a919e',
    '#b8860b', '#2e7d32'];
  var DAY_COLOURS = { BLUE: 'rgba(47,111,222,0.13)', WHITE: 'rgba(140,140,140,0.10)', RED: 'rgba(217,45,32,0.16)' };
  var PHASE_COLOURS = ['#8e5cd9', '#16a3b8', '#e36bae'];

  function periodStyle(period) {
    if (PERIODS[period]) { return PERIODS[period]; }
    var index = /^T(\d+)$/.exec(period);
    var colour = index ? INDEX_COLOURS[(Number(index[1]) - 1) % INDEX_COLOURS.length] : '#999';
    return { band: Highcharts.color(colour).setOpacity(0.12).get(), bar: colour };
  }

  /* The name of a period as the meter says it (or as renamed in the settings), from the API's `names`. */
  function periodName(period, names) {
    return (names && names[period]) || (currentMeter() && currentMeter().names && currentMeter().names[period]) ||
      period;
  }

  // generation counters: a response is drawn only if nothing newer was asked for since (zoom, meter switch, step)
  var state = { meters: [], meter: null, power: null, phases: null, energy: null, energyStep: 'day',
    followLatest: true, lang: LANG, locale: LOCALE, seq: { power: 0, phases: 0, energy: 0, tiles: 0 } };
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

  /* Runs a request of a kind (power, energy...) and hands its answer on only if no later request of that kind was
     made meanwhile and the meter is still the one shown: a slow earlier answer never overwrites a later view. */
  function latest(kind, promise) {
    var ticket = ++state.seq[kind];
    var meter = state.meter;
    return promise.then(function (body) {
      if (ticket !== state.seq[kind] || meter !== state.meter) { throw STALE; }
      return body;
    });
  }
  var STALE = { stale: true };
  function ignoreStale(error) { if (error !== STALE) { throw error; } }

  function showProblem(error) {
    var problem = $('problem');
    if (error && error !== STALE) {
      problem.textContent = t('problem', error.message);
      problem.hidden = false;
    } else {
      problem.hidden = true;
    }
  }

  function formatNumber(value, decimals) {
    return value.toLocaleString(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function formatEuros(value) {
    return value.toLocaleString(LOCALE, { style: 'currency', currency: 'EUR' });
  }

  function formatVa(value) {
    return formatNumber(value, 0) + ' VA';
  }

  function formatKwh(value) {
    return formatNumber(value, 2) + ' kWh';
  }

  function startOfToday() {
    var d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }

  function translatePage() {
    document.documentElement.lang = LANG;
    document.title = t('title') + ' — teleinfo';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (element) {
      element.textContent = t(element.getAttribute('data-i18n'));
    });
    var months = [], shortMonths = [], weekdays = [];
    for (var m = 0; m < 12; m++) {
      var date = new Date(2026, m, 1);
      months.push(date.toLocaleDateString(LOCALE, { month: 'long' }));
      shortMonths.push(date.toLocaleDateString(LOCALE, { month: 'short' }));
    }
    for (var d = 0; d < 7; d++) { // 2026-11-29 is a Sunday: Highcharts counts from Sunday
      weekdays.push(new Date(2026, 10, 29 + d).toLocaleDateString(LOCALE, { weekday: 'long' }));
    }
    var separators = (12345.6).toLocaleString(LOCALE).replace(/\d/g, '');
    Highcharts.setOptions({
      time: { useUTC: false },
      lang: { months: months, shortMonths: shortMonths, weekdays: weekdays, loading: t('loading'),
        decimalPoint: separators.charAt(separators.length - 1), thousandsSep: separators.length > 1 ?
          separators.charAt(0) : '', rangeSelectorZoom: '', resetZoom: '↺' }
    });
  }

  // ---- meters and tiles ----

  function loadMeters() {
    return api('/api/meters').then(function (body) {
      state.meters = body.meters;
      var select = $('meter');
      var labels = state.meters.map(function (m) { return m.name ? m.name + ' · ' + m.meter : m.meter; });
      if (state.meters.length > 1 && select.options.length !== state.meters.length) {
        select.innerHTML = '';
        state.meters.forEach(function (m, i) {
          var option = document.createElement('option');
          option.value = m.meter;
          option.textContent = labels[i];
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

  function costText(figure) {
    return figure && figure.cost != null ? formatEuros(figure.cost) : '–';
  }

  function updateTiles() {
    var meter = currentMeter();
    var ageMinutes = Math.floor((Date.now() - meter.last) / MINUTE);
    $('tile-power').textContent = meter.lastPower == null ? '–' : formatVa(meter.lastPower);
    $('tile-period').textContent = (meter.lastPeriod ? periodName(meter.lastPeriod, meter.names) : '') +
      (meter.producer && meter.lastInjection != null ? ' · ' + t('injectedNow', formatVa(meter.lastInjection)) : '');
    $('tile-last').textContent = new Date(meter.last).toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' });
    var age = $('tile-last-age');
    age.textContent = new Date(meter.last).toLocaleDateString(LOCALE) + (ageMinutes > 5 ? ' · ' + t('ago', ageMinutes) : '');
    age.classList.toggle('stale', ageMinutes > 5);
    showDayColours(meter.day);
    return latest('tiles', api('/api/summary', { meter: meter.meter, tz: ZONE })).then(drawSummary);
  }

  function showDayColours(day) {
    $('tile-day-colour').hidden = !day;
    if (!day) { return; }
    $('tile-day-label').textContent = t(day.kind === 'TEMPO' ? 'tempo' : 'ejp');
    [['tile-day-today', day.today, 'today'], ['tile-day-tomorrow', day.tomorrow, 'tomorrow']].forEach(function (d) {
      var element = $(d[0]);
      element.textContent = t('dayIs', t(d[2]), d[1] ? t(d[1]) : t('unknown'));
      element.className = 'day ' + (d[1] ? d[1].toLowerCase() : 'unknown');
      element.setAttribute('data-colour', d[1] || '');
    });
    $('tile-day-detail').textContent = '';
  }

  function drawSummary(summary) {
    state.summary = summary;
    var subscription = summary.subscribedVa != null;
    $('tile-today').textContent = formatKwh(summary.today.kWh);
    $('tile-today-cost').textContent = summary.today.cost == null ? '' : formatEuros(summary.today.cost);
    $('tile-month').textContent = costText(summary.month);
    $('tile-month-projected').textContent = summary.projectedMonthCost == null ? formatKwh(summary.month.kWh) :
      formatKwh(summary.month.kWh) + ' · ' + t('projected', formatEuros(summary.projectedMonthCost));
    $('tile-last-month').textContent = costText(summary.lastMonth);
    $('tile-last-month-kwh').textContent = summary.lastMonth ? formatKwh(summary.lastMonth.kWh) : '';
    $('tile-year').textContent = costText(summary.year);
    $('tile-year-kwh').textContent = formatKwh(summary.year.kWh) +
      (summary.year.injected > 0 ? ' · ' + t('injected') + ' ' + formatKwh(summary.year.injected) : '');
    $('tile-standby').textContent = summary.standbyVa == null ? '–' : formatVa(summary.standbyVa);
    $('tile-standby-cost').textContent = summary.standbyYearlyCost == null ? '' :
      t('perYear', formatEuros(summary.standbyYearlyCost)) + ' (' + formatNumber(summary.standbyYearlyKWh, 0) + ' kWh)';
    $('tile-day-max').textContent = summary.dayMaxVa == null ? '–' : formatVa(summary.dayMaxVa);
    var detail = [];
    if (subscription) { detail.push(t('of', formatVa(summary.subscribedVa))); }
    if (summary.dayMaxAt) {
      detail.push(new Date(summary.dayMaxAt).toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' }));
    }
    if (summary.overloadsToday > 0) { detail.push(t('overloads', summary.overloadsToday)); }
    $('tile-day-max-detail').textContent = detail.join(' · ');
    $('tile-day-max-detail').classList.toggle('stale', summary.overloadsToday > 0);
  }

  // ---- power chart ----

  function powerData(body) {
    return {
      average: body.points.map(function (p) { return [p[0], p[1]]; }),
      range: body.points.map(function (p) { return [p[0], p[2], p[3]]; }),
      injection: (body.injection || []).map(function (p) { return [p[0], p[1]]; })
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
    chart.showLoading(t('loading'));
    loadPhases(min, max);
    return latest('power', powerQuery(state.meter, min, max, detailPoints())).then(function (body) {
      var data = powerData(body);
      state.bucketMs = body.step * 1000;
      chart.series[0].setData(data.average, false);
      chart.series[1].setData(data.range, false);
      chart.series[2].setData(data.injection, false);
      drawPeriods(body);
      chart.hideLoading();
      if (moveTo) {
        chart.xAxis[0].setExtremes(min, max, false, false);
      }
      chart.redraw();
    }).catch(ignoreStale);
  }

  function drawPeriods(body) {
    var axis = state.power.xAxis[0];
    axis.removePlotBand('period');
    axis.removePlotLine('overload');
    var present = {};
    body.periods.forEach(function (interval) {
      var style = periodStyle(interval.period);
      present[interval.period] = style;
      if (style.band) {
        axis.addPlotBand({ id: 'period', from: interval.from, to: interval.to, color: style.band, zIndex: 0 });
      }
    });
    (body.overloads || []).forEach(function (o) {
      axis.addPlotLine({ id: 'overload', value: o[0], color: '#b42318', width: 2, zIndex: 3, dashStyle: 'ShortDash',
        label: { text: t('overload'), rotation: 90, style: { color: '#b42318', fontSize: '10px' } } });
    });
    var yAxis = state.power.yAxis[0];
    yAxis.removePlotLine('subscribed');
    if (body.subscribedVa) {
      yAxis.addPlotLine({ id: 'subscribed', value: body.subscribedVa, color: '#b42318', width: 1, zIndex: 3,
        label: { text: t('subscribed', formatVa(body.subscribedVa)), align: 'right', x: -4,
          style: { color: '#b42318', fontSize: '10px' } } });
      yAxis.update({ softMax: body.subscribedVa }, false);
    }
    var legend = $('period-legend');
    legend.innerHTML = '';
    Object.keys(present).sort().forEach(function (period) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.style.background = present[period].band || 'transparent';
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(periodName(period, body.names)));
      item.setAttribute('data-period', period);
      legend.appendChild(item);
    });
  }

  /* The series hold the detail of the range shown; outside it, the overview of the whole history, so that the
     range buttons and the navigator know where the data starts and ends. The detail's buckets are aligned on the
     epoch, so its first one may begin before `min`: the overview is cut at the detail's own first and last points,
     or an overview point would fall between them (Highcharts error #15, data not sorted). */
  function mergedSeries(overview, detail, min, max) {
    var first = detail.average.length ? Math.min(min, detail.average[0][0]) : min;
    var last = detail.average.length ? Math.max(max, detail.average[detail.average.length - 1][0] + 1) : max;
    function merge(outer, inner) {
      return outer.filter(function (p) { return p[0] < first; }).concat(inner,
        outer.filter(function (p) { return p[0] >= last; }));
    }
    return { average: merge(overview.average, detail.average), range: merge(overview.range, detail.range),
      injection: merge(overview.injection, detail.injection) };
  }
  state.mergedSeries = mergedSeries;

  function createPowerChart(overview, detail, detailBody, min, max) {
    var data = mergedSeries(overview, detail, min, max);
    state.followLatest = true;
    state.loaded = { min: min, max: max };
    var producer = currentMeter().producer;
    state.power = Highcharts.stockChart('power', {
      chart: { zooming: { type: 'x' }, animation: false, spacing: [10, 0, 10, 0] },
      accessibility: { enabled: false },
      credits: { enabled: false },
      legend: { enabled: producer },
      rangeSelector: {
        buttons: [
          { type: 'day', count: 1, text: t('day') },
          { type: 'week', count: 1, text: t('week') },
          { type: 'month', count: 1, text: t('month') },
          { type: 'year', count: 1, text: t('year') },
          { type: 'all', text: t('all') }
        ],
        buttonTheme: { width: 56 },
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
        { id: 'average', name: t('power'), type: 'line', data: data.average, color: '#2f6fde', lineWidth: 1.5,
          zIndex: 2 },
        { id: 'range', name: t('minMax'), type: 'arearange', data: data.range, color: '#2f6fde',
          fillOpacity: 0.18, lineWidth: 0, zIndex: 1, showInLegend: false },
        { id: 'injection', name: t('injected'), type: 'line', data: data.injection, color: '#2e7d32',
          lineWidth: 1.5, zIndex: 2, showInLegend: producer }
      ]
    });
    drawPeriods(detailBody);
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
    return latest('power', Promise.all([powerQuery(meter.meter, meter.first, last, 600),
      powerQuery(meter.meter, min, last, detailPoints())])).then(function (bodies) {
      if (state.power) { state.power.destroy(); }
      state.bucketMs = bodies[1].step * 1000;
      createPowerChart(powerData(bodies[0]), powerData(bodies[1]), bodies[1], min, last);
      loadPhases(min, last);
    });
  }

  function refreshPower() {
    var meter = currentMeter();
    var last = meter.last + MINUTE;
    var axis = state.power.xAxis[0];
    var extremes = axis.getExtremes();
    var span = extremes.max - extremes.min;
    return powerQuery(meter.meter, meter.first, last, 600).then(function (body) {
      if (meter.meter !== state.meter) { return null; }
      state.power.navigator.series[0].setData(powerData(body).average, false);
      state.power.redraw();
      return state.followLatest ? loadPower(Math.max(meter.first, last - span), last, true) : null;
    });
  }

  // ---- phases (three-phase meters only) ----

  function loadPhases(min, max) {
    var meter = currentMeter();
    var three = meter && meter.phases === 3;
    $('phases-section').hidden = !three;
    if (!three) {
      if (state.phases) { state.phases.destroy(); state.phases = null; }
      return Promise.resolve();
    }
    return latest('phases', api('/api/phases', { meter: meter.meter, from: Math.floor(min), to: Math.ceil(max),
      points: Math.min(600, detailPoints()), tz: ZONE })).then(drawPhases).catch(ignoreStale).catch(showProblem);
  }

  function drawPhases(body) {
    var series = [];
    var kinds = [['current', 1, ' A', 0], ['voltage', 4, ' V', 1], ['phasePower', 7, ' VA', 2]];
    kinds.forEach(function (kind) {
      for (var phase = 0; phase < 3; phase++) {
        var column = kind[1] + phase;
        var data = body.points.filter(function (p) { return p[column] != null; })
          .map(function (p) { return [p[0], p[column]]; });
        if (data.length) {
          // voltages start hidden (a click on the legend shows them): nine lines at once are hard to read
          series.push({ name: t(kind[0]) + ' ' + t('phase', phase + 1), data: data, yAxis: kind[3],
            color: PHASE_COLOURS[phase], dashStyle: ['Solid', 'ShortDot', 'ShortDash'][kind[3]],
            visible: kind[0] !== 'voltage', tooltip: { valueSuffix: kind[2] } });
        }
      }
    });
    if (state.phases) { state.phases.destroy(); }
    state.phases = Highcharts.chart('phases', {
      chart: { type: 'line', animation: false, spacing: [10, 0, 10, 0] },
      accessibility: { enabled: false },
      credits: { enabled: false },
      title: { text: null },
      xAxis: { type: 'datetime' },
      yAxis: [{ title: { text: 'A' }, min: 0 }, { title: { text: 'V' }, opposite: true, showEmpty: false },
        { title: { text: 'VA' }, min: 0, opposite: true }],
      tooltip: { shared: true, valueDecimals: 0, xDateFormat: '%A %e %B %Y, %H:%M' },
      plotOptions: { series: { animation: false, lineWidth: 1.2, marker: { enabled: false } } },
      series: series
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
    var query = { meter: state.meter, from: range.from, to: range.to, step: step, tz: ZONE };
    return latest('energy', api('/api/energy', query)).then(function (energy) {
      state.energyQuery = query;
      drawEnergy(energy);
    }).catch(ignoreStale);
  }

  function drawEnergy(energy) {
    var byTime = {};
    energy.buckets.forEach(function (b) { byTime[b.t] = b; });
    var series = energy.periods.map(function (period) {
      return {
        id: period, name: periodName(period, energy.names), color: periodStyle(period).bar, stack: 'consumed',
        data: energy.buckets.map(function (b) { return [b.t, b.kWh[period] || 0]; })
      };
    });
    if (energy.injected > 0) {
      series.push({ id: 'injected', name: t('injected'), color: '#2e7d32', stack: 'injected',
        data: energy.buckets.map(function (b) { return [b.t, b.injected]; }) });
      series.push({ id: 'net', name: t('net'), type: 'line', color: '#1d2330', stacking: undefined,
        marker: { enabled: false }, data: energy.buckets.map(function (b) { return [b.t, b.net]; }) });
    }
    var bands = energy.buckets.filter(function (b) { return b.colour; }).map(function (b) {
      return { from: b.t, to: b.end, color: DAY_COLOURS[b.colour], className: 'day-' + b.colour.toLowerCase() };
    });
    var formats = { hour: '%a %e %b, %H:%M', day: '%A %e %B %Y', month: '%B %Y' };
    if (state.energy) { state.energy.destroy(); }
    state.energy = Highcharts.chart('energy', {
      chart: { type: 'column', animation: false, spacing: [10, 0, 10, 0] },
      accessibility: { enabled: false },
      credits: { enabled: false },
      title: { text: null },
      xAxis: { type: 'datetime', plotBands: bands },
      yAxis: { title: { text: 'kWh' }, stackLabels: { enabled: false } },
      legend: { enabled: true },
      plotOptions: { column: { stacking: 'normal', borderWidth: 0, groupPadding: 0.05, pointPadding: 0.02 },
        series: { animation: false } },
      tooltip: {
        shared: true,
        formatter: function () {
          var bucket = byTime[this.x];
          var lines = ['<b>' + Highcharts.dateFormat(formats[energy.step], this.x) + '</b>' +
            (bucket && bucket.colour ? ' · ' + t('tempo') + ' ' + t(bucket.colour) : '')];
          this.points.forEach(function (p) {
            if (p.y !== 0 && p.series.options.id !== 'net') {
              lines.push(p.series.name + ': ' + formatNumber(p.y, 2) + ' kWh');
            }
          });
          lines.push(t('total') + ': ' + formatKwh(bucket ? bucket.total : 0));
          if (bucket && bucket.injected > 0) { lines.push(t('net') + ': ' + formatKwh(bucket.net)); }
          if (bucket && bucket.cost != null) { lines.push(t('cost') + ': ' + formatEuros(bucket.cost)); }
          return lines.join('<br>');
        }
      },
      series: series
    });
    var byPeriod = energy.periods.map(function (p) {
      return periodName(p, energy.names) + ' ' + formatNumber(energy.kWh[p], 2);
    }).join(', ');
    $('energy-total').textContent = t('shown', formatKwh(energy.total)) + (byPeriod ? ' (' + byPeriod + ')' : '') +
      (energy.injected > 0 ? ' · ' + t('injected') + ' ' + formatKwh(energy.injected) : '') +
      (energy.cost == null ? '' : ' · ' + formatEuros(energy.cost) + ' ' +
        (energy.subscriptionPerMonth == null ? t('withoutSubscription') : t('withSubscription')));
  }

  // ---- page ----

  function showData(hasData) {
    $('empty').hidden = hasData;
    $('tiles').hidden = !hasData;
    $('power-section').hidden = !hasData;
    $('energy-section').hidden = !hasData;
    if (!hasData) { $('phases-section').hidden = true; }
  }

  /* Everything about the chosen meter; the power chart first: on a small server the other requests slow it down. */
  function loadMeterView() {
    return Promise.all([updateTiles().catch(ignoreStale), loadPowerChart().then(loadEnergy).catch(ignoreStale)]);
  }

  /* Every minute, and at the start (also after a failed start: the server or the database was down). */
  function refresh() {
    return loadMeters().then(function () {
      showData(state.meters.length > 0);
      if (!state.meter) { return null; }
      return state.power ? Promise.all([updateTiles().catch(ignoreStale), refreshPower(), loadEnergy()])
        : loadMeterView();
    }).then(function () { showProblem(null); }, showProblem);
  }

  translatePage();
  state.refresh = refresh;

  $('meter').addEventListener('change', function () {
    state.meter = this.value;
    state.loaded = null;
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
