// The comparison page: draws the matrix and the drill-down from the JSON data island.
// Every string from the results is put on screen with textContent, never as markup.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('vfc-data').textContent);
  var targets = data.targets;
  var rows = data.rows;
  // the two scales, conformance first, each with its verdicts from best to worst
  var axes = data.axes;
  var axisByName = {};
  axes.forEach(function (a) { axisByName[a.name] = a; });
  // Fields whose values differ between any two runs; a difference there is shown faintly.
  var VOLATILE = /^(ino|atime|mtime|ctime|atimensec|mtimensec|ctimensec|generation|entryValid|attrValid)=$/;
  var state = { row: -1, target: -1, axis: '', unfolded: {} };
  // A run of at least FOLD_MIN rows where every daemon got the axis's best verdict shows its first
  // row and folds the rest behind an expander.
  var FOLD_MIN = 4;
  // the cells whose verdict moved, keyed 'row/target': against an earlier run and against baselines
  function changesByCell(c) {
    var m = {};
    if (c) { c.cells.forEach(function (x) { m[x.row + '/' + x.target] = x; }); }
    return m;
  }
  var moved = { earlier: changesByCell(data.changes.earlier), baselines: changesByCell(data.changes.baselines) };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function present(a) { return a.rows > 0; }

  // ---- header, legend, filters ----------------------------------------------------------
  function drawSummary() {
    var disagree = rows.filter(function (r) { return r.disagree; }).length;
    var split = axes.filter(present).map(function (a) { return a.rows + ' ' + a.name; }).join(', ');
    byId('summary').textContent = rows.length + ' scenarios (' + split + ') \u00b7 ' + targets.length + ' daemons \u00b7 '
      + disagree + ' where they disagree \u00b7 generated ' + data.generated;
    var legend = byId('legend');
    axes.filter(present).forEach(function (a) {
      var line = el('div', 'legend-line');
      line.dataset.axis = a.name;
      line.appendChild(el('strong', 'axis-name', a.title));
      line.appendChild(el('span', 'explains', a.explains));
      var list = el('ul', 'swatches');
      list.setAttribute('aria-label', a.name + ' verdicts, best to worst');
      a.verdicts.forEach(function (v) {
        var li = el('li');
        li.title = v + ': ' + a.meanings[v];
        li.appendChild(el('span', 'swatch v-' + v));
        li.appendChild(document.createTextNode(v));
        list.appendChild(li);
      });
      line.appendChild(list);
      legend.appendChild(line);
    });
  }

  function drawHeader() {
    var head = byId('head-row');
    targets.forEach(function (t) {
      var th = el('th', 'target-col');
      th.dataset.target = t.name;
      th.title = t.name + '\nkind: ' + t.kind + '\nversion: ' + t.version + '\ncommand: ' + t.command;
      th.appendChild(el('div', 'name', t.name));
      th.appendChild(el('div', 'version', t.version));
      axes.forEach(function (a) {
        var counts = t.counts[a.name];
        if (!counts) { return; }
        var box = el('div', 'axis-counts');
        box.dataset.axis = a.name;
        box.appendChild(el('span', 'axis-name', a.name));
        a.verdicts.forEach(function (v) {
          var n = counts[v] || 0;
          if (n === 0) { return; }
          var chip = el('span', 'chip v-' + v);
          chip.dataset.verdict = v;
          chip.title = n + ' ' + v + ' on the ' + a.name + ' axis: ' + a.meanings[v];
          chip.appendChild(document.createTextNode(n + ' '));
          chip.appendChild(el('span', 'lbl', v));
          box.appendChild(chip);
        });
        th.appendChild(box);
      });
      head.appendChild(th);
    });
  }

  // rows arrive grouped by axis, then by area in the report's order (ScenarioRow.AREA_ORDER); keep it
  function areasInOrder(axis) {
    var seen = [];
    rows.forEach(function (r) {
      if ((!axis || r.axis === axis) && seen.indexOf(r.area) < 0) { seen.push(r.area); }
    });
    return seen;
  }

  function drawFilters() {
    var toggle = byId('f-axis');
    [{ name: '', title: 'both axes', rows: rows.length }].concat(axes.filter(present)).forEach(function (a) {
      var b = el('button', null, a.title + ' (' + a.rows + ')');
      b.type = 'button';
      b.dataset.axis = a.name;
      b.setAttribute('aria-pressed', a.name === state.axis ? 'true' : 'false');
      if (a.explains) { b.title = a.explains; }
      b.addEventListener('click', function () { showAxis(a.name); });
      toggle.appendChild(b);
    });
    var area = byId('f-area');
    areasInOrder('').forEach(function (a) {
      var n = rows.filter(function (r) { return r.area === a; }).length;
      var o = el('option', null, a + ' (' + n + ')');
      o.value = a;
      area.appendChild(o);
    });
    var verdict = byId('f-verdict');
    axes.filter(present).forEach(function (a) {
      var group = el('optgroup');
      group.label = a.title;
      a.verdicts.forEach(function (v) {
        var o = el('option', null, 'any daemon ' + v);
        o.value = a.name + ':' + v;
        o.title = a.meanings[v];
        group.appendChild(o);
      });
      verdict.appendChild(group);
    });
    ['f-area', 'f-verdict', 'f-disagree'].forEach(function (id) { byId(id).addEventListener('change', applyFilters); });
    byId('f-search').addEventListener('input', applyFilters);
  }

  function showAxis(name) {
    state.axis = name;
    document.querySelectorAll('#f-axis button').forEach(function (b) {
      b.setAttribute('aria-pressed', b.dataset.axis === name ? 'true' : 'false');
    });
    document.querySelectorAll('.axis-counts').forEach(function (box) {
      box.classList.toggle('dim', !!name && box.dataset.axis !== name);
    });
    applyFilters();
  }

  // ---- the matrix ----------------------------------------------------------------------
  function drawMatrix() {
    var body = byId('matrix-body');
    axes.filter(present).forEach(function (a) {
      var section = el('tr', 'axis-row');
      section.dataset.axis = a.name;
      var th = el('th');
      th.colSpan = targets.length + 1;
      th.appendChild(el('span', 'axis-title', a.title));
      th.appendChild(el('span', 'n'));
      th.appendChild(el('span', 'explains', a.explains));
      section.appendChild(th);
      body.appendChild(section);
      areasInOrder(a.name).forEach(function (area) { drawArea(body, a.name, area); });
    });
  }

  function drawArea(body, axis, area) {
    var group = el('tr', 'area-row');
    group.dataset.axis = axis;
    group.dataset.area = area;
    var th = el('th', null, area);
    th.colSpan = targets.length + 1;
    th.appendChild(el('span', 'n'));
    group.appendChild(th);
    body.appendChild(group);
    var run = [];
    rows.forEach(function (r, i) {
      if (r.axis !== axis || r.area !== area) { return; }
      if (run.length && !sameAllBest(run[0], i)) { flushRun(body, run); run = []; }
      run.push(i);
    });
    flushRun(body, run);
  }

  // whether row i is a plain row: every daemon that ran it got the best verdict and nothing moved
  function allBest(i) {
    var best = axisByName[rows[i].axis].verdicts[0];
    return rows[i].cells.every(function (c, t) {
      return !c || (c.v === best && !moved.earlier[i + '/' + t] && !moved.baselines[i + '/' + t]);
    });
  }

  // whether row i folds with row first: both plain, and the same daemons ran both
  function sameAllBest(first, i) {
    return allBest(first) && allBest(i) && rows[first].cells.every(function (c, t) { return !c === !rows[i].cells[t]; });
  }

  function flushRun(body, run) {
    var fold = run.length >= FOLD_MIN && allBest(run[0]);
    run.forEach(function (i, k) {
      var tr = scenarioRow(i, 'scenario-row');
      if (fold && k > 0) { tr.dataset.fold = run[0]; }
      body.appendChild(tr);
      if (fold && k === 0) { body.appendChild(foldRow(run)); }
    });
  }

  function foldRow(run) {
    var tr = el('tr', 'fold-row');
    tr.dataset.fold = run[0];
    var th = el('th');
    th.colSpan = targets.length + 1;
    var b = el('button', 'fold', '\u25b8 ' + (run.length - 1) + ' more identical rows (every daemon '
      + axisByName[rows[run[0]].axis].verdicts[0] + ')');
    b.type = 'button';
    b.addEventListener('click', function () { state.unfolded[run[0]] = true; applyFilters(); });
    th.appendChild(b);
    tr.appendChild(th);
    return tr;
  }

  // one scenario across the daemons; cls tells the matrix's rows from the lists' rows
  function scenarioRow(i, cls) {
    var r = rows[i];
    var tr = el('tr', cls + (r.disagree ? ' disagree' : ''));
    tr.dataset.id = r.id;
    tr.dataset.axis = r.axis;
    tr.dataset.area = r.area;
    tr.dataset.row = i;
    var th = el('th');
    th.title = r.id + ' (' + r.axis + ')\n' + r.title + (r.disagree ? '\n(the daemons disagree)' : '');
    th.appendChild(el('code', null, r.id));
    th.appendChild(el('span', 'title', r.title));
    tr.appendChild(th);
    r.cells.forEach(function (c, t) {
      var td = el('td', 'cell' + (c ? '' : ' missing'));
      td.dataset.target = targets[t].name;
      td.dataset.verdict = c ? c.v : '';
      var v = el('span', 'v' + (c ? ' v-' + c.v : ''), c ? c.v : '\u2014');
      if (c) {
        v.tabIndex = 0;
        v.setAttribute('role', 'button');
        v.title = targets[t].name + ': ' + c.v + ' (' + r.axis + ')' + (c.d ? ' \u2014 ' + c.d.slice(0, 300) : '');
        v.addEventListener('click', function () { openDrill(i, t); });
        v.addEventListener('keydown', function (e) {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openDrill(i, t); }
        });
      } else {
        v.title = targets[t].name + ' did not run this scenario';
      }
      td.appendChild(v);
      markMoved(td, i, t);
      tr.appendChild(td);
    });
    return tr;
  }

  // a cell whose verdict is not the one before: against the earlier run (--against) and the baseline
  function markMoved(td, i, t) {
    var earlier = moved.earlier[i + '/' + t];
    var baseline = moved.baselines[i + '/' + t];
    if (earlier) {
      td.classList.add('moved', 'moved-' + earlier.direction.replace(' ', '-'));
      td.dataset.was = earlier.was;
      var was = el('span', 'was', 'was ' + earlier.was);
      was.title = 'the earlier run (' + data.changes.earlier.against + ') had ' + earlier.was + ': ' + earlier.direction;
      td.appendChild(was);
    }
    if (baseline) {
      td.classList.add('unexpected');
      td.dataset.expected = baseline.was;
      var exp = el('span', 'expected', 'baseline ' + baseline.was);
      exp.title = 'the baseline (' + data.changes.baselines.against + ') expects ' + baseline.was + ': '
        + baseline.direction;
      td.appendChild(exp);
    }
  }

  function matches(r) {
    var area = byId('f-area').value;
    var verdict = byId('f-verdict').value;
    var query = searchText();
    if (state.axis && r.axis !== state.axis) { return false; }
    if (area && r.area !== area) { return false; }
    if (byId('f-disagree').checked && !r.disagree) { return false; }
    if (verdict) {
      var want = verdict.split(':');
      if (r.axis !== want[0] || !r.cells.some(function (c) { return c && c.v === want[1]; })) { return false; }
    }
    return !query || r.id.toLowerCase().indexOf(query) >= 0;
  }

  function searchText() { return byId('f-search').value.trim().toLowerCase(); }

  // folds stand while no search or verdict filter asks for rows by what they hold
  function folded(tr) {
    return tr.dataset.fold !== undefined && !state.unfolded[tr.dataset.fold] && !searchText() && !byId('f-verdict').value;
  }

  function plural(n) { return n + (n === 1 ? ' scenario' : ' scenarios'); }

  function applyFilters() {
    var shown = 0;
    var perArea = {}, perAxis = {};
    document.querySelectorAll('#matrix-body tr.scenario-row').forEach(function (tr) {
      var ok = matches(rows[Number(tr.dataset.row)]);
      tr.hidden = !ok || folded(tr);
      if (ok) {
        shown++;
        var key = tr.dataset.axis + '/' + tr.dataset.area;
        perArea[key] = (perArea[key] || 0) + 1;
        perAxis[tr.dataset.axis] = (perAxis[tr.dataset.axis] || 0) + 1;
      }
    });
    document.querySelectorAll('#matrix-body tr.fold-row').forEach(function (tr) {
      var first = document.querySelector('#matrix-body tr.scenario-row[data-row="' + tr.dataset.fold + '"]');
      tr.hidden = !folded(tr) || first.hidden;
    });
    document.querySelectorAll('#matrix-body tr.area-row').forEach(function (tr) {
      var n = perArea[tr.dataset.axis + '/' + tr.dataset.area] || 0;
      tr.hidden = n === 0;
      tr.querySelector('.n').textContent = plural(n);
    });
    document.querySelectorAll('#matrix-body tr.axis-row').forEach(function (tr) {
      var n = perAxis[tr.dataset.axis] || 0;
      tr.hidden = n === 0;
      tr.querySelector('.n').textContent = plural(n);
    });
    byId('shown').textContent = shown + ' of ' + rows.length + ' scenarios shown';
    byId('empty').hidden = shown > 0;
  }

  // ---- the drill-down ------------------------------------------------------------------
  function openDrill(i, t) {
    var r = rows[i];
    state.row = i;
    state.target = t;
    document.querySelectorAll('td.cell.selected').forEach(function (td) { td.classList.remove('selected'); });
    var tr = document.querySelector('#matrix-body tr.scenario-row[data-row="' + i + '"]');
    if (tr) { tr.children[t + 1].classList.add('selected'); }
    byId('drill-id').textContent = r.id;
    var axisTag = byId('drill-axis');
    axisTag.textContent = r.axis;
    axisTag.className = 'axis-tag axis-' + r.axis;
    axisTag.title = axisByName[r.axis].title + ': ' + axisByName[r.axis].explains;
    byId('drill-title').textContent = r.title;
    byId('drill-rule').textContent = r.rule || '(no rule recorded)';
    drawKills(r);
    drawVerdictStrip(r, t);
    drawVerdict(r, t);
    drawLog(r.cells[t]);
    drawOtherSelector(r, t);
    drawTranscripts();
    byId('drill').hidden = false;
    byId('backdrop').hidden = false;
    document.querySelector('#drill .drill-body').scrollTop = 0;
    setHash('#' + encodeURIComponent(r.id) + '@' + encodeURIComponent(targets[t].name));
  }

  // ---- the kill matrix: which planted bugs each scenario catches ------------------------
  function drawKills(r) {
    var section = byId('drill-proof');
    section.hidden = !data.killMatrix;
    if (!data.killMatrix) { return; }
    var p = byId('drill-kills');
    p.textContent = '';
    if (!r.inMatrix) {
      p.textContent = 'not in the kill matrix (it did not run against the mutants)';
    } else if (!r.kills || r.kills.length === 0) {
      p.textContent = 'none: no mutant makes this scenario change its verdict (mutants/expected.txt says why)';
    } else {
      r.kills.forEach(function (name, k) {
        if (k > 0) { p.appendChild(document.createTextNode(', ')); }
        var a = el('a', 'mutant', name);
        a.href = '#mutant-' + encodeURIComponent(name);
        a.addEventListener('click', closeDrill);
        p.appendChild(a);
      });
    }
  }

  function drawProof() {
    var m = data.killMatrix;
    if (!m) { return; }
    byId('proof').hidden = false;
    byId('proof-summary').textContent = 'Each mutant is the ' + m.reference + ' daemon with one planted bug; a '
        + 'scenario kills it when their verdicts differ. Scenarios that kill a mutant: ' + m.scenariosKilling
        + ' of ' + m.scenarios + '. Mutants killed: ' + m.mutantsKilled + ' of ' + m.mutants + '.';
    var body = byId('proof-body');
    m.rows.forEach(function (mu) {
      var tr = el('tr', mu.killedBy.length ? 'killed' : 'survives');
      tr.id = 'mutant-' + mu.name;
      tr.appendChild(el('td', '', mu.name));
      var bug = el('td', '', mu.bug);
      if (mu.origin) { bug.title = mu.origin; }
      tr.appendChild(bug);
      var by = el('td', '', mu.killedBy.length ? '' : 'SURVIVES (ran ' + mu.ran + ' scenarios)');
      mu.killedBy.forEach(function (k, j) {
        if (j > 0) { by.appendChild(document.createTextNode(', ')); }
        var a = el('a', '', k.scenario);
        a.title = k.stock + ' on the stock daemon, ' + k.verdict + ' on this mutant';
        a.href = '#' + encodeURIComponent(k.scenario) + '@' + encodeURIComponent(m.reference);
        a.addEventListener('click', function () { setTimeout(openFromHash, 0); });
        by.appendChild(a);
      });
      tr.appendChild(by);
      body.appendChild(tr);
    });
  }

  // ---- performance: vfc bench --json, one chart per workload ---------------------------
  // Bar lengths come as shares of the row's largest figure (PerformanceData); this only draws.
  function figure(v) {
    return v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
  }

  function drawPerformance() {
    var p = data.performance;
    if (!p) { return; }
    byId('performance').hidden = false;
    byId('link-performance').hidden = false;
    byId('link-performance').textContent = 'Performance: ' + p.rows.length
      + (p.rows.length === 1 ? ' workload' : ' workloads') + ' \u2193';
    byId('perf-summary').textContent = 'From vfc bench: each workload\u2019s median per daemon, longer is faster. '
      + 'The hatched bar is the limit: this machine doing the same work with no daemon, measured in the same run. '
      + 'Each chart is scaled to its largest figure.';
    var charts = byId('perf-charts');
    p.rows.forEach(function (r, i) { charts.appendChild(perfChart(r, i)); });
    byId('perf-machine-line').textContent = p.machine || '(not recorded)';
    byId('perf-startup').hidden = p.startup.length === 0;
    p.startup.forEach(function (s) {
      byId('perf-startup-list').appendChild(el('li', null, s.name + ': listening after ' + figure(s.listening)
        + ' ms, first 1 MiB READ answered after ' + figure(s.firstRead) + ' ms'));
    });
    byId('perf-commands').hidden = p.commands.length === 0;
    p.commands.forEach(function (c) {
      var list = byId('perf-command-list');
      list.appendChild(el('dt', null, c.name));
      var dd = el('dd');
      dd.appendChild(el('code', null, c.command));
      list.appendChild(dd);
    });
  }

  function perfChart(r, i) {
    var fig = el('figure', 'perf-chart');
    fig.dataset.row = i;
    var cap = el('figcaption');
    cap.appendChild(el('span', 'workload', r.workload));
    cap.appendChild(document.createTextNode(' '));
    cap.appendChild(el('span', 'unit', r.unit));
    fig.appendChild(cap);
    var bars = el('ul', 'bars');
    r.bars.forEach(function (b) {
      var measured = b.value !== null;
      var li = el('li', 'bar-row' + (b.limit ? ' limit' : '') + (measured ? '' : ' missing'));
      li.dataset.name = b.name;
      li.appendChild(el('span', 'bar-name', b.name));
      var track = el('span', 'bar-track');
      if (measured) {
        var bar = el('span', 'bar');
        bar.style.width = (b.share * 100).toFixed(3) + '%';
        track.appendChild(bar);
      }
      li.appendChild(track);
      li.appendChild(el('span', 'bar-value', measured ? figure(b.value) + ' ' + r.unit : 'not measured'));
      li.title = b.name + ': ' + (measured ? b.value + ' ' + r.unit : 'not measured')
        + (b.limit ? ' (this machine with no daemon)' : '');
      bars.appendChild(li);
    });
    fig.appendChild(bars);
    if (r.latency.length) {
      fig.appendChild(el('p', 'perf-note latency', 'latency p50 / p99: ' + r.latency.map(function (l) {
        return l.name + ' ' + (l.p50 === null ? '\u2014' : figure(l.p50)) + ' / '
          + (l.p99 === null ? '\u2014' : figure(l.p99)) + ' \u00b5s';
      }).join(' \u00b7 ')));
    }
    if (r.alloc.length) {
      fig.appendChild(el('p', 'perf-note alloc', 'heap allocated per request: ' + r.alloc.map(function (a) {
        return a.name + ' ' + figure(a.bytes) + ' B';
      }).join(' \u00b7 ')));
    }
    return fig;
  }

  function closeDrill() {
    byId('drill').hidden = true;
    byId('backdrop').hidden = true;
    document.querySelectorAll('td.cell.selected').forEach(function (td) { td.classList.remove('selected'); });
    setHash('');
  }

  // a link to the open cell; browsers that refuse history calls on file: pages just lose the link
  function setHash(hash) {
    try {
      history.replaceState(null, '', hash || location.pathname + location.search);
    } catch (e) { /* no deep link, nothing else lost */ }
  }

  function drawVerdictStrip(r, current) {
    var strip = byId('drill-verdicts');
    strip.textContent = '';
    r.cells.forEach(function (c, t) {
      var b = el('button', c ? 'v-' + c.v : 'none', targets[t].name + ': ' + (c ? c.v : 'not run'));
      b.type = 'button';
      if (t === current) { b.classList.add('current'); }
      if (c) { b.addEventListener('click', function () { openDrill(state.row, t); }); } else { b.disabled = true; }
      strip.appendChild(b);
    });
  }

  function drawVerdict(r, t) {
    var c = r.cells[t];
    var box = byId('drill-verdict');
    box.textContent = '';
    box.appendChild(el('h3', null, 'Verdict on ' + targets[t].name));
    var line = el('div', 'verdict-line');
    var badge = el('span', 'badge v-' + c.v, c.v);
    badge.id = 'drill-badge';
    line.appendChild(badge);
    line.appendChild(el('span', 'muted small', c.ms + ' ms' + (c.shard ? ' · shard ' + c.shard : '')));
    box.appendChild(line);
    box.appendChild(scaleOf(r.axis, c.v));
    if (c.ea) {
      var ea = el('div', 'ea');
      ea.id = 'drill-ea';
      ea.appendChild(half('expected', c.ea.expected));
      ea.appendChild(half('actual', c.ea.actual));
      box.appendChild(ea);
    } else {
      // crash details carry the daemon's last lines joined by " | ": one per line reads better
      var pre = el('pre', 'block detail', c.d ? c.d.split(' | ').join('\n') : '(no detail)');
      pre.id = 'drill-detail';
      box.appendChild(pre);
    }
  }

  // the verdict on its axis's ladder, best to worst, this one marked, with what it means
  function scaleOf(axisName, current) {
    var a = axisByName[axisName];
    var box = el('div', 'scale');
    box.id = 'drill-scale';
    var p = el('p', 'meaning');
    p.id = 'drill-meaning';
    p.appendChild(el('strong', null, current + ' on the ' + a.name + ' axis: '));
    p.appendChild(document.createTextNode(a.meanings[current] + '. '));
    p.appendChild(el('span', 'muted', a.title + ': ' + a.explains + '.'));
    box.appendChild(p);
    var ladder = el('ol', 'ladder');
    ladder.setAttribute('aria-label', a.name + ' scale, best to worst');
    a.verdicts.forEach(function (v) {
      var li = el('li', 'v-' + v + (v === current ? ' current' : ''), v);
      li.title = a.meanings[v];
      ladder.appendChild(li);
    });
    box.appendChild(ladder);
    return box;
  }

  function half(which, text) {
    var d = el('div', which);
    d.appendChild(el('h4', null, which === 'expected' ? 'expected' : 'got'));
    d.appendChild(el('p', null, text));
    return d;
  }

  function drawLog(c) {
    var box = byId('drill-log');
    box.textContent = '';
    var pre = el('pre', 'block', c.log && c.log.trim() ? c.log : 'no log captured');
    pre.id = 'drill-log-lines';
    if (!(c.log && c.log.trim())) { pre.classList.add('muted'); }
    box.appendChild(pre);
  }

  function drawOtherSelector(r, t) {
    var select = byId('drill-other');
    select.textContent = '';
    var preferred = -1;
    r.cells.forEach(function (c, o) {
      if (o === t) { return; }
      var opt = el('option', null, targets[o].name + (c ? ' (' + c.v + ')' : ' (not run)'));
      opt.value = String(o);
      opt.disabled = !c;
      select.appendChild(opt);
      if (c && preferred < 0 && c.v !== r.cells[t].v) { preferred = o; }
    });
    if (preferred < 0) {
      r.cells.some(function (c, o) { if (c && o !== t) { preferred = o; return true; } return false; });
    }
    select.disabled = preferred < 0;
    if (preferred >= 0) { select.value = String(preferred); }
  }

  // ---- transcripts side by side ---------------------------------------------------------
  function drawTranscripts() {
    var r = rows[state.row];
    var left = r.cells[state.target];
    var select = byId('drill-other');
    var o = select.disabled ? -1 : Number(select.value);
    var right = o >= 0 ? r.cells[o] : null;
    var box = byId('drill-tx');
    box.textContent = '';
    var grid = el('div', 'tx');
    grid.appendChild(el('div', 'th', '#'));
    var lh = el('div', 'th', targets[state.target].name + ' \u2014 ' + left.v);
    lh.id = 'tx-left-head';
    grid.appendChild(lh);
    var rh = el('div', 'th', right ? targets[o].name + ' \u2014 ' + right.v : 'no other daemon ran this scenario');
    rh.id = 'tx-right-head';
    grid.appendChild(rh);
    var a = split(left.tx.lines), b = split(right ? right.tx.lines : []);
    exchangeNumbers(a.ex, b.ex).forEach(function (n) { exchangeRows(grid, n, a.ex[n], b.ex[n], !!right); });
    if (a.notes.length || b.notes.length) {
      grid.appendChild(el('div', 'num first', ''));
      grid.appendChild(notes(a.notes, 'tx-left-notes'));
      grid.appendChild(notes(b.notes, 'tx-right-notes'));
    }
    if (!Object.keys(a.ex).length && !Object.keys(b.ex).length && !a.notes.length && !b.notes.length) {
      var none = el('div', 'none first', 'empty transcripts');
      none.style.gridColumn = '1 / span 3';
      grid.appendChild(none);
    }
    box.appendChild(grid);
  }

  function split(lines) {
    var ex = {}, notes = [];
    lines.forEach(function (l) {
      if (typeof l === 'string') { notes.push(l); } else { ex[l[0]] = l; }
    });
    return { ex: ex, notes: notes };
  }

  function exchangeNumbers(a, b) {
    var all = Object.keys(a).concat(Object.keys(b)).map(Number);
    return all.filter(function (n, i) { return all.indexOf(n) === i; }).sort(function (x, y) { return x - y; });
  }

  function notes(list, id) {
    var d = el('div', 'rep', list.length ? list.join('\n') : '');
    d.id = id;
    return d;
  }

  // one exchange: a request row and a reply row, this daemon left, the other right
  function exchangeRows(grid, n, x, y, haveOther) {
    var num = el('div', 'num first', '#' + n);
    num.title = 'exchange ' + n + ' on ' + ((x || y)[1]);
    grid.appendChild(num);
    grid.appendChild(side(x, y, 'req', true, 'tx-left'));
    grid.appendChild(side(y, x, 'req', haveOther, 'tx-right'));
    grid.appendChild(el('div', 'num', ''));
    grid.appendChild(side(x, y, 'rep', true, 'tx-left'));
    grid.appendChild(side(y, x, 'rep', haveOther, 'tx-right'));
  }

  function side(mine, theirs, part, present, cls) {
    var d = el('div', part + ' ' + cls);
    if (!mine) {
      d.appendChild(el('span', 'none', present && part === 'req' ? 'no such exchange' : ''));
      return d;
    }
    if (!theirs && present) { d.classList.add('only'); }
    var isReq = part === 'req';
    d.appendChild(el('span', 'dir', isReq ? '\u2192' : '\u2190'));
    var text = isReq ? mine[2] : mine[4];
    var other = theirs ? (isReq ? theirs[2] : theirs[4]) : null;
    if (!isReq && !text) {
      d.appendChild(el('span', 'none', 'no reply'));
    } else {
      renderDiff(d, text, other);
    }
    var meta = isReq ? (mine[3] ? '  layout=' + mine[3] : '') : (mine[5] ? '  (' + mine[5] + ' ms)' : '');
    if (meta) { d.appendChild(el('span', 'meta', meta)); }
    return d;
  }

  // ---- tokens, highlighting and the difference between two lines -------------------------
  var TOKEN = /"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*\[|[A-Za-z_][\w.]*=|[\[\](),|]|\s+|[^\s,\[\]()"=|]+|./g;

  function tokens(text) { return text ? (text.match(TOKEN) || []) : []; }

  // which tokens of a are not in a longest common subsequence with b
  function changed(a, b) {
    var out = new Array(a.length).fill(false);
    if (b === null) { return out; }
    if (a.length * b.length > 250000) { return out.fill(a.join('') !== b.join('')); }
    var m = a.length, n = b.length, i, j;
    var L = [];
    for (i = 0; i <= m; i++) { L.push(new Uint16Array(n + 1)); }
    for (i = m - 1; i >= 0; i--) {
      for (j = n - 1; j >= 0; j--) {
        L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
      }
    }
    i = 0; j = 0;
    while (i < m) {
      if (j < n && a[i] === b[j]) { i++; j++; } else if (j < n && L[i][j + 1] >= L[i + 1][j]) { j++; } else {
        out[i] = true; i++;
      }
    }
    return out;
  }

  function renderDiff(parent, text, other) {
    var a = tokens(text);
    var diff = joined(a, changed(a, other === null ? null : tokens(other)));
    var key = '';
    a.forEach(function (tok, i) {
      var span = styled(tok, key);
      if (diff[i]) {
        var mark = el('mark', VOLATILE.test(key) ? 'soft' : 'diff');
        mark.appendChild(span);
        span = mark;
      }
      parent.appendChild(span);
      if (/=$/.test(tok)) { key = tok; } else if (/^[,\]\s]/.test(tok)) { key = ''; }
    });
  }

  // Separators are marked only between two marked words, so one change reads as one mark.
  function joined(a, diff) {
    var SEP = /^[\s,\[\]()|]+$/;
    return diff.map(function (d, i) {
      if (!SEP.test(a[i])) { return d; }
      return i > 0 && i < a.length - 1 && diff[i - 1] && diff[i + 1] && !SEP.test(a[i - 1]) && !SEP.test(a[i + 1]);
    });
  }

  function styled(tok, key) {
    if (/\[$/.test(tok) || tok === ']') { return el('span', 'st', tok); }
    if (/=$/.test(tok)) { return el('span', 'k', tok); }
    if (tok.charAt(0) === '"') { return el('span', 's', tok); }
    if (key === 'opcode=') { return el('span', 'op', tok); }
    if (key === 'error=') { return el('span', tok === 'OK' ? 'ok' : 'err', tok); }
    return document.createTextNode(tok);
  }

  // ---- wiring --------------------------------------------------------------------------
  function stickyOffset() {
    var h = document.querySelector('.toolbar').getBoundingClientRect().height;
    document.querySelectorAll('#matrix thead th').forEach(function (th) { th.style.top = h + 'px'; });
  }

  function openFromHash() {
    var m = /^#(.+)@(.+)$/.exec(location.hash);
    if (!m) { return; }
    var id = decodeURIComponent(m[1]), name = decodeURIComponent(m[2]);
    var t = targets.findIndex(function (x) { return x.name === name; });
    // an id on two axes (results from before and after it moved) is two rows: take the one this daemon ran
    var i = rows.findIndex(function (r) { return r.id === id && t >= 0 && r.cells[t]; });
    if (i >= 0) { openDrill(i, t); }
  }

  drawSummary();
  drawHeader();
  drawFilters();
  drawMatrix();
  drawProof();
  drawPerformance();
  applyFilters();
  stickyOffset();
  window.addEventListener('resize', stickyOffset);
  byId('drill-close').addEventListener('click', closeDrill);
  byId('backdrop').addEventListener('click', closeDrill);
  byId('drill-other').addEventListener('change', drawTranscripts);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !byId('drill').hidden) { closeDrill(); } });
  // the other views (overview.js, opcodes.js) draw with these; HtmlPage calls ready() after them
  window.vfcReport = {
    data: data, el: el, byId: byId, axisByName: axisByName, scenarioRow: scenarioRow, openDrill: openDrill,
    showArea: function (axis, area) {
      byId('f-area').value = area;
      showAxis(axis);
      byId('matrix-view').scrollIntoView();
    },
    ready: function () {
      openFromHash();
      document.body.dataset.ready = 'true';
    }
  };
}());
