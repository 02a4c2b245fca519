// The optional base map: only when the server's state carries a tile template (`--tiles`), the
// tiles covering the view are placed by their corners' latitudes and longitudes, and their
// credit is shown. Nothing is fetched from anywhere else.
'use strict';

MS.tiles = (function () {
  // The template and credit, from `tiles` as a string or as {url|template, credit|attribution}.
  function spec(s) {
    var t = s.tiles;
    if (!t) return null;
    if (typeof t === 'string') return { url: t, credit: '' };
    var url = t.url || t.template;
    if (!url) return null;
    return { url: url, credit: t.credit || t.attribution || '' };
  }

  function lon2x(lon, z) {
    return ((lon + 180) / 360) * Math.pow(2, z);
  }
  function lat2y(lat, z) {
    var r = (lat * Math.PI) / 180;
    return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * Math.pow(2, z);
  }
  function x2lon(x, z) {
    return (x / Math.pow(2, z)) * 360 - 180;
  }
  function y2lat(y, z) {
    var n = Math.PI - (2 * Math.PI * y) / Math.pow(2, z);
    return (180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
  }

  // Draws the tiles under the view into group `g`; shows or hides the credit.
  function draw(g, s, proj, view, svg) {
    while (g.firstChild) g.removeChild(g.firstChild);
    var credit = document.getElementById('tile-credit');
    var sp = spec(s);
    credit.hidden = !sp;
    if (!sp) return;
    credit.textContent = sp.credit;
    var px = svg.clientWidth || 800;
    var ph = svg.clientHeight || 600;
    var vh = (view.w * ph) / px;
    var nw = proj.latlon(view.cx - view.w / 2, view.cy - vh / 2);
    var se = proj.latlon(view.cx + view.w / 2, view.cy + vh / 2);
    // A zoom whose tiles show at about 256 screen pixels.
    var lat = (nw[0] + se[0]) / 2;
    var mPerPx = view.w / px;
    var z = Math.round(Math.log2((156543.03 * Math.cos((lat * Math.PI) / 180)) / mPerPx));
    z = Math.max(2, Math.min(18, z));
    var x0 = Math.floor(lon2x(nw[1], z));
    var x1 = Math.floor(lon2x(se[1], z));
    var y0 = Math.floor(lat2y(nw[0], z));
    var y1 = Math.floor(lat2y(se[0], z));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 150) return;
    for (var x = x0; x <= x1; x++) {
      for (var y = y0; y <= y1; y++) {
        var a = proj.xy(y2lat(y, z), x2lon(x, z));
        var b = proj.xy(y2lat(y + 1, z), x2lon(x + 1, z));
        var href = sp.url.replace(/\{z\}/g, z).replace(/\{x\}/g, x).replace(/\{y\}/g, y);
        MS.map.el('image', {
          href: href, x: a[0], y: a[1], width: b[0] - a[0], height: b[1] - a[1],
          preserveAspectRatio: 'none',
        }, g);
      }
    }
  }

  return { draw: draw };
})();
