// Offline use (issue 6): after one visit the calculator opens and scores with the network
// gone; a new deployment is picked up on the next visit and the drafts stay; where service
// workers are unavailable the app works as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, ready, total, field, dist, root, open, goToPage, onPage, prefetched } from './harness.mjs';

const TITLE = '重庆市人力资源服务发展平台 绩效评估计算器';

/** Waits until a service worker controls the page (its install has cached the build). */
async function controlled(page) {
  await page.evaluate(() => Promise.race([
    (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    })(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker took control in 15 s')), 15000)),
  ]));
}

/** The cache name a built site's sw.js declares. */
const cacheOf = (dir) => fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/const CACHE = "([^"]+)"/)[1];

/** Console noise a browser prints for requests that fail offline: not app errors. */
const appErrors = (errors) => errors.filter((e) => !/Failed to load resource|net::ERR_|Failed to fetch|ServiceWorker/i.test(e));

test('the build ships sw.js listing every built file, under a cache named after them', () => {
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[[\s\S]*?\]);/)[1]);
  // Not the precompressed siblings, nor _headers (the host's configuration, issue 22).
  const built = fs.readdirSync(dist).filter((f) => f !== 'sw.js' && f !== '_headers' && !f.startsWith('.') && !/\.(gz|br)$/.test(f)).sort();
  assert.deepEqual([...files].sort(), built);
  assert.match(cacheOf(dist), /^cqhr-[0-9a-f]{16}$/);
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.match(html, /<script src="\.\/sw-register-[0-9a-f]+\.js"/, 'registered by an external, relative script');
  assert.doesNotMatch(html, /cqhr-csp/, 'the CSP hook ran before the manifest hook');
});

test('after one visit, the calculator opens and scores with the server gone and the network off', async () => {
  const site = await serve('/');
  const b = await browser();
  try {
    const { page, context } = b;
    await open(page, site.base);
    await field(page, '1.2', 'revenue_wan').fill('5000'); // 0.5
    assert.equal(await total(page), '0.5');
    await controlled(page);
    // The page's request starts with the navigation, not after the worker's start (issue 10,
    // the repeat visit): navigation preload is on; a reload is answered under the worker.
    assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.ready).navigationPreload?.getState()),
      { enabled: true, headerValue: 'true' });
    // The first visit's background fetch of the other pages' chunks (lazy::prefetch, 1.5 s
    // after start) may still be under way, from before the worker took over: let it end.
    await prefetched(page, site);
    const served = site.requests.length;
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
    assert.equal(await total(page), '0.5');
    // Only the page itself and trust.json (the two files a deployment may replace in place)
    // went to the network, once each.
    assert.deepEqual(site.requests.slice(served).sort(), ['/', '/trust.json'], 'only the page and trust.json, once each');

    await site.close();
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    assert.equal(await total(page), '0.5', 'the draft is back');
    await field(page, '3.3', 'events').fill('3'); // 1.5
    assert.equal(await total(page), '2', 'and it scores');

    // A new tab, typed address: still there.
    const other = await context.newPage();
    await other.goto(site.base);
    await ready(other);
    assert.equal(await total(other), '2');
    assert.deepEqual(appErrors(b.errors), []);
  } finally { await b.close(); await site.close(); }
});

