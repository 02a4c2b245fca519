// A candidate's marker: its state at a glance from across a meeting room. Chosen stops are large
// and dark; free candidates white; required ones carry a gold ring; excluded ones are grey and
// crossed; the parking space is a green (fits) or red (no space) outer ring; the kind is the
// letter inside (神 shrine, 寺 temple, else the kind's first character).
'use strict';

MS.symbols = (function () {
  var KIND_GLYPH = {
    ja: { shrine: '神', temple: '寺', park: '園', community_centre: '館', school: '校', shop: '店' },
    en: { shrine: 'S', temple: 'T', park: 'P', community_centre: 'C', school: 'E', shop: 'M' },
  };

  // The letter drawn for a kind: a known kind's glyph, else the kind's first character.
  function glyph(kind) {
    var k = (kind || '').trim();
    var table = KIND_GLYPH[MS.lang] || KIND_GLYPH.ja;
    if (table[k.toLowerCase()]) return table[k.toLowerCase()];
    return Array.from(k)[0] || '・';
  }

  // The marker group for candidate `c`, drawn at the origin, `u` metres per pixel.
  function candidate(c, chosen, u, s) {
    var el = MS.map.el;
    var r = (chosen ? 13 : 10) * u;
    var cls = 'cand ' + c.role + (chosen ? ' chosen' : '') + (c.added ? ' added' : '');
    var g = el('g', {
      class: cls, 'data-id': c.id, 'data-role': c.role, 'data-chosen': chosen ? '1' : '0',
      'data-reach': chosen ? (((s.answer.reaches || {})[c.id]) || []).length : 0,
    });
    // A larger transparent disc: an easier target for a finger.
    el('circle', { r: 22 * u, class: 'hit' }, g);
    if (c.space === 'fits' || c.space === 'no_space') {
      el('circle', { r: r + 4 * u, class: 'space ' + c.space, 'stroke-width': 3 * u }, g);
    }
    if (c.role === 'required') {
      el('circle', { r: r + 8 * u, class: 'req-ring', 'stroke-width': 3 * u }, g);
    }
    el('circle', { r: r, class: 'dot', 'stroke-width': 2 * u }, g);
    var t = el('text', { y: 5.5 * u, 'font-size': (chosen ? 15 : 12) * u, class: 'glyph' }, g);
    t.textContent = glyph(c.kind);
    if (c.role === 'excluded') {
      var d = r * 0.9;
      el('path', {
        d: 'M' + -d + ',' + -d + 'L' + d + ',' + d + 'M' + d + ',' + -d + 'L' + -d + ',' + d,
        class: 'cross', 'stroke-width': 3 * u,
      }, g);
    }
    var title = el('title', {}, g);
    title.textContent = c.name + ' (' + MS.kind(c.kind) + ')';
    return g;
  }

  // A small stand-alone SVG of a marker, for the legend and the candidate list.
  function swatch(kind) {
    var s = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    s.setAttribute('viewBox', '-16 -16 32 32');
    s.setAttribute('class', 'swatch');
    var el = MS.map.el;
    if (kind === 'stop') {
      el('circle', { r: 12, class: 'dot', 'stroke-width': 2 }, el('g', { class: 'cand chosen' }, s));
    } else if (kind === 'cand') {
      var g = el('g', { class: 'cand free' }, s);
      el('circle', { r: 13, class: 'space fits', 'stroke-width': 3 }, g);
      el('circle', { r: 9, class: 'dot', 'stroke-width': 2 }, g);
    } else if (kind === 'required') {
      var q = el('g', { class: 'cand required' }, s);
      el('circle', { r: 14, class: 'req-ring', 'stroke-width': 3 }, q);
      el('circle', { r: 9, class: 'dot', 'stroke-width': 2 }, q);
    } else if (kind === 'excluded') {
      var x = el('g', { class: 'cand excluded' }, s);
      el('circle', { r: 10, class: 'dot', 'stroke-width': 2 }, x);
      el('path', { d: 'M-8,-8L8,8M8,-8L-8,8', class: 'cross', 'stroke-width': 3 }, x);
    } else if (kind === 'shop') {
      el('rect', { x: -7, y: -7, width: 14, height: 14, class: 'shop' }, s);
    } else if (kind === 'reach') {
      el('circle', { r: 13, class: 'reach', 'stroke-width': 2 }, s);
    } else if (kind === 'reach-net') {
      var n = el('g', { class: 'reach-net' }, s);
      el('line', { x1: -12, y1: 10, x2: 10, y2: -8, 'stroke-width': 2 }, n);
      el('circle', { cx: 10, cy: -8, r: 4, 'stroke-width': 1.5 }, n);
    } else if (kind === 'uncovered') {
      el('rect', { x: -12, y: -12, width: 24, height: 24, class: 'pocket' }, s);
      el('rect', { x: -12, y: -12, width: 24, height: 24, class: 'pocket-edge' }, s);
    } else {
      // A colour of the ramp: a plain box, stretched to the box it is put in.
      s.setAttribute('preserveAspectRatio', 'none');
      el('rect', { x: -16, y: -16, width: 32, height: 32, fill: kind }, s);
    }
    return s;
  }

  return { candidate: candidate, swatch: swatch, glyph: glyph };
})();
