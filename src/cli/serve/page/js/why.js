// "Why this stop" for a chosen stop (who only it reaches, its best replacement) and "why not"
// for an unchosen candidate (the server's reason, what adding it would gain, what it would
// replace), with the candidate's role buttons at hand; and the form adding a candidate where the
// map was tapped.
'use strict';

MS.why = (function () {
  var current = null;

  function text(tag, cls, s) {
    return MS.panel.text(tag, cls, s);
  }

  function line(box, key, value) {
    var p = text('p', 'why-line');
    p.appendChild(text('span', 'k', MS.t(key) + MS.t('colon')));
    p.appendChild(text('span', 'v', value));
    box.appendChild(p);
  }

  function people(x) {
    if (!x) return MS.t('none');
    return MS.t('people') + ' ' + MS.num(x.population) + ' / ' + MS.t('aged') + ' ' + MS.num(x.aged);
  }

  function render(c, w) {
    var box = document.getElementById('why');
    box.hidden = false;
    box.setAttribute('data-id', c.id);
    box.setAttribute('data-chosen', w.chosen ? '1' : '0');
    var body = document.getElementById('why-body');
    body.textContent = '';
    document.getElementById('why-title').textContent = MS.t(w.chosen ? 'why_stop' : 'why_not');
    body.appendChild(text('h3', 'why-name', c.name));
    body.appendChild(text('p', 'sub', [MS.kind(c.kind), MS.t('space_' + (c.space || 'unknown'))].join(' · ')));
    if (w.chosen) {
      line(body, 'only_it', people(w.only_it));
      if (w.best_replacement) {
        line(body, 'best_replacement', w.best_replacement.name);
        line(body, 'replacement_loss', people(w.best_replacement));
      } else {
        line(body, 'best_replacement', MS.t('no_replacement'));
      }
      MS.map.highlight((w.only_it && w.only_it.cells) || null);
    } else {
      body.appendChild(text('p', 'reason', w.reason || ''));
      line(body, 'gain_if_added', people(w.gain_if_added));
      line(body, 'would_replace', w.would_replace ? w.would_replace.name : MS.t('none'));
      MS.map.highlight(null);
    }
  }

  // Asks the server why (not) candidate `id`, and shows the answer.
  function show(id) {
    var c = null;
    MS.state.candidates.forEach(function (x) {
      if (x.id === id) c = x;
    });
    if (!c) return;
    MS.addForm.close();
    current = id;
    MS.api
      .why(id)
      .then(function (w) {
        if (current === id) render(c, w);
      })
      .catch(function (e) {
        MS.app.notice(e.message, true);
      });
  }

  function hide() {
    current = null;
    document.getElementById('why').hidden = true;
    MS.map.highlight(null);
  }

  // After a new state: the open explanation may be out of date, so ask again.
  function refresh() {
    if (current) show(current);
  }

  return { show: show, hide: hide, refresh: refresh };
})();

MS.addForm = (function () {
  var at = null;

  function open(lat, lon) {
    MS.why.hide();
    at = [lat, lon];
    var box = document.getElementById('add');
    box.hidden = false;
    document.getElementById('add-at').textContent = lat.toFixed(5) + ', ' + lon.toFixed(5);
    var name = document.getElementById('add-name');
    name.value = '';
    document.getElementById('add-slots').value = '';
    name.focus();
  }

  function close() {
    document.getElementById('add').hidden = true;
    at = null;
  }

  function init() {
    var kinds = document.getElementById('kinds');
    document.getElementById('add-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var t0 = performance.now();
      var name = document.getElementById('add-name').value.trim();
      var kind = document.getElementById('add-kind').value.trim();
      var slots = document.getElementById('add-slots').value.trim();
      if (!name || !at) return;
      var op = {
        // `kind` names the operation, so the site's kind is `site_kind`.
        kind: 'add_candidate', name: name, site_kind: kind || null, lat: at[0], lon: at[1],
        vehicle_slots: slots === '' ? null : Number(slots),
      };
      MS.app.send(op, t0).then(function (ok) {
        if (ok) close();
      });
    });
    document.getElementById('add-cancel').addEventListener('click', close);
    // Escape closes whichever card is open.
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Escape') return;
      close();
      MS.why.hide();
    });
    document.getElementById('why-close').addEventListener('click', function () {
      MS.why.hide();
    });
    kinds.textContent = '';
  }

  // Offers the kinds the candidates already have.
  function draw(s) {
    var kinds = document.getElementById('kinds');
    var seen = {};
    s.candidates.forEach(function (c) {
      if (c.kind) seen[c.kind] = true;
    });
    var want = Object.keys(seen).sort();
    if (kinds.getAttribute('data-k') === want.join('\n')) return;
    kinds.setAttribute('data-k', want.join('\n'));
    kinds.textContent = '';
    want.forEach(function (k) {
      var o = document.createElement('option');
      o.value = k;
      kinds.appendChild(o);
    });
  }

  return { open: open, close: close, init: init, draw: draw };
})();
