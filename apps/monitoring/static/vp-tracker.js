/*! VideoPlanet analytics tracker — <script async src=".../static/vp-tracker.js" data-site="KEY"></script>
 * Anonymous: a random visitor id (localStorage, else per page load; never a cookie), a
 * session id renewed after 30 min idle, no personal data. Honours Do-Not-Track and Global
 * Privacy Control. Never throws into the host page. API: vp.track(type, props), vp.flush(). */
(function (w, d, n) {
  "use strict";
  var IDLE = 18e5, BEAT = 15e3, WAIT = 5e3, MAX = 50, BYTES = 6e4;
  function safe(f) {
    return function () {
      try { return f.apply(this, arguments); } catch (e) { /* never break the host page */ }
    };
  }
  var old = w.vp, queued = old && old.q;
  var api = (w.vp = { track: function () {}, flush: function () {} });
  try {
    var el = d.currentScript || d.querySelector("script[data-site]");
    var key = el && el.getAttribute("data-site");
    if (!key || n.doNotTrack == "1" || w.doNotTrack == "1" || n.globalPrivacyControl === true) return;
    var url = el.getAttribute("data-endpoint") || new URL(el.src, location.href).origin + "/api/v1/monitoring/events";
    var mem = {}, store;
    try { store = w.localStorage; store.setItem("vp_t", "1"); store.removeItem("vp_t"); } catch (e) { store = 0; }
    var get = function (k) { return store ? store.getItem(k) : mem[k]; };
    var set = function (k, v) { if (store) store.setItem(k, v); else mem[k] = v; };
    var rid = function (p) { return p + Math.random().toString(36).slice(2, 12) + Date.now().toString(36); };
    var vid = get("vp_vid");
    if (!vid) set("vp_vid", (vid = rid("v_")));
    var queue = [], timer = 0, beat = 0, path = "", vit = {}, cls = 0, win = 0, first = 0, last = 0;

    var sid = function (now) {
      var s = (get("vp_sid") || "").split("."), id = s[0];
      if (!id || now - (+s[1] || 0) > IDLE) id = rid("s_");
      set("vp_sid", id + "." + now);
      return id;
    };
    var send = function (events, beacon, retry) {
      var body = JSON.stringify({ site: key, vid: vid, events: events });
      if (beacon && n.sendBeacon && n.sendBeacon(url, body)) return;
      fetch(url, { method: "POST", body: body, keepalive: body.length < BYTES, credentials: "omit",
        headers: { "Content-Type": "text/plain" } })
        .then(function (r) { if (r.status >= 500 || r.status == 429) throw 0; })
        .catch(function () { if (!retry) setTimeout(safe(function () { send(events, 0, 1); }), 3e3); });
    };
    var flush = safe(function (beacon) {
      clearTimeout(timer); timer = 0;
      while (queue.length) {
        var batch = [], size = 0;
        while (queue.length && batch.length < MAX && size < BYTES) size += JSON.stringify(batch[batch.length] = queue.shift()).length;
        send(batch, beacon);
      }
    });
    var push = function (type, extra) {
      var now = Date.now(), e = { type: type, ts: now, sid: sid(now), path: location.pathname.replace(/(\/(?:share|invitations|unsubscribe)\/)[^\/]+/g, "$1:token").slice(0, 500) };
      for (var k in extra) if (extra[k] != null) e[k] = extra[k];
      queue.push(e);
      if (queue.length >= MAX) flush();
      else if (!timer) timer = setTimeout(flush, WAIT);
    };
    var vitals = function () {
      for (var k in vit) if (vit[k] != null) push("vital", { name: k, value: Math.round(vit[k] * 1e4) / 1e4 });
      vit = {}; cls = win = 0;
    };
    var view = function (first) {
      if (location.pathname == path) return;
      if (path) vitals();
      path = location.pathname;
      var q = new URLSearchParams(location.search), utm = {}, any = 0;
      ["source", "medium", "campaign", "term", "content"].forEach(function (k) {
        var v = q.get("utm_" + k);
        if (v) { utm[k] = v.slice(0, 200); any = 1; }
      });
      push("page_view", { ref: first && d.referrer ? d.referrer.slice(0, 1e3) : null, utm: any ? utm : null });
    };
    var pulse = function () {
      clearInterval(beat); beat = 0;
      if (d.visibilityState == "visible") beat = setInterval(safe(function () { push("heartbeat"); }), BEAT);
    };
    var track = safe(function (type, props) {
      props = props || {};
      if (type == "conversion") push("conversion", { name: String(props.name || "conversion").slice(0, 100),
        value: typeof props.value == "number" && isFinite(props.value) ? props.value : null });
      else if (type == "click") push("click", { label: String(props.label || "").slice(0, 200) });
    });
    var observe = function (type, f, opts) {
      try { new PerformanceObserver(safe(function (l) { l.getEntries().forEach(f); })).observe(opts || { type: type, buffered: true }); } catch (e) {}
    };

    ["pushState", "replaceState"].forEach(function (m) {
      var orig = history[m];
      history[m] = function () {
        var r = orig.apply(this, arguments);
        setTimeout(safe(view), 0);
        return r;
      };
    });
    w.addEventListener("popstate", safe(function () { view(); }));
    d.addEventListener("click", safe(function (ev) {
      var t = ev.target && ev.target.closest && ev.target.closest("[data-vp-track]");
      if (t) push("click", { label: (t.getAttribute("data-vp-track") || t.textContent || "").trim().slice(0, 200) });
    }), true);
    d.addEventListener("visibilitychange", safe(function () {
      pulse();
      if (d.visibilityState == "hidden") { vitals(); flush(1); }
    }));
    w.addEventListener("pagehide", safe(function () { vitals(); flush(1); }));
    observe("largest-contentful-paint", function (e) { vit.LCP = e.startTime; });
    observe("layout-shift", function (e) {
      if (e.hadRecentInput) return;
      if (win && e.startTime - last < 1e3 && e.startTime - first < 5e3) win += e.value;
      else { win = e.value; first = e.startTime; }
      last = e.startTime;
      vit.CLS = cls = Math.max(cls, win);
    });
    observe("event", function (e) { if (e.interactionId) vit.INP = Math.max(vit.INP || 0, e.duration); },
      { type: "event", buffered: true, durationThreshold: 40 });

    api.track = track;
    api.flush = function () { flush(); };
    view(1);
    pulse();
    if (queued) for (var i = 0; i < queued.length; i++) track.apply(null, queued[i]);
  } catch (e) { /* never break the host page */ }
})(window, document, navigator);
