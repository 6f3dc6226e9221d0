// Shared harness for the browser tests: a static server for dist/ (under any sub-path,
// logging every request) and a fresh headless Debian Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const dist = process.env.CQHR_DIST || path.join(root, 'dist');
export const outDir = path.join(root, 'tests', 'e2e', 'out');
fs.mkdirSync(outDir, { recursive: true });

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

/**
 * Serves dist/ at `prefix` (e.g. "/" or "/some/deep/path/") on a free loopback port.
 * Options: `dir` (another built site), `port` (e.g. the port of a server just closed, to
 * come back at the same origin), `headers` (sent with every file: e.g. those of dist/_headers). Returns { base, port, requests, setDir, close }:
 * `requests` logs every request's URL; `setDir` serves another folder from then on;
 * `close` stops the server and cuts open connections (as if the host went away).
 */
export async function serve(prefix = '/', options = {}) {
  const requests = [];
  let root = path.resolve(options.dir || dist);
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end('not here'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',
      ...(options.headers || {}),
    });
    fs.createReadStream(file).pipe(res);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => server.listen(options.port || 0, '127.0.0.1', r));
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}${prefix}`;
  return {
    base, port, requests,
    setDir: (d) => { root = path.resolve(d); },
    close: () => new Promise((r) => { server.close(r); for (const s of sockets) s.destroy(); }),
  };
}

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Every browser still open when a test file ends is closed then: a test that fails between
// `browser()` and its own `close` must not keep the file's process (and the run) waiting.
// Only under the test runner (`node --test` sets NODE_TEST_CONTEXT in each file's process):
// a bench script that uses this harness has no tests, and node:test's root would end at
// once and close its browsers under it.
const live = new Set();
if (process.env.NODE_TEST_CONTEXT) {
  const { after } = await import('node:test');
  after(async () => { await Promise.all([...live].map((c) => c.close().catch(() => {}))); });
}

/** A fresh browser profile (options: profile, viewport, bypassCSP). Returns { context, page, close, profile }. */
export async function browser(options = {}) {
  const profile = options.profile || fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: options.viewport || { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    permissions: ['clipboard-read', 'clipboard-write'],
    // Only for tests that inject a tool into the page (a11y: axe-core); never the app's own.
    bypassCSP: Boolean(options.bypassCSP),
    // 'block' for tests that must see every request the page makes (a service worker's own
    // fetches, e.g. its install caching every chunk, pass by page.route and page requests).
    serviceWorkers: options.serviceWorkers || 'allow',
  });
  live.add(context);
  context.on('close', () => live.delete(context));
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, profile, errors, close: () => context.close() };
}

/**
 * Waits until the app has rendered and shows a total. On a first visit (no draft yet) the
 * app offers a choice of platform type (issue 15); this picks 综合性 (附表2), as a person
 * starting the scoring would. Use `start` to pick another type.
 */
export async function ready(page) {
  await page.waitForSelector('[data-testid=total], [data-testid=start]', { timeout: 20000 });
  if (await page.locator('[data-testid=start]').count()) await start(page);
  await page.waitForSelector('[data-testid=total]', { timeout: 20000 });
}

/**
 * Waits until the page's background fetch of every chunk (`lazy::prefetch`, 1.5 s after
 * start) has ended: the last chunk it asks for (the path reader's, `split_install_locators`)
 * is in, and the server has then seen no request for a second. A test that closes the
 * server or goes offline before then aborts a fetch under way, which the browser reports.
 */
export async function prefetched(page, site) {
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => /split_install_locators-[^/]*\.wasm$/.test(e.name) && e.responseEnd > 0), null, { timeout: 30000 });
  for (let seen = -1; seen !== site.requests.length;) {
    seen = site.requests.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** On the first-visit choice, picks a platform type (a rubric id) and waits for its form. */
export async function start(page, rubric = 'comprehensive-park') {
  await page.waitForSelector('[data-testid=total], [data-testid=start]', { timeout: 20000 });
  const choice = page.locator(`[data-testid="start-${rubric}"]`);
  if (await choice.count()) await choice.click();
  await page.waitForSelector('[data-testid=total]', { timeout: 20000 });
}

/** The text of the total in the summary. */
export const total = (page) => page.locator('[data-testid=total]').innerText();
/** One indicator's counted score. */
export const score = (page, id) => page.locator(`[data-testid="score-${id}"] strong`).innerText();
/** The input of one field: indicator "1.2", field "revenue_wan". */
export const field = (page, id, key) => page.locator(`#f-${id.replace('.', '-')}-${key}`);

/** Opens an address and waits for the scoring page's total (the step most tests begin with). */
export async function open(page, url) {
  await page.goto(url);
  await ready(page);
}

/** Goes to one of the four pages by its tab (绩效评分, 认定条件与申请表, 等次排名, 年度对比). */
export async function goToPage(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
  await onPage(page, name);
}

/**
 * Waits until the page named `name` is the one shown (its tab marked current) and, for a
 * page loaded on first use (src/ui/lazy.rs), until its chunk has arrived (no placeholder).
 */
export async function onPage(page, name) {
  await page.waitForSelector(`nav.tabs button[aria-current=page]:text-is("${name}")`, { timeout: 20000 });
  await page.waitForSelector('[data-testid=lazy-loading]', { state: 'detached', timeout: 20000 });
}

/** A share fragment as the app makes it: d1. + base64url(CRC-32 ‖ DEFLATE(json)). */
export function shareFragment(draft) {
  const json = Buffer.from(JSON.stringify(draft), 'utf8');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(json) >>> 0);
  return 'd1.' + Buffer.concat([crc, zlib.deflateRawSync(json)]).toString('base64url');
}

/** The headers of dist/_headers (scripts/post_build.py) for `/*`, as an object. */
export function siteHeaders(dir = dist) {
  const lines = fs.readFileSync(path.join(dir, '_headers'), 'utf8').split('\n');
  const out = {};
  let all = false;
  for (const line of lines) {
    if (line.startsWith('#') || !line.trim()) continue;
    if (!line.startsWith(' ')) { all = line.trim() === '/*'; continue; }
    if (!all) continue;
    const at = line.indexOf(':');
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}
