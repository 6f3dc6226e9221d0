// bench/phone.js — the phone profile and the static server that bench/run and
// bench/page-open.mjs share: the site served gzip-encoded as a host with `gzip_static on`
// serves it, and Chromium throttled over CDP as Lighthouse's mobile profile.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower. */
const MOBILE = { latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 };

const http = require('node:http');
const zlib = require('node:zlib');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|webmanifest|json)$/;

/**
 * A static server for a built site that answers gzip-encoded, as a host with
 * `gzip_static on` does: the file's .gz sibling when the build made one (the app), else
 * gzip -9 of the file (the bare page, whose build makes none). ETags, so that a repeat
 * visit revalidates instead of downloading again.
 */
async function gzipServer(dir) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
    const stat = fs.statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache', etag };
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
    let body;
    if (COMPRESSIBLE.test(file) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!cache.has(file)) {
        cache.set(file, fs.existsSync(`${file}.gz`) ? fs.readFileSync(`${file}.gz`) : zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      }
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    } else {
      body = fs.readFileSync(file);
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => { server.close(r); for (const s of sockets) s.destroy(); }),
  };
}

/** Throttles a page as the phone profile: network (CDP) and CPU. */
async function throttle(b, { network = true, cpu = MOBILE.cpu } = {}) {
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Network.enable');
  if (network) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: MOBILE.latency, downloadThroughput: MOBILE.down, uploadThroughput: MOBILE.up,
    });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return cdp;
}

module.exports = { MOBILE, TYPES, gzipServer, throttle };
