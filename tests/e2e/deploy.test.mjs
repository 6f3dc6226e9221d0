// Any static host, any sub-path (issue 6): the built site works under /some/deep/path/,
// share links made there open there, and a whole session (fill, reload, print, a share
// link in another browser) asks for nothing but the site's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, ready, total, score, field, dist, open } from './harness.mjs';

const PREFIX = '/some/deep/path/';

test('served under a deep sub-path: works, shares links there, and requests only its own files', async () => {
  const site = await serve(PREFIX);
  const origin = new URL(site.base).origin;
  const own = new Set(fs.readdirSync(dist).filter((f) => !f.startsWith('.')).map((f) => PREFIX + f));
  own.add(PREFIX);
  const seen = [];
  const record = (page) => page.on('request', (r) => seen.push(r.url()));

  let link;
  const a = await browser();
  try {
    const { page } = a;
    record(page);
    await open(page, site.base);
    assert.equal(await total(page), '0');
    await page.fill('#platform-name', '璧山区人力资源服务产业园');
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.1', 'above_scale').fill('8');   // 10
    await field(page, '1.2', 'revenue_wan').fill('5000'); // 0.5
    assert.equal(await total(page), '10.5');

    await page.reload();
    await ready(page);
    assert.equal(await total(page), '10.5', 'saved and restored under the sub-path');

    await page.emulateMedia({ media: 'print' });
    // The sheets are built on demand for print media (issue 10, item 6).
    await page.waitForSelector('.print-sheet[data-sheet=scores]', { state: 'visible' });
    assert.equal(await page.locator('.print-sheet[data-sheet=scores]').isVisible(), true);
    assert.match(await page.locator('.print-sheet[data-sheet=scores]').innerText(), /璧山区人力资源服务产业园/);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
    link = await page.inputValue('#share-link');
    assert.ok(link.startsWith(`${site.base}#d1.`), `the link points at the sub-path: ${link}`);
    assert.deepEqual(a.errors, []);
  } finally { await a.close(); }

  const b = await browser();
  try {
    const { page } = b;
    record(page);
    await open(page, link);
    await page.waitForSelector('[data-testid=preview]');
    assert.equal(await total(page), '10.5');
    assert.equal(await score(page, '1.1'), '10');
    assert.equal(await page.inputValue('#platform-name'), '璧山区人力资源服务产业园');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await site.close(); }

  // What the pages asked for (page.on('request')) and what reached the host (its log,
  // which also has the service worker's own fetches): only the site's own files.
  const strange = seen.filter((u) => {
    if (u.startsWith('data:')) return false;
    const url = new URL(u);
    return url.origin !== origin || !own.has(url.pathname);
  });
  assert.deepEqual(strange, [], 'requests beyond the app\'s own static files');
  assert.ok(seen.some((u) => u.endsWith('.wasm')), 'the recording saw the app load');
  const served = site.requests.map((u) => new URL(u, origin).pathname).filter((p) => !own.has(p));
  assert.deepEqual(served, [], 'the host was asked for something else');
  for (const f of ['index.html', 'sw.js']) assert.ok(own.has(PREFIX + f), f);
});

test('the built index.html uses relative URLs only', () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 4, urls.join(' '));
  for (const u of urls) assert.ok(u.startsWith('./') || u.startsWith('data:'), `not relative: ${u}`);
  // The app's start-up module (assets/start.js, built by scripts/split_build.py) names the
  // app's JS and WASM relatively, and so does the chunk loader.
  const start = html.match(/<script type="module" src="\.\/(start-[0-9a-f]{16}\.js)"/)[1];
  const js = fs.readFileSync(path.join(dist, start), 'utf8');
  assert.match(js, /import init, \* as bindings from '\.\/app-[0-9a-f]{16}\.js'/);
  assert.match(js, /new URL\('\.\/app-[0-9a-f]{16}_bg\.wasm', import\.meta\.url\)/);
  const loader = fs.readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  const chunks = [...fs.readFileSync(path.join(dist, loader), 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)].map((m) => m[1]);
  assert.ok(chunks.length >= 12, chunks.join(' '));
  for (const u of chunks) assert.match(u, /^\.\/[a-z_0-9]+-[0-9a-f]{16}\.wasm$/);
});
