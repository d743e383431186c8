// The first screen: per axis and area each daemon's verdict counts, then where the daemons
// disagree, then what moved against an earlier run (--against) and against the baselines.
(function (page) {
  'use strict';
  var data = page.data, el = page.el, byId = page.byId;
  var targets = data.targets, rows = data.rows;
  // a list longer than this shows its first LIST_MAX rows and an expander for the rest
  var LIST_MAX = 12;

  function drawOverview() {
    var box = byId('overview-axes');
    data.overview.forEach(function (o) {
      var a = page.axisByName[o.axis];
      var table = el('table', 'ov-table');
      table.dataset.axis = o.axis;
      var cap = el('caption');
      cap.appendChild(el('strong', null, a.title));
      cap.appendChild(el('span', 'muted', ' ' + o.rows + (o.rows === 1 ? ' scenario' : ' scenarios') + ': '
        + a.explains));
      table.appendChild(cap);
      var head = el('tr');
      head.appendChild(el('th', 'ov-area', 'area'));
      targets.forEach(function (t) {
        var th = el('th', 'ov-target', t.name);
        th.title = t.name + '\nversion: ' + t.version;
        head.appendChild(th);
      });
      table.appendChild(el('thead')).appendChild(head);
      var body = el('tbody');
      o.areas.forEach(function (area) {
        var tr = el('tr', 'ov-row');
        tr.dataset.area = area.area;
        var th = el('th', 'ov-area');
        var link = el('a', null, area.area);
        link.href = '#matrix-view';
        link.title = 'show the ' + area.area + ' rows of the ' + o.axis + ' axis in the matrix';
        link.addEventListener('click', function (e) { e.preventDefault(); page.showArea(o.axis, area.area); });
        th.appendChild(link);
        th.appendChild(el('span', 'n', ' ' + area.rows));
        tr.appendChild(th);
        area.counts.forEach(function (c, t) { tr.appendChild(countCell(a, c, targets[t].name, area.area)); });
        body.appendChild(tr);
      });
      table.appendChild(body);
      var total = el('tr', 'ov-total');
      total.appendChild(el('th', 'ov-area', 'all'));
      o.total.forEach(function (c, t) { total.appendChild(countCell(a, c, targets[t].name, 'all areas')); });
      table.appendChild(el('tfoot')).appendChild(total);
      box.appendChild(table);
    });
  }

  // one daemon in one area: best / ran, a bar of every verdict in proportion, the others named
  function countCell(axis, counts, target, where) {
    var td = el('td', 'ov-cell');
    td.dataset.target = target;
    if (!counts) {
      td.classList.add('missing');
      td.appendChild(el('span', 'ov-score', '\u2014'));
      td.title = target + ' ran none of ' + where;
      return td;
    }
    var best = axis.verdicts[0];
    var ran = axis.verdicts.reduce(function (n, v) { return n + (counts[v] || 0); }, 0);
    var score = el('span', 'ov-score', (counts[best] || 0) + ' / ' + ran);
    td.classList.add((counts[best] || 0) === ran ? 'all-best' : 'not-all-best');
    td.appendChild(score);
    var bar = el('span', 'ov-bar');
    var rest = [];
    axis.verdicts.forEach(function (v) {
      var n = counts[v] || 0;
      if (!n) { return; }
      var part = el('span', 'v-' + v);
      part.style.width = (100 * n / ran) + '%';
      part.title = n + ' ' + v;
      bar.appendChild(part);
      if (v !== best) { rest.push(n + ' ' + v); }
    });
    td.appendChild(bar);
    if (rest.length) { td.appendChild(el('span', 'ov-rest', rest.join(' \u00b7 '))); }
    td.title = target + ', ' + where + ': ' + axis.verdicts.filter(function (v) { return counts[v]; })
      .map(function (v) { return counts[v] + ' ' + v; }).join(', ');
    return td;
  }

  // a table of rows as the matrix draws them, with a header of daemons; past LIST_MAX, an expander
  function rowList(tableId, indices, cls) {
    var table = byId(tableId);
    var head = el('tr');
    head.appendChild(el('th', 'scn-col', 'scenario'));
    targets.forEach(function (t) { head.appendChild(el('th', 'target-col', t.name)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    indices.forEach(function (i, k) {
      var tr = page.scenarioRow(i, cls);
      tr.hidden = k >= LIST_MAX;
      body.appendChild(tr);
    });
    if (indices.length > LIST_MAX) { body.appendChild(moreRow(body, indices.length - LIST_MAX, targets.length + 1)); }
    table.appendChild(body);
  }

  function moreRow(body, n, span) {
    var tr = el('tr', 'fold-row');
    var th = el('th');
    th.colSpan = span;
    var b = el('button', 'fold', '\u25b8 ' + n + ' more');
    b.type = 'button';
    b.addEventListener('click', function () {
      body.querySelectorAll('tr').forEach(function (r) { r.hidden = false; });
      tr.hidden = true;
    });
    th.appendChild(b);
    tr.appendChild(th);
    return tr;
  }

  function drawDisagreements() {
    var list = [];
    rows.forEach(function (r, i) { if (r.disagree) { list.push(i); } });
    byId('disagree-summary').textContent = list.length === 0
      ? 'Every daemon that ran a scenario got the same verdict as the others.'
      : list.length + (list.length === 1 ? ' scenario where' : ' scenarios where')
        + ' the daemons\u2019 verdicts differ; click a verdict for the rule and both transcripts.';
    byId('disagree-table').hidden = list.length === 0;
    rowList('disagree-table', list, 'list-row');
  }

  // the cells that moved against an earlier run or the baselines, one line each: was -> now
  function drawChanges(which, section) {
    var c = data.changes[which];
    if (!c) { return; }
    byId(section).hidden = false;
    byId('link-' + which).hidden = false;
    var counts = {};
    c.cells.forEach(function (x) { counts[x.direction] = (counts[x.direction] || 0) + 1; });
    var parts = Object.keys(counts).map(function (d) { return counts[d] + ' ' + d; });
    var line = c.compared + ' verdicts held to ' + c.against + ': ' + (c.cells.length === 0 ? 'none changed'
      : c.cells.length + ' changed (' + parts.join(', ') + ')');
    if (c.unmatched) { line += '; ' + c.unmatched + ' had nothing to be held to'; }
    if (c.missingTargets && c.missingTargets.length) { line += '; not held: ' + c.missingTargets.join(', '); }
    byId(section + '-summary').textContent = line + '.';
    var table = byId(section + '-table');
    table.hidden = c.cells.length === 0;
    var body = table.querySelector('tbody');
    c.cells.forEach(function (x, k) {
      var r = rows[x.row];
      var tr = el('tr', 'change-row moved-' + x.direction.replace(' ', '-'));
      tr.dataset.id = r.id;
      tr.dataset.target = targets[x.target].name;
      tr.hidden = k >= LIST_MAX;
      var th = el('th');
      th.appendChild(el('code', null, r.id));
      th.appendChild(el('span', 'title', r.title));
      tr.appendChild(th);
      tr.appendChild(el('td', 'target', targets[x.target].name));
      var td = el('td', 'was-now');
      td.appendChild(el('span', 'badge v-' + x.was, x.was));
      td.appendChild(document.createTextNode(' \u2192 '));
      var now = el('span', 'badge v-' + x.now, x.now);
      now.tabIndex = 0;
      now.setAttribute('role', 'button');
      now.title = 'open ' + r.id + ' on ' + targets[x.target].name;
      now.addEventListener('click', function () { page.openDrill(x.row, x.target); });
      now.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); page.openDrill(x.row, x.target); }
      });
      td.appendChild(now);
      tr.appendChild(td);
      tr.appendChild(el('td', 'direction', x.direction));
      body.appendChild(tr);
    });
    if (c.cells.length > LIST_MAX) { body.appendChild(moreRow(body, c.cells.length - LIST_MAX, 4)); }
  }

  drawOverview();
  drawDisagreements();
  drawChanges('earlier', 'changes-earlier');
  drawChanges('baselines', 'changes-baselines');
}(window.vfcReport));
