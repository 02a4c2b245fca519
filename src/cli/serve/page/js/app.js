// The page's one state (the server's, as last read), the way every change goes out, and the
// live link: the server announces each new version on /api/events and the page fetches the
// state when the version moves, so every browser in the room shows the same answer.
//
// Latency: every change records, into window.msLatency, the milliseconds from the input event
// to after the redraw of the state answering it (the next animation frame).
'use strict';

window.msLatency = [];

MS.app = (function () {
  var fetching = false;
  var wanted = 0; // the newest version the server announced
  var noticeTimer = null;

  // The name this browser signs its changes with: ?who=… in the URL, else the one typed in
  // before (kept in this browser), else a made-up one.
  function initWho() {
    var f = document.getElementById('who');
    var fromUrl = new URLSearchParams(window.location.search).get('who');
    var kept = null;
    try {
      kept = window.localStorage.getItem('ms-who');
    } catch (e) {
      kept = null;
    }
    f.value = (fromUrl || kept || 'tablet-' + Math.random().toString(36).slice(2, 6)).slice(0, 40);
    f.addEventListener('change', function () {
      f.value = f.value.trim().slice(0, 40);
      try {
        window.localStorage.setItem('ms-who', f.value);
      } catch (e) {
        /* private browsing: the name lasts for this page only */
      }
    });
  }

  function who() {
    return document.getElementById('who').value.trim().slice(0, 40) || 'tablet';
  }

  // Puts the fixed words of the page in the state's language.
  function words() {
    document.documentElement.lang = MS.lang;
    document.title = MS.t('title');
    document.querySelectorAll('[data-t]').forEach(function (e) {
      e.textContent = MS.t(e.getAttribute('data-t'));
    });
    document.querySelectorAll('[data-t-title]').forEach(function (e) {
      e.title = MS.t(e.getAttribute('data-t-title'));
      e.setAttribute('aria-label', e.title);
    });
    document.querySelectorAll('[data-t-placeholder]').forEach(function (e) {
      e.placeholder = MS.t(e.getAttribute('data-t-placeholder'));
    });
    document.querySelectorAll('#opt-model option').forEach(function (o) {
      o.textContent = MS.t('model_' + o.value);
    });
  }

  function afterFrame(t0) {
    requestAnimationFrame(function () {
      setTimeout(function () {
        window.msLatency.push(performance.now() - t0);
      }, 0);
    });
  }

  // Shows `s` unless a newer state is already shown; `t0` is the input event's time when `s`
  // answers this browser's change.
  function apply(s, t0) {
    if (MS.state && s.version < MS.state.version) return;
    var lang = s.lang === 'en' ? 'en' : 'ja';
    var first = !MS.state;
    MS.state = s;
    if (first || lang !== MS.lang) {
      MS.lang = lang;
      MS.panel.reset();
      words();
    }
    document.getElementById('loading').hidden = true;
    MS.map.draw();
    MS.legend.draw();
    if (first) MS.map.fit(); // again, now the legend's height is known
    MS.panel.draw(s);
    MS.side.draw(s);
    MS.addForm.draw(s);
    document.body.setAttribute('data-version', s.version);
    if (t0 !== undefined) afterFrame(t0);
    MS.why.refresh();
    if (wanted > s.version) load();
  }

  function load() {
    if (fetching) return;
    fetching = true;
    MS.api
      .state()
      .then(function (s) {
        fetching = false;
        apply(s);
      })
      .catch(function (e) {
        fetching = false;
        notice(e.message, true);
      });
  }

  // A message at the top of the page; errors stay until the next one, others fade.
  function notice(msg, isError) {
    var n = document.getElementById('notice');
    n.textContent = msg;
    n.className = isError ? 'notice error' : 'notice';
    n.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () {
      n.hidden = true;
    }, isError ? 12000 : 4000);
  }

  // Sends one change; resolves true when applied. A refused change is explained and the page
  // goes back to the server's state, so nothing shown is out of step with it.
  function send(op, t0) {
    if (!MS.state) return Promise.resolve(false);
    return MS.api
      .op(MS.state.version, who(), op)
      .then(function (s) {
        apply(s, t0);
        return true;
      })
      .catch(function (e) {
        notice(MS.t(e.status === 409 ? 'conflict' : 'refused') + e.message, true);
        if (e.body && e.body.version !== undefined) wanted = Math.max(wanted, e.body.version);
        MS.state ? load() : null;
        if (MS.state) MS.map.draw();
        return false;
      });
  }

  function start() {
    initWho();
    words();
    var svg = document.getElementById('map');
    MS.map.init(svg);
    MS.mapInput.init(svg);
    MS.panel.init();
    MS.side.init();
    MS.addForm.init();
    var offline = document.getElementById('offline');
    MS.api.events(
      function (v) {
        wanted = Math.max(wanted, v);
        if (!MS.state || v > MS.state.version) load();
      },
      function (up) {
        offline.hidden = up;
      }
    );
    load();
  }

  return { start: start, send: send, notice: notice, apply: apply };
})();

document.addEventListener('DOMContentLoaded', MS.app.start);
