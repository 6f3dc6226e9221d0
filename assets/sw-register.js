// Registers the offline service worker (sw.js, written at build time by
// scripts/sw_manifest.py). The URL is relative, so the app works from any sub-path; where
// service workers are unavailable (plain http on a non-local host, file://, some private
// modes or policies) nothing happens and the app works online as before.
(function () {
  'use strict';
  function register() {
    try {
      var container = navigator.serviceWorker;
      if (!container || typeof container.register !== 'function') return;
      var pending = container.register('./sw.js');
      if (pending && pending.catch) pending.catch(function () {});
    } catch (e) {
      // A SecurityError or similar: offline use is a bonus, never a requirement.
    }
  }
  // After the page has loaded, so that the first visit's downloads come first.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
