// Hands on the map, with pointer events so a mouse, a pen and a finger work alike: press on a
// candidate and move to drag it (it is moved on release), tap a candidate for why (not) it is
// chosen, tap empty map to add a candidate there, drag empty map to pan, wheel or pinch to zoom.
'use strict';

MS.mapInput = (function () {
  var MOVE_PX = 6; // a press that moves less than this is a tap
  var svg = null;
  var pointers = {}; // pointerId -> {x, y}
  var press = null; // the gesture under way

  function dist(a, b) {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  function zoomAt(px, py, factor) {
    var v = MS.map.view();
    var r = svg.getBoundingClientRect();
    var u = MS.map.unit();
    var vh = (v.w * r.height) / r.width;
    var mx = v.cx - v.w / 2 + (px - r.left) * u;
    var my = v.cy - vh / 2 + (py - r.top) * u;
    var w = Math.max(150, Math.min(200000, v.w * factor));
    var k = w / v.w;
    MS.map.setView({ cx: mx + (v.cx - mx) * k, cy: my + (v.cy - my) * k, w: w });
  }

  function down(ev) {
    if (ev.button !== undefined && ev.button > 0) return;
    pointers[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    var ids = Object.keys(pointers);
    if (ids.length === 2) {
      // A second finger: pinch zoom, whatever the first was doing.
      if (press && press.marker) press.marker.removeAttribute('data-dragging');
      press = { pinch: dist(pointers[ids[0]], pointers[ids[1]]) };
      return;
    }
    if (ids.length > 2) return;
    svg.setPointerCapture(ev.pointerId);
    var marker = ev.target.closest ? ev.target.closest('.cand') : null;
    var v = MS.map.view();
    press = {
      id: ev.pointerId, x: ev.clientX, y: ev.clientY, moved: false,
      marker: marker, cand: marker ? marker.getAttribute('data-id') : null,
      view: { cx: v.cx, cy: v.cy, w: v.w },
    };
    ev.preventDefault();
  }

  function move(ev) {
    if (!pointers[ev.pointerId]) return;
    pointers[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    if (!press) return;
    var ids = Object.keys(pointers);
    if (press.pinch && ids.length === 2) {
      var d = dist(pointers[ids[0]], pointers[ids[1]]);
      var mid = { x: (pointers[ids[0]].x + pointers[ids[1]].x) / 2, y: (pointers[ids[0]].y + pointers[ids[1]].y) / 2 };
      if (d > 0) zoomAt(mid.x, mid.y, press.pinch / d);
      press.pinch = d;
      return;
    }
    if (press.id !== ev.pointerId) return;
    if (!press.moved && Math.hypot(ev.clientX - press.x, ev.clientY - press.y) < MOVE_PX) return;
    press.moved = true;
    var u = MS.map.unit();
    if (press.marker) {
      var ll = MS.map.latlonAt(ev.clientX, ev.clientY);
      var p = MS.map.xy(ll[0], ll[1]);
      press.marker.setAttribute('transform', 'translate(' + p[0] + ',' + p[1] + ')');
      press.marker.setAttribute('data-dragging', '1');
      press.to = ll;
    } else {
      var v = press.view;
      MS.map.setView({ cx: v.cx - (ev.clientX - press.x) * u, cy: v.cy - (ev.clientY - press.y) * u, w: v.w });
    }
  }

  function up(ev) {
    delete pointers[ev.pointerId];
    if (!press) return;
    if (press.pinch) {
      if (!Object.keys(pointers).length) press = null;
      return;
    }
    if (press.id !== ev.pointerId) return;
    var p = press;
    press = null;
    if (ev.type === 'pointercancel') {
      if (p.marker) MS.map.draw();
      return;
    }
    var t0 = performance.now();
    if (p.cand && p.moved && p.to) {
      MS.app.send({ kind: 'move_candidate', id: p.cand, lat: round6(p.to[0]), lon: round6(p.to[1]) }, t0);
    } else if (p.cand && !p.moved) {
      MS.why.show(p.cand);
    } else if (!p.moved) {
      var ll = MS.map.latlonAt(ev.clientX, ev.clientY);
      MS.addForm.open(round6(ll[0]), round6(ll[1]));
    }
  }

  function round6(x) {
    return Math.round(x * 1e6) / 1e6;
  }

  function wheel(ev) {
    ev.preventDefault();
    zoomAt(ev.clientX, ev.clientY, Math.pow(1.0015, ev.deltaY));
  }

  function init(svgElement) {
    svg = svgElement;
    svg.addEventListener('pointerdown', down);
    svg.addEventListener('pointermove', move);
    svg.addEventListener('pointerup', up);
    svg.addEventListener('pointercancel', up);
    svg.addEventListener('wheel', wheel, { passive: false });
    function button(id, f) {
      document.getElementById(id).addEventListener('click', f);
    }
    button('zoom-in', function () {
      var r = svg.getBoundingClientRect();
      zoomAt(r.left + r.width / 2, r.top + r.height / 2, 0.6);
    });
    button('zoom-out', function () {
      var r = svg.getBoundingClientRect();
      zoomAt(r.left + r.width / 2, r.top + r.height / 2, 1 / 0.6);
    });
    button('zoom-fit', function () {
      MS.map.fit();
    });
  }

  return { init: init };
})();
