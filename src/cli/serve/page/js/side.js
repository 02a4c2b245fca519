// What changed (against the previous answer and the named set), the history with undo, naming
// the agreed set, choosing the set to compare with, and the download links.
'use strict';

MS.side = (function () {
  var text = function (tag, cls, s) {
    return MS.panel.text(tag, cls, s);
  };

  function names(s, ids) {
    var byId = {};
    s.candidates.forEach(function (c) {
      byId[c.id] = c.name;
    });
    return (ids || []).map(function (id) {
      return byId[id] !== undefined ? byId[id] : id;
    });
  }

  // One block of "what changed": people and aged 65+ reached, stops added and dropped.
  function changeBlock(s, head, ch, emptyText) {
    var box = text('div', 'change');
    box.appendChild(text('h3', '', head));
    if (!ch) {
      box.appendChild(text('p', 'muted', emptyText));
      return box;
    }
    if (ch.unsolved) box.appendChild(text('p', 'unsolved', MS.t('unsolved_change')));
    var nums = text('p', 'deltas');
    [['people', ch.population], ['aged', ch.aged]].forEach(function (pair) {
      var span = text('span', 'delta ' + (Math.round(pair[1]) > 0 ? 'up' : Math.round(pair[1]) < 0 ? 'down' : 'same'));
      span.appendChild(text('span', 'k', MS.t(pair[0]) + ' '));
      span.appendChild(text('b', '', MS.delta(pair[1])));
      nums.appendChild(span);
    });
    box.appendChild(nums);
    [['stops_added', ch.added, 'plus'], ['stops_dropped', ch.dropped, 'minus']].forEach(function (x) {
      var p = text('p', 'stops-list ' + x[2]);
      p.appendChild(text('span', 'k', MS.t(x[0]) + MS.t('colon')));
      var list = names(s, x[1]);
      p.appendChild(text('span', 'v', list.length ? list.join(MS.t('list_sep')) : MS.t('none')));
      box.appendChild(p);
    });
    return box;
  }

  function drawChanged(s) {
    var box = document.getElementById('changed');
    box.textContent = '';
    var ch = s.changed || {};
    box.appendChild(changeBlock(s, MS.t('vs_previous'), ch.previous, MS.t('no_previous')));
    var named = ch.named;
    var head = named ? MS.t('vs_named', { name: named.name }) : MS.t('compare_with');
    box.appendChild(changeBlock(s, head, named, MS.t('no_named')));
  }

  function time(at) {
    if (!at) return '';
    var m = /T(\d\d:\d\d)/.exec(at);
    return m ? m[1] : at;
  }

  function drawHistory(s) {
    var list = document.getElementById('history');
    list.textContent = '';
    // Newest first, whatever order the server lists them in.
    var items = (s.history || []).slice().sort(function (a, b) {
      return b.version - a.version;
    });
    items.forEach(function (h) {
      var li = text('li', h.undone ? 'undone' : '');
      li.setAttribute('data-version', h.version);
      li.appendChild(text('span', 'when', time(h.at)));
      li.appendChild(text('span', 'who', h.who));
      li.appendChild(text('span', 'what', h.what));
      if (h.undone) {
        li.appendChild(text('span', 'tag', MS.t('undone')));
      } else {
        var b = text('button', 'undo', MS.t('undo'));
        b.type = 'button';
        b.addEventListener('click', function () {
          MS.app.send({ kind: 'undo', version: h.version }, performance.now());
        });
        li.appendChild(b);
      }
      list.appendChild(li);
    });
  }

  function drawSets(s) {
    var sel = document.getElementById('compare');
    if (document.activeElement === sel) return;
    sel.textContent = '';
    var none = text('option', '', MS.t('compare_none'));
    none.value = '';
    sel.appendChild(none);
    (s.named_sets || []).forEach(function (n) {
      var o = text('option', '', n.name + ' (' + n.stops.length + ')');
      o.value = n.name;
      sel.appendChild(o);
    });
    sel.value = s.compare_with || '';
  }

  var DOWNLOADS = [
    ['dl_report', '/download/report.html', 'report.html'],
    ['dl_timetable_csv', '/download/timetable.csv', 'timetable.csv'],
    ['dl_timetable_ics', '/download/timetable.ics', 'timetable.ics'],
    ['dl_stops_json', '/download/stops.json', 'stops.json'],
    ['dl_stops_csv', '/download/stops.csv', 'stops.csv'],
    ['dl_candidates', '/download/candidates.csv', 'candidates.csv'],
    ['dl_candidates_cp932', '/download/candidates.csv?encoding=cp932', 'candidates-cp932.csv'],
  ];

  function drawDownloads() {
    var ul = document.getElementById('downloads');
    if (ul.getAttribute('data-lang') === MS.lang) return;
    ul.setAttribute('data-lang', MS.lang);
    ul.textContent = '';
    DOWNLOADS.forEach(function (d) {
      var li = text('li');
      var a = text('a', '', MS.t(d[0]));
      a.href = MS.api.url(d[1]);
      a.setAttribute('download', d[2]);
      a.id = d[0].replace(/_/g, '-');
      li.appendChild(a);
      ul.appendChild(li);
    });
  }

  function init() {
    document.getElementById('name-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var f = document.getElementById('set-name');
      var name = f.value.trim();
      if (!name) return;
      MS.app.send({ kind: 'name_set', name: name }, performance.now()).then(function (ok) {
        if (ok) {
          f.value = '';
          MS.app.notice(MS.t('set_named', { name: name }), false);
        }
      });
    });
    document.getElementById('compare').addEventListener('change', function (ev) {
      var v = ev.target.value;
      MS.app.send({ kind: 'compare_with', name: v === '' ? null : v }, performance.now());
    });
  }

  return {
    init: init,
    draw: function (s) {
      drawChanged(s);
      drawHistory(s);
      drawSets(s);
      drawDownloads();
    },
    names: names,
  };
})();
