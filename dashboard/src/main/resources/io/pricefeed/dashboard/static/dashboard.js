// The dashboard page: live candlesticks over /api/bars (polled every second), anomaly markers
// from /api/anomalies, and the daily-metrics charts from /api/daily. Plain script, no bundler:
// the charting library is the standalone build served beside this file.
(function () {
  'use strict';
  const LC = window.LightweightCharts;
  const POLL_MS = 1000;
  const ANOMALY_POLL_MS = 5000;
  // The charts label times in UTC; shifting by IST's fixed +05:30 makes them read as NSE's clock.
  const IST_OFFSET_S = 19800;
  const SEVERITY_COLOURS = { HIGH: '#ef5350', MEDIUM: '#f7a21b', LOW: '#42a5f5' };

  const el = (id) => document.getElementById(id);
  const symbolSelect = el('symbol');
  const tfSelect = el('tf');
  const status = el('status');
  const tooltip = el('tooltip');
  const legend = el('legend');

  const state = {
    symbol: null,
    tf: '1m',
    bars: [],            // oldest first, as the API gives them
    anomalies: [],
    anomaliesByTime: new Map(),
    generation: 0,       // bumped on every symbol/timeframe change, so stale answers are dropped
    polling: false,
    lastPoll: 0,
    lastAnomalyPoll: 0,
    ready: false,
    dailyPoints: 0,
    dailyReady: false,
    view: 'live',
  };

  const chartTime = (ms) => Math.floor(ms / 1000) + IST_OFFSET_S;

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }

  // --- live chart -------------------------------------------------------------------------

  const chart = LC.createChart(el('live-chart'), {
    autoSize: true,
    layout: { background: { color: '#131722' }, textColor: '#d1d4dc' },
    grid: { vertLines: { color: '#1e222d' }, horzLines: { color: '#1e222d' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#2a2e39' },
    rightPriceScale: { borderColor: '#2a2e39' },
  });
  const candles = chart.addSeries(LC.CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false,
    wickUpColor: '#26a69a', wickDownColor: '#ef5350',
  });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
  const volume = chart.addSeries(LC.HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '' });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  const markers = LC.createSeriesMarkers(candles, []);

  function candleOf(bar) {
    return { time: chartTime(bar.barStart), open: bar.open, high: bar.high, low: bar.low, close: bar.close };
  }

  function volumeOf(bar) {
    return {
      time: chartTime(bar.barStart), value: bar.volume,
      color: bar.close >= bar.open ? 'rgba(38,166,154,0.5)' : 'rgba(239,83,80,0.5)',
    };
  }

  function showLegend(bar) {
    if (!bar) {
      legend.textContent = '';
      return;
    }
    const f = (x) => x.toFixed(2);
    legend.textContent = bar.barStartIst.replace('T', ' ').slice(0, 16) + ' IST  O ' + f(bar.open) + '  H ' + f(bar.high)
      + '  L ' + f(bar.low) + '  C ' + f(bar.close) + '  V ' + bar.volume.toLocaleString('en-IN')
      + (bar.final ? '' : '  (forming)');
  }

  // Merges bars from a poll: a bar with a known start replaces it (a live bar turning final, a
  // revision); newer ones are appended.
  function merge(fresh) {
    let appended = false;
    for (const bar of fresh) {
      const last = state.bars[state.bars.length - 1];
      if (last && bar.barStart < last.barStart) {
        const i = state.bars.findIndex((b) => b.barStart === bar.barStart);
        if (i >= 0) {
          state.bars[i] = bar;
          candles.update(candleOf(bar), true);
          volume.update(volumeOf(bar), true);
        }
        continue;
      }
      if (last && bar.barStart === last.barStart) {
        state.bars[state.bars.length - 1] = bar;
      } else {
        state.bars.push(bar);
        appended = true;
      }
      candles.update(candleOf(bar));
      volume.update(volumeOf(bar));
    }
    if (appended) {
      placeMarkers();
    }
  }

  // The bar an anomaly belongs to at this timeframe: the one whose [start, end) holds its bar start.
  function barFor(ms) {
    let lo = 0;
    let hi = state.bars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = state.bars[mid];
      if (ms < b.barStart) {
        hi = mid - 1;
      } else if (ms >= b.barEnd) {
        lo = mid + 1;
      } else {
        return b;
      }
    }
    return null;
  }

  function placeMarkers() {
    state.anomaliesByTime = new Map();
    for (const a of state.anomalies) {
      const bar = barFor(a.barStart) || barFor(a.ts);
      if (!bar) {
        continue;
      }
      const time = chartTime(bar.barStart);
      if (!state.anomaliesByTime.has(time)) {
        state.anomaliesByTime.set(time, []);
      }
      state.anomaliesByTime.get(time).push(a);
    }
    const list = [];
    for (const [time, events] of [...state.anomaliesByTime.entries()].sort((x, y) => x[0] - y[0])) {
      const worst = events.find((e) => e.severity === 'HIGH') || events.find((e) => e.severity === 'MEDIUM') || events[0];
      list.push({
        time, position: 'aboveBar', shape: 'arrowDown', color: SEVERITY_COLOURS[worst.severity] || '#f7a21b',
        text: events.map((e) => e.rule).join(', '),
      });
    }
    markers.setMarkers(list);
  }

  chart.subscribeCrosshairMove((param) => {
    const hovered = param.time === undefined ? null : state.bars.find((b) => chartTime(b.barStart) === param.time);
    showLegend(hovered || state.bars[state.bars.length - 1]);
    const events = param.time === undefined ? null : state.anomaliesByTime.get(param.time);
    if (!events || !param.point) {
      tooltip.hidden = true;
      return;
    }
    tooltip.textContent = events.map((e) => e.severity + ' ' + e.rule + ' at ' + e.tsIst.slice(11, 19) + ' IST\n' + e.message).join('\n\n');
    tooltip.style.left = Math.min(param.point.x + 16, el('live-chart').clientWidth - 240) + 'px';
    tooltip.style.top = (param.point.y + 40) + 'px';
    tooltip.hidden = false;
  });

  async function loadLive() {
    const generation = ++state.generation;
    state.ready = false;
    const query = 'symbol=' + encodeURIComponent(state.symbol) + '&tf=' + state.tf;
    setStatus('loading ' + state.symbol + ' ' + state.tf + '...');
    try {
      const body = await getJson('/api/bars?' + query);
      if (generation !== state.generation) {
        return;
      }
      state.bars = body.bars;
      candles.setData(state.bars.map(candleOf));
      volume.setData(state.bars.map(volumeOf));
      chart.timeScale().fitContent();
      showLegend(state.bars[state.bars.length - 1]);
      await loadAnomalies(generation);
      state.ready = true;
      setStatus(state.bars.length + ' bars' + (state.bars.length ? '' : ' yet'));
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  async function loadAnomalies(generation) {
    state.lastAnomalyPoll = Date.now();
    try {
      const body = await getJson('/api/anomalies?symbol=' + encodeURIComponent(state.symbol));
      if (generation === state.generation) {
        state.anomalies = body.anomalies;
        placeMarkers();
      }
    } catch (e) {
      // The lake may not exist yet at the start of a session: bars still work without markers.
      if (generation === state.generation) {
        state.anomalies = [];
        placeMarkers();
      }
    }
  }

  async function poll() {
    if (state.view !== 'live' || !state.ready || state.polling) {
      return;
    }
    state.polling = true;
    const generation = state.generation;
    try {
      const last = state.bars[state.bars.length - 1];
      const query = 'symbol=' + encodeURIComponent(state.symbol) + '&tf=' + state.tf + (last ? '&from=' + last.barStart : '');
      const body = await getJson('/api/bars?' + query);
      if (generation === state.generation) {
        merge(body.bars);
        if (Date.now() - state.lastAnomalyPoll >= ANOMALY_POLL_MS) {
          await loadAnomalies(generation);
        }
        const newest = state.bars[state.bars.length - 1];
        setStatus(state.bars.length + ' bars; updated ' + new Date().toLocaleTimeString('en-GB', { timeZone: 'Asia/Kolkata' })
          + ' IST' + (newest && !newest.final ? '; last bar forming' : ''));
      }
    } catch (e) {
      setStatus(e.message, true);
    } finally {
      state.polling = false;
    }
  }

  // --- daily metrics ----------------------------------------------------------------------

  let daily = null;

  function dailyCharts() {
    const options = {
      autoSize: true,
      layout: { background: { color: '#131722' }, textColor: '#d1d4dc' },
      grid: { vertLines: { color: '#1e222d' }, horzLines: { color: '#1e222d' } },
    };
    const price = LC.createChart(el('daily-price'), options);
    const ret = LC.createChart(el('daily-return'), options);
    const vol = LC.createChart(el('daily-vol'), options);
    return {
      charts: [price, ret, vol],
      close: price.addSeries(LC.LineSeries, { color: '#787b86', lineWidth: 1, title: 'close' }),
      avg90: price.addSeries(LC.LineSeries, { color: '#2962ff', lineWidth: 2, title: '90-day avg' }),
      ret: ret.addSeries(LC.HistogramSeries, { title: 'return %' }),
      vol: vol.addSeries(LC.LineSeries, { color: '#f7a21b', lineWidth: 2, title: 'GK vol %' }),
    };
  }

  async function loadDaily() {
    const generation = state.generation;
    state.dailyReady = false;
    if (!daily) {
      daily = dailyCharts();
    }
    try {
      const body = await getJson('/api/daily?symbol=' + encodeURIComponent(state.symbol) + '&days=90');
      if (generation !== state.generation) {
        return;
      }
      const m = body.metrics;
      daily.close.setData(m.map((d) => ({ time: d.tradeDate, value: d.close })));
      daily.avg90.setData(m.map((d) => ({ time: d.tradeDate, value: d.avgPrice90d })));
      daily.ret.setData(m.filter((d) => d.dailyReturnPct !== null).map((d) => ({
        time: d.tradeDate, value: d.dailyReturnPct, color: d.dailyReturnPct >= 0 ? '#26a69a' : '#ef5350',
      })));
      daily.vol.setData(m.map((d) => ({ time: d.tradeDate, value: d.volatilityPct })));
      daily.charts.forEach((c) => c.timeScale().fitContent());
      state.dailyPoints = m.length;
      el('daily-note').textContent = m.length
        ? m.length + ' trading days from ' + m[0].tradeDate + ' to ' + m[m.length - 1].tradeDate
          + ' (the lake\'s 1d bars; a day appears once its session has closed).'
        : 'No daily bars for ' + state.symbol + ' in the lake yet: a day\'s 1d bar is written when its session closes.';
      state.dailyReady = true;
      setStatus(m.length + ' days of daily metrics');
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  // --- controls ---------------------------------------------------------------------------

  function show(view) {
    state.view = view;
    el('tab-live').classList.toggle('active', view === 'live');
    el('tab-daily').classList.toggle('active', view === 'daily');
    el('live-view').hidden = view !== 'live';
    el('daily-view').hidden = view !== 'daily';
    el('tf-label').hidden = view !== 'live';
    if (view === 'daily') {
      loadDaily();
    } else {
      loadLive();
    }
  }

  function selectionChanged() {
    state.symbol = symbolSelect.value;
    state.tf = tfSelect.value;
    const url = new URL(window.location.href);
    url.searchParams.set('symbol', state.symbol);
    url.searchParams.set('tf', state.tf);
    window.history.replaceState(null, '', url);
    show(state.view);
  }

  async function start() {
    const params = new URLSearchParams(window.location.search);
    try {
      const body = await getJson('/api/symbols');
      if (body.symbols.length === 0) {
        // A pipeline that has just started has written no bar yet: look again shortly.
        setStatus('no bars in DynamoDB yet (is the pipeline running? ./pricefeed demo); looking again every 2 s', true);
        setTimeout(start, 2000);
        return;
      }
      for (const s of body.symbols) {
        symbolSelect.add(new Option(s, s));
      }
      const wanted = params.get('symbol');
      symbolSelect.value = body.symbols.includes(wanted) ? wanted : body.symbols[0];
      const tf = params.get('tf');
      if ([...tfSelect.options].some((o) => o.value === tf)) {
        tfSelect.value = tf;
      }
      symbolSelect.addEventListener('change', selectionChanged);
      tfSelect.addEventListener('change', selectionChanged);
      el('tab-live').addEventListener('click', () => show('live'));
      el('tab-daily').addEventListener('click', () => show('daily'));
      state.view = params.get('view') === 'daily' ? 'daily' : 'live';
      selectionChanged();
      setInterval(poll, POLL_MS);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  // What the browser test reads: the chart's own state, not pixels guessed from a screenshot.
  window.pricefeedDashboard = {
    ready: () => state.ready,
    dailyReady: () => state.dailyReady,
    candleCount: () => candles.data().length,
    volumeCount: () => volume.data().length,
    markerCount: () => markers.markers().length,
    dailyPoints: () => state.dailyPoints,
    markerTimes: () => markers.markers().map((m) => m.time),
    timeToX: (time) => chart.timeScale().timeToCoordinate(time),
    priceToY: (price) => candles.priceToCoordinate(price),
  };

  start();
})();
