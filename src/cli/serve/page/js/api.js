// Talking to the server: only its own URLs, each carrying the page's token (read from the
// page's own URL) so a meeting laptop on a shared Wi-Fi answers only the room's browsers.
'use strict';

MS.api = (function () {
  var params = new URLSearchParams(window.location.search);
  var token = params.get('token');

  // `path` (a server path, possibly with a query) with the token added when the page has one.
  function url(path) {
    if (!token) return path;
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }

  // The JSON body of a reply, or an error carrying the server's message and status.
  function reply(r) {
    return r.text().then(function (text) {
      var body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) {
        body = { error: text };
      }
      if (!r.ok) {
        var err = new Error((body && body.error) || r.status + ' ' + r.statusText);
        err.status = r.status;
        err.body = body;
        throw err;
      }
      return body;
    });
  }

  function getJson(path) {
    return fetch(url(path), { cache: 'no-store' }).then(reply);
  }

  // Sends one operation made on version `base`; resolves with the new full state.
  function op(base, who, operation) {
    return fetch(url('/api/op'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: base, who: who, op: operation }),
    }).then(reply);
  }

  // Calls `onVersion(n)` whenever the server's version moves, and `onLink(up)` when the stream
  // drops or comes back. EventSource reconnects by itself after a drop.
  function events(onVersion, onLink) {
    var es = new EventSource(url('/api/events'));
    es.addEventListener('state', function (ev) {
      var v = null;
      try {
        v = JSON.parse(ev.data).version;
      } catch (e) {
        return;
      }
      onLink(true);
      onVersion(v);
    });
    es.onopen = function () {
      onLink(true);
    };
    es.onerror = function () {
      onLink(false);
    };
    return es;
  }

  return {
    url: url,
    state: function () {
      return getJson('/api/state');
    },
    why: function (id) {
      return getJson('/api/why/' + encodeURIComponent(id));
    },
    op: op,
    events: events,
  };
})();
