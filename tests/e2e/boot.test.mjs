// Start-up (issue 10, items 1 and 8): the loading frame is on screen before the WebAssembly
// arrives and the app takes over in place; when the app cannot start (no WebAssembly, a
// module that fails to compile, a download that fails or breaks off) the page says so in
// Chinese and names the browsers that work, never a blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { browser, ready, total, dist, outDir } from './harness.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ at / on a free loopback port; the WASM (…_bg.wasm) as `wasm` says:
 * 'hold' sends its headers and first half, then the rest only on release();
 * 'garbage' sends bytes that are no WebAssembly; '404' a not-found; 'abort' half of it,
 * then cuts the connection. `requests` logs every request's path.
 */
async function site(wasm) {
  const requests = [];
  let release;
  const released = new Promise((r) => { release = r; });
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1) || 'index.html';
    requests.push(rel);
    const file = path.join(dist, rel);
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    const body = fs.readFileSync(file);
    if (!rel.endsWith('_bg.wasm') || !wasm) { res.writeHead(200, headers); res.end(body); return; }
    const half = body.subarray(0, body.length >> 1);
    if (wasm === '404') { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    if (wasm === 'garbage') {
      const junk = Buffer.alloc(body.length, 0);
      junk.write('\0asm\x01\0\0\0', 'latin1'); // a WebAssembly header, then nothing valid
      for (let i = 8; i < junk.length; i++) junk[i] = (i * 151 + 7) & 0xff;
      res.writeHead(200, { ...headers, 'content-length': junk.length });
      res.end(junk);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.write(half);
    if (wasm === 'abort') { setTimeout(() => req.socket.destroy(), 200); return; }
    released.then(() => res.end(body.subarray(half.length)));
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    requests,
    release,
    close: () => new Promise((r) => { release(); server.close(r); for (const s of sockets) s.destroy(); }),
  };
}

/** Records layout shifts (CLS) from the start of the page. */
const watchShifts = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
};

const box = (page, selector) => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
});

/** The browser message: shown, in Chinese, naming the browsers that work. */
async function assertBrowserMessage(page, reason) {
  const message = page.locator('#boot-error');
  await message.waitFor({ state: 'visible', timeout: 20000 });
  const text = await message.innerText();
  assert.match(text, /计算器无法启动/);
  assert.match(text, reason);
  assert.match(text, /Chrome 或 Edge \d+ 及以上/);
  assert.match(text, /Firefox \d+ 及以上/);
  assert.match(text, /Safari \d+ 及以上/);
  assert.match(text, /360.*极速模式/);
  assert.match(text, /WebView/);
  assert.equal(await page.locator('#boot-loading').isVisible(), false, 'no progress line beside the message');
  assert.equal(await page.locator('[data-testid=total]').count(), 0, 'the app did not start');
  // Not a blank page: the title bar stays above the message.
  assert.equal(await page.locator('#boot header.top h1').isVisible(), true);
}

test('the frame is on screen before the WASM has arrived, with the download\'s progress; the app then takes over in place', async () => {
  const s = await site('hold');
  const b = await browser();
  try {
    const { page } = b;
    await page.addInitScript(watchShifts);
    await page.goto(s.base, { waitUntil: 'domcontentloaded' });
    // The WASM is half sent and held: the page shows the frame, and the bytes so far.
    await page.waitForFunction(() => document.querySelector('#boot-progress')?.value > 0, null, { timeout: 20000 });
    assert.equal(await page.locator('#boot header.top h1').innerText(), '重庆市人力资源服务发展平台 绩效评估计算器');
    assert.deepEqual(await page.locator('#boot nav.tabs .tab').allInnerTexts(), ['绩效评分', '认定条件与申请表', '等次排名', '年度对比', '自评材料', '评分标准']);
    assert.equal(await page.locator('#boot-rubric').innerText(), '重庆市市级综合性人力资源服务产业园绩效评估评分表');
    assert.match(await page.locator('#boot-loading').innerText(), /正在加载计算器\s*\d+%（\d+\.\d \/ \d+\.\d MB）/);
    const share = await page.locator('#boot-progress').evaluate((p) => p.value / p.max);
    assert.ok(share > 0.3 && share < 0.7, `half the WASM received: ${share}`);
    assert.equal(await page.locator('[data-testid=total]').count(), 0, 'the app has not started');
    assert.deepEqual(b.errors, []);
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length);
    assert.equal(paint, 1, 'the frame was painted');
    await page.screenshot({ path: path.join(outDir, 'boot-frame.png') });
    const frame = { top: await box(page, '#boot header.top'), tabs: await box(page, '#boot nav.tabs'), layout: await box(page, '#boot .layout') };

    s.release();
    await ready(page);
    assert.equal(await total(page), '0');
    assert.equal(await page.locator('#boot').count(), 0, 'the frame is gone once the app has started');
    const app = { top: await box(page, '.app header.top'), tabs: await box(page, '.app nav.tabs'), layout: await box(page, '.app .layout') };
    // The title bar does not move or resize when the app takes over.
    for (const k of ['x', 'y', 'width', 'height']) {
      assert.ok(Math.abs(frame.top[k] - app.top[k]) <= 1, `title bar ${k}: frame ${frame.top[k]}, app ${app.top[k]}`);
    }
    const cls = await page.evaluate(() => window.__shifts.reduce((a, v) => a + v, 0));
    assert.ok(cls < 0.1, `cumulative layout shift ${cls}`);
    console.log(`# boxes frame → app: title bar ${JSON.stringify(frame.top)} → ${JSON.stringify(app.top)}; ` +
      `tabs y ${frame.tabs.y} → ${app.tabs.y}; layout y ${frame.layout.y} → ${app.layout.y}; CLS ${cls}`);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await s.close(); }
});

