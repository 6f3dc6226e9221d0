// Registers the offline service worker (sw.js, written at build time by
// scripts/sw_manifest.py). The URL is relative, so the app works from any sub-path; where
// service workers are unavailable (plain http on a non-local host, file://, some private
// modes or policies) nothing happens and the app works online as before.
//
// Registration waits until the app has started (Trunk's TrunkApplicationStarted event,
// after the WebAssembly has mounted the page) and the browser is idle: the worker's install
// downloads the whole build again, and on the first visit that must not compete with
// starting the app (bench/run measured +60 ms to interactive when registering at `load`).
(function () {
  'use strict';
  var done = false;
  function register() {
    if (done) return;
    done = true;
    try {
      var container = navigator.serviceWorker;
      if (!container || typeof container.register !== 'function') return;
      var pending = container.register('./sw.js');
      if (pending && pending.catch) pending.catch(function () {});
    } catch (e) {
      // A SecurityError or similar: offline use is a bonus, never a requirement.
    }
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 3000 });
    else setTimeout(register, 500);
  }
  if (window.wasmBindings) whenIdle(); // the app has already started
  else window.addEventListener('TrunkApplicationStarted', whenIdle, { once: true });
  // Should the start-up event never come, register a while after load all the same.
  window.addEventListener('load', function () { setTimeout(register, 10000); }, { once: true });
})();
