// Uncovered pockets, as on the council report: of the cells no stop reaches, those in the top
// two classes of aged 65+, tinted, with one outline around each group of neighbouring cells
// (an outline per cell would cover half the map in dashes); scattered points get a ring each.
'use strict';

MS.pockets = (function () {
  // Draws into `g` the pockets of state `s`; `grid` = {w, h, dlat, dlon, xy} of a mesh, or
  // false for scattered points; `top` the first class counted as many aged 65+, `classOf` a
  // cell's class.
  function draw(g, s, grid, top, classOf) {
    while (g.firstChild) g.removeChild(g.firstChild);
    var b = s.bounds;
    var key = function (c) {
      if (!grid) return '';
      return Math.round((c.lat - b.south) / grid.dlat) + ':' + Math.round((c.lon - b.west) / grid.dlon);
    };
    var inPocket = {};
    var cells = [];
    (s.answer.uncovered || []).forEach(function (i) {
      var c = s.cells[i];
      if (!c || classOf(c.aged || 0) < top) return;
      inPocket[key(c)] = true;
      cells.push([i, c]);
    });
    var frag = document.createDocumentFragment();
    var d = [];
    cells.forEach(function (ic) {
      var i = ic[0];
      var c = ic[1];
      var e = MS.map.shape(c, { class: grid ? 'pocket' : 'pocket dot', 'data-i': i }, frag);
      if (!grid) return e.setAttribute('r', 11 * MS.map.unit());
      var w = grid.w;
      var h = grid.h;
      var p = grid.xy(c.lat, c.lon);
      var r = Math.round((c.lat - b.south) / grid.dlat);
      var q = Math.round((c.lon - b.west) / grid.dlon);
      var x0 = p[0] - w / 2;
      var x1 = p[0] + w / 2;
      var y0 = p[1] - h / 2; // north edge (y grows southwards)
      var y1 = p[1] + h / 2;
      if (!inPocket[r + 1 + ':' + q]) d.push('M' + x0 + ',' + y0 + 'H' + x1);
      if (!inPocket[r - 1 + ':' + q]) d.push('M' + x0 + ',' + y1 + 'H' + x1);
      if (!inPocket[r + ':' + (q + 1)]) d.push('M' + x1 + ',' + y0 + 'V' + y1);
      if (!inPocket[r + ':' + (q - 1)]) d.push('M' + x0 + ',' + y0 + 'V' + y1);
    });
    if (d.length) MS.map.el('path', { d: d.join(''), class: 'pocket-edge' }, frag);
    g.appendChild(frag);
  }

  return { draw: draw };
})();
