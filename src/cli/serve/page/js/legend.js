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
    h.textContent = MS.t('legend_cells');
    box.appendChild(h);
    var cl = MS.map.classes();
    var lo = cl.min;
    cl.uppers.forEach(function (up, i) {
      row(box, MS.symbols.swatch(MS.map.RAMP[i]), fmt(lo) + '–' + fmt(up));
      lo = up;
    });
    var s = MS.state;
    row(box, MS.symbols.swatch('stop'), MS.t('legend_stop'));
    row(box, MS.symbols.swatch('cand'), MS.t('legend_cand'));
    row(box, MS.symbols.swatch('required'), MS.t('legend_required'));
    row(box, MS.symbols.swatch('excluded'), MS.t('legend_excluded'));
    if (s.shops && s.shops.length) row(box, MS.symbols.swatch('shop'), MS.t('legend_shop'));
    row(box, MS.symbols.swatch('reach'), MS.t('legend_reach'));
    row(box, MS.symbols.swatch('uncovered'), MS.t('legend_uncovered'));
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
