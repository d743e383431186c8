// The rows by FUSE opcode (OpcodeIndex): each opcode any scenario sent, its scenarios and each
// daemon's verdicts, drawn when its entry is first opened.
(function (page) {
  'use strict';
  var data = page.data, el = page.el, byId = page.byId;
  var targets = data.targets, rows = data.rows;

  function drawOpcodes() {
    var list = byId('opcode-list');
    byId('opcodes-summary').textContent = data.opcodes.length === 0
      ? 'No scenario recorded a FUSE session (a real guest\u2019s requests are not recorded one by one).'
      : data.opcodes.length + ' opcodes sent, as the recorded requests\u2019 headers name them (fuse.h 7.38); '
        + 'open one for its scenarios.';
    data.opcodes.forEach(function (op) {
      var d = el('details', 'opcode');
      d.dataset.opcode = op.name;
      var s = el('summary');
      s.appendChild(el('code', 'op-name', op.name));
      s.appendChild(el('span', 'muted', ' ' + op.code + ' \u00b7 ' + op.rows.length
        + (op.rows.length === 1 ? ' scenario' : ' scenarios')));
      s.appendChild(notBest(op));
      d.appendChild(s);
      d.addEventListener('toggle', function () {
        if (d.open && !d.querySelector('table')) { d.appendChild(table(op)); }
      });
      list.appendChild(d);
    });
  }

  // per daemon, how many of the opcode's scenarios did not get their axis's best verdict
  function notBest(op) {
    var box = el('span', 'op-counts');
    targets.forEach(function (t, ti) {
      var bad = op.rows.filter(function (i) {
        var c = rows[i].cells[ti];
        return c && c.v !== page.axisByName[rows[i].axis].verdicts[0];
      }).length;
      var ran = op.rows.filter(function (i) { return rows[i].cells[ti]; }).length;
      var chip = el('span', 'op-count' + (bad ? ' some' : ''), t.name + ' ' + (ran - bad) + '/' + ran);
      chip.dataset.target = t.name;
      chip.title = t.name + ': ' + (ran - bad) + ' of ' + ran + ' scenarios sending ' + op.name
        + ' got their axis\u2019s best verdict';
      box.appendChild(chip);
    });
    return box;
  }

  function table(op) {
    var t = el('table', 'op-table');
    var head = el('tr');
    head.appendChild(el('th', 'scn-col', 'scenario'));
    targets.forEach(function (x) { head.appendChild(el('th', 'target-col', x.name)); });
    t.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    op.rows.forEach(function (i) { body.appendChild(page.scenarioRow(i, 'op-row')); });
    t.appendChild(body);
    return t;
  }

  drawOpcodes();
}(window.vfcReport));