test('a new deployment is picked up on the next visit; the drafts stay', async () => {
  // Version B of the site: a changed page, and the sw.js the build hook writes for it.
  const distB = fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-dist-b-'));
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(distB, f));
  const html = fs.readFileSync(path.join(distB, 'index.html'), 'utf8');
  assert.ok(html.includes(`<title>${TITLE}</title>`));
  fs.writeFileSync(path.join(distB, 'index.html'), html.replace(`<title>${TITLE}</title>`, `<title>${TITLE}（新版）</title>`));
  execFileSync('python3', [path.join(root, 'scripts', 'sw_manifest.py'), distB], { stdio: 'ignore' });
  assert.notEqual(cacheOf(distB), cacheOf(dist));

  const site = await serve('/');
  let profile;
  try {
    const a = await browser();
    profile = a.profile;
    try {
      const { page } = a;
      await open(page, site.base);
      await page.fill('#platform-name', '两江新区人力资源服务产业园');
      await field(page, '1.2', 'revenue_wan').fill('5000'); // 0.5
      assert.equal(await total(page), '0.5');
      await controlled(page);
      assert.equal(await page.title(), TITLE);
      // Leave as a person does, closing the tab (its pagehide writes the save still waiting
      // for a pause in the typing, state::SAVE_DELAY), not by killing the browser under it.
      const closed = new Promise((resolve) => page.once('close', resolve));
      await page.close({ runBeforeUnload: true });
      await closed;
    } finally { await a.close(); }

    site.setDir(distB); // the host now serves version B
    const b = await browser({ profile });
    try {
      const { page, context } = b;
      await open(page, site.base);
      assert.equal(await page.title(), `${TITLE}（新版）`, 'the next visit shows the new version');
      assert.equal(await total(page), '0.5', 'the draft is still there');
      assert.equal(await page.inputValue('#platform-name'), '两江新区人力资源服务产业园');
      // The new worker takes over and drops the old build's cache.
      const only = async () => JSON.stringify(await page.evaluate(() => caches.keys()));
      for (const start = Date.now(); await only() !== JSON.stringify([cacheOf(distB)]);) {
        assert.ok(Date.now() - start < 15000, `caches: ${await only()}`);
        await page.waitForTimeout(100);
      }
      assert.equal(
        await page.evaluate(() => navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL),
        `${site.base}sw.js`,
      );

      // And version B is what opens offline from now on (once its background fetch has ended).
      await prefetched(page, site);
      await site.close();
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      assert.equal(await page.title(), `${TITLE}（新版）`);
      assert.equal(await total(page), '0.5');
      assert.deepEqual(appErrors(b.errors), []);
    } finally { await b.close(); }
  } finally {
    await site.close();
    fs.rmSync(distB, { recursive: true, force: true });
  }
});

test('a trust.json replaced after the build (no new sw.js) is the one the next visit trusts; offline, the last one', async () => {
  // The bureau sets its own root in the deployed trust.json, without rebuilding: the worker
  // of the demo build must not keep answering with the demo root it cached at install.
  const distB = fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-dist-trust-'));
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(distB, f));
  assert.ok(!fs.existsSync(path.join(dist, 'trust.json.br')), 'no precompressed sibling to go stale');
  const bureauRoot = 'ab'.repeat(32);
  fs.writeFileSync(path.join(distB, 'trust.json'), JSON.stringify({ root_fingerprint: bureauRoot }));
  const site = await serve('/');
  const b = await browser();
  try {
    const { page, context } = b;
    await open(page, site.base);
    await controlled(page);
    await goToPage(page, '签名与名录');
    // (正在核验签名… until the signature check's chunk is in.)
    await page.waitForFunction(() => /演示密钥，不具效力/.test(document.querySelector('[data-testid=sign-root]')?.innerText || ''));

    site.setDir(distB);
    await page.reload(); // the address is the 签名与名录 page's
    await onPage(page, '签名与名录');
    const line = page.getByTestId('sign-root');
    await page.waitForFunction(() => /ABAB ABAB/.test(document.querySelector('[data-testid=sign-root]')?.innerText || ''));
    assert.doesNotMatch(await line.innerText(), /演示密钥/, "the bureau's root, not the demo");

    await prefetched(page, site);
    await site.close();
    await context.setOffline(true);
    await page.reload();
    await onPage(page, '签名与名录');
    await page.waitForFunction(() => /ABAB ABAB/.test(document.querySelector('[data-testid=sign-root]')?.innerText || ''));
    assert.deepEqual(appErrors(b.errors), []);
  } finally {
    await b.close();
    await site.close();
    fs.rmSync(distB, { recursive: true, force: true });
  }
});

test('without service workers (unsupported, or refused) the app works as before', async () => {
  const site = await serve('/');
  try {
    for (const stub of [
      // Unsupported: no navigator.serviceWorker at all.
      () => { delete Navigator.prototype.serviceWorker; },
      // Refused: register throws (as in some private modes and policies).
      () => {
        Object.defineProperty(Navigator.prototype, 'serviceWorker', {
          configurable: true,
          get: () => ({ register() { throw new DOMException('refused', 'SecurityError'); } }),
        });
      },
    ]) {
      const b = await browser();
      try {
        const { page } = b;
        await page.addInitScript(stub);
        await open(page, site.base);
        await field(page, '1.2', 'revenue_wan').fill('5000');
        assert.equal(await total(page), '0.5');
        await page.waitForLoadState('load');
        assert.deepEqual(b.errors, []);
      } finally { await b.close(); }
    }
    assert.ok(!site.requests.some((u) => u.endsWith('/sw.js')), 'no worker was fetched');
  } finally { await site.close(); }
});