test('the frame shows the rubric of the draft that will open', async () => {
  const s = await site(null);
  const b = await browser();
  try {
    const { page } = b;
    await page.route('**/*_bg.wasm', () => {}); // never answered: the frame stays
    await page.goto(s.base, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('#boot-rubric').innerText(), '重庆市市级综合性人力资源服务产业园绩效评估评分表', 'no draft yet: the default type');
    // A stored draft of 附表4 is the one the app will open (the store's keys).
    await page.evaluate(() => {
      localStorage.setItem('cqhr.draft.d1', JSON.stringify({ format: 1, rubric: 'talent-market', edition: '2025', inputs: {} }));
      localStorage.setItem('cqhr.current', 'd1');
    });
    // Reload with the WASM never arriving: the frame names the stored draft's rubric.
    await page.route('**/*_bg.wasm', () => {}); // never answered
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#boot-rubric');
    await page.waitForFunction(() => /人才/.test(document.querySelector('#boot-rubric').textContent));
    assert.equal(await page.locator('#boot-rubric').innerText(), '重庆市市级专业性行业性人力资源（人才）市场绩效评估评分表');
  } finally { await b.close(); await s.close(); }
});

test('a WASM that fails to compile shows the browser message', async () => {
  const s = await site('garbage');
  const b = await browser();
  try {
    await b.page.goto(s.base);
    await assertBrowserMessage(b.page, /无法编译本计算器的 WebAssembly 程序/);
    assert.match(await b.page.locator('#boot-error-detail').innerText(), /CompileError/);
    await b.page.screenshot({ path: path.join(outDir, 'boot-error.png') });
  } finally { await b.close(); await s.close(); }
});

test('a WASM that is not found (404) shows the download message and the browsers', async () => {
  const s = await site('404');
  const b = await browser();
  try {
    await b.page.goto(s.base);
    await assertBrowserMessage(b.page, /未能下载完成/);
  } finally { await b.close(); await s.close(); }
});

test('a download broken off half-way shows the download message', async () => {
  const s = await site('abort');
  const b = await browser();
  try {
    await b.page.goto(s.base);
    await assertBrowserMessage(b.page, /未能下载完成/);
  } finally { await b.close(); await s.close(); }
});

test('a browser without WebAssembly hears so at once', async () => {
  const s = await site(null);
  const b = await browser();
  try {
    await b.page.addInitScript(() => { delete globalThis.WebAssembly; });
    await b.page.goto(s.base);
    await assertBrowserMessage(b.page, /不支持 WebAssembly/);
  } finally { await b.close(); await s.close(); }
});

test('a kernel without the post-MVP WebAssembly features the build uses hears so before the download', async () => {
  const s = await site('hold'); // whatever the loader does, the WASM never completes
  const b = await browser();
  try {
    // An older kernel: validation of the feature probes fails (as for reference types on Chrome < 96).
    await b.page.addInitScript(() => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (bytes.length < 64 ? false : validate(bytes));
    });
    await b.page.goto(s.base);
    await assertBrowserMessage(b.page, /版本过旧/);
    assert.match(await b.page.locator('#boot-error-detail').innerText(),
      /缺少 WebAssembly 功能：sign-ext, nontrapping-fptoint, multivalue, bulk-memory, reference-types/);
  } finally { await b.close(); await s.close(); }
});

test('the start-up scripts are files of the site: the CSP allows no inline script', () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.doesNotMatch(scriptSrc, /unsafe-inline/);
  assert.equal(scriptSrc, "script-src 'self' 'wasm-unsafe-eval'");
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
  assert.equal(inline.length, 0, 'no inline script: the app starts from start-<hash>.js');
  assert.match(html, /<script src="\.\/boot-[0-9a-f]+\.js"[^>]*defer/);
  assert.match(html, /<script type="module" src="\.\/start-[0-9a-f]{16}\.js"><\/script>/);
  assert.ok(html.indexOf('boot-') < html.indexOf('<script type="module"'), 'boot.js runs before the start-up module');
});
