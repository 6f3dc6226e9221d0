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
  // A service worker of a newer build took over this page (issue 22): its stamp is kept
  // as the newest build (localStorage cqhr.build) and the app told, as another tab's write
  // would tell it (a storage event): it says 已有新版本，请刷新 and stops saving.
  try {
    var stamp = /^\d{8}T\d{6}Z$/;
    if (navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener('message', function (ev) {
        var own = document.querySelector('meta[name="cqhr-build"]');
        var newer = ev.data && ev.data.cqhr_build;
        if (!own || !stamp.test(newer || '') || !(newer > own.content)) return;
        var kept = localStorage.getItem('cqhr.build');
        if (!kept || newer > kept) localStorage.setItem('cqhr.build', newer);
        window.dispatchEvent(new StorageEvent('storage', { key: 'cqhr.build', newValue: newer }));
      });
      if (navigator.serviceWorker.startMessages) navigator.serviceWorker.startMessages();
    }
  } catch (e) {
    // Storage or workers refused: nothing to tell.
  }
  if (window.wasmBindings) whenIdle(); // the app has already started
  else window.addEventListener('TrunkApplicationStarted', whenIdle, { once: true });
  // Should the start-up event never come, register a while after load all the same.
  window.addEventListener('load', function () { setTimeout(register, 10000); }, { once: true });
})();
