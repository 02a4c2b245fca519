// The legend and the scale bar, laid over the map's corner in screen pixels so they keep their
// size at any zoom.
'use strict';

MS.legend = (function () {
  function row(box, swatch, text) {
    var r = document.createElement('div');
    r.className = 'leg-row';
    r.appendChild(swatch);
    var t = document.createElement('span');
    t.textContent = text;
    r.appendChild(t);
    box.appendChild(r);
  }

  function fmt(x) {
    return MS.num(x);
  }

  // Folded on a narrow screen (a tablet held upright), where it would cover the map.
  var folded = window.innerWidth < 900;

  // Fills the legend box for the current state and language.
  function draw() {
    var box = document.getElementById('legend');
    box.textContent = '';
    box.classList.toggle('folded', folded);
    var fold = document.createElement('button');
    fold.type = 'button';
    fold.className = 'leg-toggle';
    fold.textContent = MS.t('legend') + (folded ? ' ▸' : ' ▾');
    fold.setAttribute('aria-expanded', folded ? 'false' : 'true');
    fold.addEventListener('click', function () {
      folded = !folded;
      draw();
    });
    box.appendChild(fold);
    if (folded) return;
    var h = document.createElement('div');
    h.className = 'leg-head';
    var side = MS.map.cellSize();
    h.textContent = side ? MS.t('legend_cells', { m: side }) : MS.t('legend_points');
    box.appendChild(h);
    // The classes side by side, each colour over its range.
    var ramp = document.createElement('div');
    ramp.className = 'leg-ramp';
    var cl = MS.map.classes();
    var lo = cl.min;
    cl.uppers.forEach(function (up, i) {
      var step = document.createElement('div');
      step.appendChild(MS.symbols.swatch(MS.map.RAMP[i]));
      var t = document.createElement('span');
      t.textContent = fmt(lo) + '–' + fmt(up);
      step.appendChild(t);
      ramp.appendChild(step);
      lo = up;
    });
    box.appendChild(ramp);
    var s = MS.state;
    var rows = document.createElement('div');
    rows.className = 'leg-rows';
    row(rows, MS.symbols.swatch('stop'), MS.t('legend_stop'));
    if (s.network) row(rows, MS.symbols.swatch('reach-net'), MS.t('legend_reach_net'));
    else row(rows, MS.symbols.swatch('reach'), MS.t('legend_reach'));
    row(rows, MS.symbols.swatch('cand'), MS.t('legend_cand'));
    row(rows, MS.symbols.swatch('required'), MS.t('legend_required'));
    row(rows, MS.symbols.swatch('excluded'), MS.t('legend_excluded'));
    row(rows, MS.symbols.swatch('uncovered'), MS.t('legend_uncovered'));
    if (s.shops && s.shops.length) row(rows, MS.symbols.swatch('shop'), MS.t('legend_shop'));
    box.appendChild(rows);
  }

  // The scale bar for `u` metres per pixel: the longest round length under 160 pixels.
  function scale(u) {
    var bar = document.getElementById('scale');
    if (!bar || !isFinite(u) || u <= 0) return;
    var steps = [20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000];
    var m = steps[0];
    steps.forEach(function (s) {
      if (s / u <= 160) m = s;
    });
    var line = bar.querySelector('.scale-line');
    var label = bar.querySelector('.scale-label');
    line.style.width = Math.round(m / u) + 'px';
    label.textContent = m >= 1000 ? m / 1000 + ' km' : m + ' m';
    bar.setAttribute('data-metres', m);
  }

  return { draw: draw, scale: scale };
})();
