// The offline service worker's logic. scripts/sw_manifest.py prepends
//   const CACHE = 'cqhr-<hash of every built file>';
//   const BUILD = '<the build's stamp, index.html's <meta name="cqhr-build">>';
//   const FILES = [<every built file, by its relative (hashed) name>];
//   const LAZY = [<the files of FILES cached on first use, not at install: the exporter>];
// and writes the result to sw.js in the built site.
//
// - Install: caches every file of this build but LAZY in a cache of its own (CACHE).
// - LAZY files (the exporter worker, ~480 KB gzip, issue 12) go into CACHE the first time
//   the app loads them (the user's first export): exports then work offline too.
// - The page (index.html): network first, so that a new deployment is picked up on the
//   next visit; the cached copy when the network fails or hangs (offline). With navigation
//   preload on (where the browser has it), the browser asks the network for the page while
//   this worker is still starting, so a visit does not wait for the worker's start first.
// - trust.json (the deployment's root fingerprint, set after the build): network first too.
// - Every other file of the build (hashed names, never changed in place): cache first.
// - Activate: deletes the caches of older builds, turns navigation preload on, takes over
//   open pages at once and tells them its build's stamp (BUILD, issue 22).
// Drafts live in localStorage, which a service worker cannot touch: updates never lose them.
'use strict';

const INDEX = new URL('index.html', self.registration.scope).href;
const TRUST = new URL('trust.json', self.registration.scope).href;
const SCOPE = self.registration.scope;
const NETWORK_WAIT_MS = 4000;
// This build's cache, opened once per start of the worker (not once per request).
let opened;
const cache = () => (opened ||= caches.open(CACHE));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // The page is revalidated with the server (it is the one file whose name does not
      // change); the hashed files may come from the HTTP cache the first visit filled.
      .then((cache) => cache.addAll(FILES.filter((f) => !LAZY.includes(f))
        .map((f) => new Request(f, { cache: f === 'index.html' ? 'no-cache' : 'default' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('cqhr-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.registration.navigationPreload?.enable())
      .catch(() => {})
      .then(() => self.clients.claim())
      // Tells the pages it now controls which build it serves (issue 22): a page of an older
      // build (assets/sw-register.js) then says 已有新版本，请刷新 and stops saving.
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((pages) => pages.forEach((p) => p.postMessage({ cqhr_build: BUILD })))
      .catch(() => {}),
  );
});

/**
 * The network's copy of `key` (the page, or trust.json); the cached one when the network
 * fails, answers with an error (the host is down or the site moved) or takes longer than
 * NETWORK_WAIT_MS. A good answer for trust.json replaces the cached copy.
 */
function networkFirst(event, key) {
  const cached = () => cache().then((c) => c.match(key));
  // The preloaded response (started by the browser with the navigation), else a fetch.
  const network = Promise.resolve(event.preloadResponse).then((r) => r || fetch(event.request))
    .then((r) => {
      if (key !== INDEX && r.ok) cache().then((c) => c.put(key, r.clone())).catch(() => {});
      return r;
    });
  // Keep the worker alive until the network has answered, even when the cached page won.
  event.waitUntil(network.catch(() => {}));
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS)).then(cached);
  return Promise.race([
    network.then(
      (r) => (r.ok ? r : cached().then((c) => c || r)),
      () => cached().then((c) => c || Response.error()),
    ),
    late.then((c) => c || network),
  ]);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const path = url.origin + url.pathname;
  if (request.mode === 'navigate') {
    if (path === SCOPE || path === INDEX) event.respondWith(networkFirst(event, INDEX));
    // Any other address in scope: the network's answer, the preloaded one when there is one.
    else event.respondWith(Promise.resolve(event.preloadResponse).then((r) => r || fetch(request)));
    return;
  }
  // trust.json is not hashed: a bureau sets its root there after the build (docs/signatures.md),
  // so a replaced file must win over the copy cached at install, like the page.
  if (path === TRUST) {
    event.respondWith(networkFirst(event, TRUST));
    return;
  }
  const lazy = LAZY.some((f) => path === new URL(f, SCOPE).href);
  event.respondWith(
    cache().then((c) => c.match(request, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      return fetch(request).then((response) => {
        if (lazy && response.ok) c.put(request, response.clone()).catch(() => {});
        return response;
      });
    })),
  );
});
