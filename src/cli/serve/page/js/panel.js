// The side panel's live parts: the status bar, the reach figures, the options and the candidate
// list with each one's role and vehicle slots. Rows are kept per candidate id and updated in
// place, so a field being typed in keeps its focus when another browser's change arrives.
'use strict';

MS.panel = (function () {
  var rows = {}; // candidate id -> row elements

  function text(tag, cls, s) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (s !== undefined) e.textContent = s;
    return e;
  }

  function statusText(a) {
    if (a.status === 'gap') return MS.t('gap', { gap: (a.gap_pct || 0).toFixed(1) });
    return MS.t(a.status || 'error');
  }

  function drawStatus(s) {
    var a = s.answer;
    var st = document.getElementById('status');
    st.textContent = statusText(a);
    st.className = 'badge ' + (a.status || 'error');
    st.setAttribute('data-status', a.status || 'error');
    var msg = document.getElementById('status-msg');
    msg.textContent = a.message || '';
    msg.hidden = !a.message;
    document.getElementById('reach-people').textContent = MS.num(a.reach && a.reach.population);
    document.getElementById('reach-aged').textContent = MS.num(a.reach && a.reach.aged);
    document.getElementById('n-stops').textContent = (a.chosen || []).length;
    var meta = MS.t('version', { v: s.version });
    if (a.solve_ms !== undefined && a.solve_ms !== null) meta += ' · ' + MS.t('solve_ms', { ms: a.solve_ms });
    document.getElementById('meta').textContent = meta;
  }

  // Sets a form field from the state unless the person is typing in it.
  function setField(id, value) {
    var f = document.getElementById(id);
    if (document.activeElement === f) return;
    f.value = value === null || value === undefined ? '' : String(value);
  }

  function drawOptions(s) {
    var o = s.options;
    var w = document.getElementById('opt-weight');
    var cols = s.weight_columns || ['population', 'aged_65_plus', 'far_from_shop'];
    var have = Array.prototype.map.call(w.options, function (x) {
      return x.value;
    });
    var want = [''].concat(cols);
    if (o.objective_weight && want.indexOf(o.objective_weight) < 0) want.push(o.objective_weight);
    if (have.join('\n') !== want.join('\n')) {
      w.textContent = '';
      want.forEach(function (c) {
        var label = c === '' ? MS.t('weight_default') : MS.WORDS[MS.lang]['weight_' + c] || c;
        var opt = text('option', '', label);
        opt.value = c;
        w.appendChild(opt);
      });
    }
    setField('opt-model', o.model);
    setField('opt-p', o.p);
    setField('opt-radius', o.radius_m);
    setField('opt-weight', o.objective_weight || '');
    setField('opt-vehicles', o.vehicles);
    document.getElementById('opt-p').max = s.candidates.length;
  }

  function roleButtons(c) {
    var box = text('div', 'roles');
    box.setAttribute('role', 'group');
    ['required', 'free', 'excluded'].forEach(function (r) {
      var b = text('button', 'role-' + r, MS.t('role_' + r));
      b.type = 'button';
      b.setAttribute('data-role', r);
      b.addEventListener('click', function () {
        var t0 = performance.now();
        if (b.getAttribute('aria-pressed') === 'true') return;
        MS.app.send({ kind: 'set_role', id: c.id, role: r }, t0);
      });
      box.appendChild(b);
    });
    return box;
  }

  function slotsInput(id) {
    var f = document.createElement('input');
    f.type = 'number';
    f.min = 0;
    f.max = 99;
    f.className = 'slots';
    f.setAttribute('aria-label', MS.t('slots'));
    f.placeholder = MS.t('slots_unknown');
    f.addEventListener('change', function () {
      var v = f.value.trim() === '' ? null : Number(f.value);
      MS.app.send({ kind: 'set_slots', id: id, vehicle_slots: v }, performance.now());
    });
    return f;
  }

  function makeRow(c) {
    var tr = text('tr');
    tr.setAttribute('data-id', c.id);
    var mark = text('td', 'mark');
    var name = text('td', 'name');
    var nameBtn = text('button', 'link');
    nameBtn.type = 'button';
    nameBtn.addEventListener('click', function () {
      MS.why.show(c.id);
    });
    name.appendChild(nameBtn);
    var sub = text('div', 'sub');
    name.appendChild(sub);
    var slots = text('td', 'slots-cell');
    var input = slotsInput(c.id);
    slots.appendChild(input);
    var roles = text('td');
    roles.appendChild(roleButtons(c));
    [mark, name, slots, roles].forEach(function (td) {
      tr.appendChild(td);
    });
    return { tr: tr, mark: mark, nameBtn: nameBtn, sub: sub, input: input, roles: roles };
  }

  function updateRow(r, c, chosen) {
    r.tr.className = (chosen ? 'chosen ' : '') + c.role;
    r.tr.setAttribute('data-role', c.role);
    r.tr.setAttribute('data-chosen', chosen ? '1' : '0');
    r.mark.textContent = chosen ? '●' : '';
    r.nameBtn.textContent = c.name;
    var bits = [MS.kind(c.kind), MS.t('space_' + (c.space || 'unknown'))];
    if (c.added) bits.push(MS.t('added'));
    if (c.moved) bits.push(MS.t('moved'));
    r.sub.textContent = bits.filter(Boolean).join(' · ');
    if (document.activeElement !== r.input) {
      r.input.value = c.vehicle_slots === null || c.vehicle_slots === undefined ? '' : c.vehicle_slots;
    }
    r.roles.querySelectorAll('button').forEach(function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-role') === c.role ? 'true' : 'false');
    });
  }

  function drawCandidates(s) {
    var body = document.getElementById('cand-rows');
    var chosen = {};
    (s.answer.chosen || []).forEach(function (id) {
      chosen[id] = true;
    });
    var seen = {};
    s.candidates.forEach(function (c, i) {
      seen[c.id] = true;
      var r = rows[c.id];
      if (!r) {
        r = rows[c.id] = makeRow(c);
      }
      if (body.children[i] !== r.tr) body.insertBefore(r.tr, body.children[i] || null);
      updateRow(r, c, !!chosen[c.id]);
    });
    Object.keys(rows).forEach(function (id) {
      if (!seen[id]) {
        rows[id].tr.remove();
        delete rows[id];
      }
    });
  }

  function init() {
    function onChange(id, make) {
      document.getElementById(id).addEventListener('change', function (ev) {
        var op = make(ev.target.value);
        if (op) MS.app.send(op, performance.now());
      });
    }
    onChange('opt-model', function (v) {
      return { kind: 'set_model', model: v };
    });
    onChange('opt-p', function (v) {
      return v === '' ? null : { kind: 'set_p', p: Number(v) };
    });
    onChange('opt-radius', function (v) {
      return v === '' ? null : { kind: 'set_radius', radius_m: Number(v) };
    });
    onChange('opt-weight', function (v) {
      return { kind: 'set_objective', weight: v === '' ? null : v };
    });
    onChange('opt-vehicles', function (v) {
      return v === '' ? null : { kind: 'set_vehicles', vehicles: Number(v) };
    });
  }

  // Rebuilds the language-dependent rows (role button labels) after a change of language.
  function reset() {
    Object.keys(rows).forEach(function (id) {
      rows[id].tr.remove();
    });
    rows = {};
  }

  return {
    init: init,
    reset: reset,
    draw: function (s) {
      drawStatus(s);
      drawOptions(s);
      drawCandidates(s);
    },
    text: text,
  };
})();
