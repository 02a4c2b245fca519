// The map: an SVG in metres around the data's centre (a flat projection is exact enough for a
// town), so a stop's walking radius is a true circle and the scale bar is honest. Drawn whole
// from the state on every change: a town is a few hundred cells, which takes a few ms.
'use strict';

MS.map = (function () {
  var NS = 'http://www.w3.org/2000/svg';
  // ColorBrewer YlOrRd, 5 classes, as on the council report's map.
  var RAMP = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
  var svg = null;
  var proj = null;
  var view = null; // {cx, cy, w}: centre and width of the view, in metres
  var layers = {};
  var classes = null;
  var highlight = null; // cell indexes to outline ("why this stop")

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Equirectangular projection around the centre of `b` (the state's bounds), in metres, y down.
  function projection(b) {
    var lat0 = (b.south + b.north) / 2;
    var lon0 = (b.west + b.east) / 2;
    var kx = Math.cos((lat0 * Math.PI) / 180) * 111320;
    var ky = 110574;
    return {
      xy: function (lat, lon) {
        return [(lon - lon0) * kx, (lat0 - lat) * ky];
      },
      latlon: function (x, y) {
        return [lat0 - y / ky, lon0 + x / kx];
      },
      kx: kx,
      ky: ky,
    };
  }

  // The grid's step in degrees: the smallest gap between distinct cell centres (census meshes
  // are regular), else a quarter mesh.
  function step(values, fallback) {
    var s = values.slice().sort(function (a, b) {
      return a - b;
    });
    var best = Infinity;
    for (var i = 1; i < s.length; i++) {
      var d = s[i] - s[i - 1];
      if (d > 1e-6 && d < best) best = d;
    }
    return isFinite(best) ? Math.min(best, fallback * 8) : fallback;
  }

  // Whether the values sit on a regular grid of `d` degrees (a census mesh), not scattered
  // points (addresses, a survey's homes), which are drawn as dots instead.
  function onGrid(values, d) {
    if (!values.length || d < 1e-4) return false;
    var min = Math.min.apply(null, values);
    return values.every(function (v) {
      var k = (v - min) / d;
      return Math.abs(k - Math.round(k)) < 0.05;
    });
  }

  // A demand cell's shape with `attrs`: its square on a grid, else a dot 7 pixels across.
  function shape(c, attrs, parent) {
    var p = proj.xy(c.lat, c.lon);
    var a = {};
    for (var k in attrs) a[k] = attrs[k];
    if (proj.grid) {
      var w = proj.dlon * proj.kx;
      var h = proj.dlat * proj.ky;
      a.x = p[0] - w / 2;
      a.y = p[1] - h / 2;
      a.width = w;
      a.height = h;
      return el('rect', a, parent);
    }
    a.cx = p[0];
    a.cy = p[1];
    a.r = 7 * unit();
    return el('circle', a, parent);
  }

  // Up to five quantile classes of the cells' aged 65+, bounds rounded to 2 significant figures.
  function makeClasses(cells) {
    var v = cells
      .map(function (c) {
        return c.aged || 0;
      })
      .sort(function (a, b) {
        return a - b;
      });
    var uppers = [];
    if (!v.length) return { uppers: [0], min: 0 };
    for (var k = 1; k < RAMP.length; k++) {
      var q = v[Math.max(0, Math.ceil((k * v.length) / RAMP.length) - 1)];
      var mag = q > 0 ? Math.pow(10, Math.floor(Math.log10(q)) - 1) : 1;
      var b = Math.round(q / mag) * mag;
      if (b < v[v.length - 1] && (!uppers.length || b > uppers[uppers.length - 1])) uppers.push(b);
    }
    uppers.push(v[v.length - 1]);
    return { uppers: uppers, min: v[0] };
  }

  function classOf(x) {
    for (var i = 0; i < classes.uppers.length; i++) if (x <= classes.uppers[i]) return i;
    return classes.uppers.length - 1;
  }

  // Metres per screen pixel at the current view.
  function unit() {
    var w = svg.clientWidth || 800;
    return view.w / w;
  }

  function setViewBox() {
    var w = svg.clientWidth || 800;
    var h = svg.clientHeight || 600;
    var vh = (view.w * h) / w;
    svg.setAttribute('viewBox', [view.cx - view.w / 2, view.cy - vh / 2, view.w, vh].join(' '));
  }

  // Fits the view to the data's bounds, above the legend (so it hides none of the data).
  function fit() {
    var b = MS.state.bounds;
    var a = proj.xy(b.north, b.west);
    var z = proj.xy(b.south, b.east);
    var w = svg.clientWidth || 800;
    var h = svg.clientHeight || 600;
    var legend = document.getElementById('legend');
    var below = legend ? Math.min(legend.offsetHeight + 10, h * 0.45) : 0;
    var bw = (z[0] - a[0]) * 1.06;
    var bh = (z[1] - a[1]) * 1.06;
    var vw = Math.max(bw, (bh * w) / (h - below), 200);
    var u = vw / w;
    view = { cx: (a[0] + z[0]) / 2, cy: (a[1] + z[1]) / 2 + (below / 2) * u, w: vw };
  }

  function init(svgElement) {
    svg = svgElement;
    ['tiles', 'cells', 'uncovered', 'reach', 'why', 'shops', 'cands', 'labels'].forEach(function (n) {
      layers[n] = el('g', { class: 'layer-' + n }, svg);
    });
    window.addEventListener('resize', function () {
      if (MS.state) draw();
    });
  }

  function clear(g) {
    while (g.firstChild) g.removeChild(g.firstChild);
  }

  // Draws `state` (MS.state when not given); keeps the view unless the data's bounds changed.
  function draw() {
    var s = MS.state;
    var key = JSON.stringify(s.bounds);
    if (!proj || proj.key !== key) {
      proj = projection(s.bounds);
      proj.key = key;
      proj.dlat = step(s.cells.map(function (c) { return c.lat; }), 1 / 480);
      proj.dlon = step(s.cells.map(function (c) { return c.lon; }), 1 / 320);
      proj.grid = onGrid(s.cells.map(function (c) { return c.lat; }), proj.dlat) &&
        onGrid(s.cells.map(function (c) { return c.lon; }), proj.dlon);
      fit();
    }
    classes = makeClasses(s.cells);
    setViewBox();
    MS.tiles.draw(layers.tiles, s, proj, view, svg);
    drawCells(s);
    drawReach(s);
    drawWhy(s);
    drawShops(s);
    drawCandidates(s);
    MS.legend.scale(unit());
  }

  // The cells' shading depends on the data only, not on the answer or the zoom: redrawn only
  // when the cells or their classes change (most of a redraw's time otherwise).
  function drawCells(s) {
    var g = layers.cells;
    var grid = proj.grid && { w: proj.dlon * proj.kx, h: proj.dlat * proj.ky, dlat: proj.dlat, dlon: proj.dlon, xy: proj.xy };
    MS.pockets.draw(layers.uncovered, s, grid, classes.uppers.length - 2, classOf);
    var aged = s.cells.map(function (c) {
      return c.aged;
    });
    // Dots keep their size on screen, so they are redrawn at each zoom.
    var key = proj.key + (proj.grid ? '' : unit()) + s.cells.length + classes.uppers.join() + aged.join();
    if (g.getAttribute('data-key') === key) return;
    g.setAttribute('data-key', key);
    clear(g);
    var frag = document.createDocumentFragment();
    s.cells.forEach(function (c, i) {
      shape(c, { fill: RAMP[classOf(c.aged || 0)], 'data-i': i, class: 'cell' }, frag);
    });
    g.appendChild(frag);
    g.setAttribute('opacity', s.tiles ? 0.65 : 0.9);
  }

  function candidateById(s) {
    var m = {};
    s.candidates.forEach(function (c) {
      m[c.id] = c;
    });
    return m;
  }

  // What each chosen stop reaches: its radius as a circle, or with street distances (`network`)
  // a line to each cell it reaches and those cells outlined.
  function drawReach(s) {
    var g = layers.reach;
    clear(g);
    var byId = candidateById(s);
    var u = unit();
    (s.answer.chosen || []).forEach(function (id) {
      var c = byId[id];
      if (!c) return;
      var p = proj.xy(c.lat, c.lon);
      if (!s.network) {
        el('circle', { cx: p[0], cy: p[1], r: s.options.radius_m, class: 'reach', 'data-id': id }, g);
        return;
      }
      var grp = el('g', { class: 'reach-net', 'data-id': id }, g);
      ((s.answer.reaches || {})[id] || []).forEach(function (i) {
        var cell = s.cells[i];
        if (!cell) return;
        var q = proj.xy(cell.lat, cell.lon);
        el('line', { x1: p[0], y1: p[1], x2: q[0], y2: q[1], 'stroke-width': 1.5 * u }, grp);
        shape(cell, { 'stroke-width': 1.5 * u }, grp);
      });
    });
  }

  function drawWhy() {
    var g = layers.why;
    clear(g);
    if (!highlight) return;
    highlight.forEach(function (i) {
      var c = MS.state.cells[i];
      if (c) shape(c, { 'stroke-width': 3 * unit() }, g);
    });
  }

  function drawShops(s) {
    var g = layers.shops;
    clear(g);
    var r = 6 * unit();
    (s.shops || []).forEach(function (sh) {
      var p = proj.xy(sh.lat, sh.lon);
      var e = el('rect', { x: p[0] - r, y: p[1] - r, width: 2 * r, height: 2 * r, class: 'shop' }, g);
      el('title', {}, e).textContent = sh.name || sh.id;
    });
  }

  function drawCandidates(s) {
    var g = layers.cands;
    var lab = layers.labels;
    clear(g);
    clear(lab);
    var u = unit();
    var chosen = {};
    (s.answer.chosen || []).forEach(function (id) {
      chosen[id] = true;
    });
    // Unchosen first, so chosen stops are drawn on top.
    var order = s.candidates.slice().sort(function (a, b) {
      return (chosen[a.id] ? 1 : 0) - (chosen[b.id] ? 1 : 0);
    });
    var showAll = view.w < 5000;
    order.forEach(function (c) {
      var p = proj.xy(c.lat, c.lon);
      var isChosen = !!chosen[c.id];
      var grp = MS.symbols.candidate(c, isChosen, u, s);
      grp.setAttribute('transform', 'translate(' + p[0] + ',' + p[1] + ')');
      g.appendChild(grp);
      if (isChosen || showAll) {
        var t = el('text', {
          x: p[0] + 14 * u, y: p[1] + 5 * u, 'font-size': (isChosen ? 17 : 14) * u,
          'stroke-width': 4 * u, class: isChosen ? 'label chosen' : 'label',
        }, lab);
        t.textContent = c.name;
      }
    });
  }

  return {
    init: init,
    draw: draw,
    el: el,
    RAMP: RAMP,
    classes: function () {
      return classes;
    },
    unit: unit,
    // The cells' side in metres (a census mesh's nominal size: 250 m for a quarter mesh).
    shape: shape,
    cellSize: function () {
      if (!proj.grid) return null;
      var side = Math.sqrt(proj.dlon * proj.kx * proj.dlat * proj.ky);
      return side > 100 ? Math.round(side / 50) * 50 : Math.round(side / 10) * 10;
    },
    view: function () {
      return view;
    },
    setView: function (v) {
      view = v;
      draw();
    },
    fit: function () {
      fit();
      draw();
    },
    // The latitude and longitude at client pixel (px, py).
    latlonAt: function (px, py) {
      var r = svg.getBoundingClientRect();
      var u = unit();
      var vh = (view.w * r.height) / r.width;
      var x = view.cx - view.w / 2 + (px - r.left) * u;
      var y = view.cy - vh / 2 + (py - r.top) * (vh / r.height);
      return proj.latlon(x, y);
    },
    xy: function (lat, lon) {
      return proj.xy(lat, lon);
    },
    highlight: function (cells) {
      highlight = cells;
      if (MS.state) drawWhy(MS.state);
    },
  };
})();
