// Precompressed and installable (issue 10, item 5): every text and WASM file of the build
// has .gz and .br siblings that decompress to its exact bytes; the web app manifest and
// its icons are served and cached by the service worker; nothing is asked of any other
// origin, the manifest and icons included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, browser, ready, dist } from './harness.mjs';

const built = () => fs.readdirSync(dist).filter((f) => !f.startsWith('.'));
const TEXT = /\.(html|js|css|wasm|svg|webmanifest|json)$/;

test('every text and WASM file has .gz and .br siblings with the same bytes; PNGs and trust.json have none', () => {
  const files = built().filter((f) => !/\.(gz|br)$/.test(f));
  // trust.json is replaced in the deployed site after the build: a sibling would go stale.
  assert.ok(files.includes('trust.json') && !fs.existsSync(path.join(dist, 'trust.json.gz')), 'trust.json has no sibling');
  const text = files.filter((f) => TEXT.test(f) && f !== 'trust.json');
  for (const kind of ['index.html', '.wasm', '.js', '.css', 'sw.js', 'manifest.webmanifest', 'icon.svg']) {
    assert.ok(text.some((f) => f.endsWith(kind)), `a ${kind} file in dist/`);
  }
  for (const f of text) {
    const raw = fs.readFileSync(path.join(dist, f));
    const gz = fs.readFileSync(path.join(dist, `${f}.gz`));
    const br = fs.readFileSync(path.join(dist, `${f}.br`));
    assert.ok(zlib.gunzipSync(gz).equals(raw), `${f}.gz decompresses to ${f}`);
    assert.ok(zlib.brotliDecompressSync(br).equals(raw), `${f}.br decompresses to ${f}`);
    if (raw.length > 2000) assert.ok(br.length < gz.length && gz.length < raw.length, `${f}: brotli < gzip < raw`);
  }
  for (const f of files.filter((x) => x.endsWith('.png'))) {
    assert.ok(!fs.existsSync(path.join(dist, `${f}.gz`)), `no ${f}.gz`);
  }
  // Nothing but siblings of built files.
  for (const f of built().filter((x) => /\.(gz|br)$/.test(x))) {
    assert.ok(files.includes(f.replace(/\.(gz|br)$/, '')), `${f} is a sibling of a built file`);
  }
});

test('the service worker caches each file once: the manifest and icons, no .gz/.br sibling', () => {
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[[\s\S]*?\]);/)[1]);
  for (const f of ['manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png', 'index.html']) {
    assert.ok(files.includes(f), `sw.js caches ${f}`);
  }
  assert.deepEqual(files.filter((f) => /\.(gz|br)$/.test(f)), []);
  assert.equal(new Set(files).size, files.length);
});

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (buf) => {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
};

test('the web app manifest and its icons are served and linked; the theme colour is the app\'s', async () => {
  const site = await serve('/tools/cqhr/');
  const b = await browser();
  try {
    const { page } = b;
    const seen = [];
    b.context.on('request', (r) => seen.push(r.url()));
    await page.goto(site.base);
    await ready(page);
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    assert.equal(href, './manifest.webmanifest');
    const fetched = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
    }, href);
    assert.equal(fetched.status, 200);
    assert.match(fetched.type, /manifest\+json/);
    const m = fetched.body;
    assert.equal(m.name, '重庆市人力资源服务发展平台计算器');
    assert.ok(m.short_name && m.short_name.length <= 12, m.short_name);
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, './');
    assert.equal(m.scope, './');
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
    assert.equal(m.theme_color.toLowerCase(), accent.toLowerCase(), 'theme colour = the app\'s --accent');
    assert.equal(await page.locator('meta[name=theme-color]').getAttribute('content'), m.theme_color);
    const sizes = {};
    for (const icon of m.icons) {
      const r = await page.evaluate(async (u) => {
        const res = await fetch(new URL(u, new URL('manifest.webmanifest', location.href)));
        return { status: res.status, type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
      }, icon.src);
      assert.equal(r.status, 200, icon.src);
      assert.equal(r.type, icon.type, icon.src);
      if (icon.type === 'image/png') {
        const [w, h] = pngSize(Buffer.from(r.bytes));
        assert.equal(`${w}x${h}`, icon.sizes, icon.src);
        sizes[`${icon.purpose}:${icon.sizes}`] = true;
      } else {
        assert.match(Buffer.from(r.bytes).toString('utf8'), /^<svg[^>]*viewBox="0 0 512 512"/);
      }
    }
    assert.deepEqual(Object.keys(sizes).sort(), ['any:192x192', 'any:512x512', 'maskable:512x512']);
    // Everything asked for, by the page and the browser, stayed on the site.
    const origin = new URL(site.base).origin;
    const away = seen.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    assert.deepEqual(away, [], 'no request left the origin');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await site.close(); }
});

test('the app installed: its manifest passes Chromium\'s own parser (no errors, icons found)', async () => {
  const site = await serve('/');
  const b = await browser();
  try {
    const { page } = b;
    await page.goto(site.base);
    await ready(page);
    const cdp = await b.context.newCDPSession(page);
    const res = await cdp.send('Page.getAppManifest');
    assert.match(res.url, /manifest\.webmanifest$/);
    assert.deepEqual(res.errors.filter((e) => e.critical), [], JSON.stringify(res.errors));
    const parsed = res.parsed || {};
    if (parsed.display) assert.equal(parsed.display, 'standalone');
    assert.match(res.data, /"display": "standalone"/);
  } finally { await b.close(); await site.close(); }
});
