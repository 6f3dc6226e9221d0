// The scoring page loads alone (issue 10, item 2): the other pages and their print sheets
// are WASM chunks (src/ui/lazy.rs, scripts/split_build.py) fetched on first use or in the
// background after the scoring page is interactive; they work offline after a first
// visit; a chunk that cannot be fetched is said at the page, and the rest keeps working.
// Two actions are chunks too (复制分享链接's encoder; 改用其他版本评分标准… in edition_links).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, ready, open, total, field, goToPage, dist, outDir, root, shareFragment, prefetched } from './harness.mjs';

const CHUNK = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const chunksIn = (requests) => requests.filter((u) => CHUNK.test(new URL(u, 'http://x').pathname));
/** Every split module the build wrote (one per split point). */
const splits = () => fs.readdirSync(dist).filter((f) => /^split_[a-z_]+-[0-9a-f]{16}\.wasm$/.test(f));

// Each lazy page, by its tab, with a heading only that page shows.
const PAGES = [
  ['认定条件与申请表', '认定条件检查'],
  ['等次排名', '等次排名（第三十一条至第三十三条）'],
  ['年度对比', '年度对比'],
  ['自评材料', '自评材料'],
  ['评分标准', '评分标准'],
  ['签名与名录', '我的签名密钥'],
];
const heading = (page, text) => page.locator('main#main h2', { hasText: text }).first();

/**
 * No service worker, for the tests that count the page's own requests: its install fetches
 * every chunk (and then serves them itself). Blocked for the whole browser: a route on
 * sw.js does not stop the registration (the worker's script passes by page.route), and the
 * install's fetches, once the page idled, were counted as the page's (CI, 9b4f066).
 */
const NO_SW = { serviceWorkers: 'block' };

test('the build splits the other pages and their sheets out of the app', () => {
  const names = splits().map((f) => f.replace(/-[0-9a-f]{16}\.wasm$/, '')).sort();
  assert.deepEqual(names, [
    // A page and its print sheet are one split point (issue 25, item 4).
    'split_certify_page', 'split_cohort_page', 'split_compare_page', 'split_editions_page',
    'split_install_locators', 'split_install_trust', 'split_materials_page', 'split_move_dialog',
    'split_review_page', 'split_share_encode', 'split_signing_page',
  ]);
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  assert.match(html, /<script type="module" src="\.\/start-[0-9a-f]{16}\.js"><\/script>/);
  // Asked for at once (as Trunk's loader had it), not one round trip after the other.
  assert.match(html, /<link rel="modulepreload" href="\.\/app-[0-9a-f]{16}\.js">/);
  assert.match(html, /<link rel="modulepreload" href="\.\/__wasm_split-[0-9a-f]{16}\.js">/);
  assert.match(html, /<link rel="preload" href="\.\/app-[0-9a-f]{16}_bg\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
  const loader = fs.readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  assert.ok(loader, 'the chunk loader is built');
  const js = fs.readFileSync(path.join(dist, loader), 'utf8');
  for (const f of splits()) assert.ok(js.includes(`"./${f}"`), `the loader names ${f} by its hashed name`);
});

test('the scoring page is interactive before any chunk is fetched; the chunks follow in the background', async () => {
  const site = await serve('/');
  const b = await browser(NO_SW);
  try {
    const { page } = b;
    // The moment the first screen is there, taken in the page (not when this test gets to
    // look, which under load can be after the idle prefetch has begun).
    await page.addInitScript(() => {
      const seen = () => document.querySelector('[data-testid=total], [data-testid=start]');
      new MutationObserver((_, o) => {
        if (seen()) { window.__interactiveAt = performance.now(); o.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(site.base);
    await page.waitForSelector('[data-testid=total], [data-testid=start]', { timeout: 20000 });
    const early = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.startTime < window.__interactiveAt).map((e) => e.name));
    assert.ok(early.some((u) => /app-[0-9a-f]{16}_bg\.wasm$/.test(u)), 'the main module is seen before interactive');
    assert.deepEqual(chunksIn(early), [], 'nothing but the scoring page before it is interactive');
    await ready(page);
    await field(page, '1.2', 'revenue_wan').fill('5000');
    assert.equal(await total(page), '0.5', 'it scores');
    // Then, in idle time, every split module (and the shared chunks they need).
    const want = splits();
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline && !want.every((f) => site.requests.some((u) => u.endsWith(f)))) {
      await page.waitForTimeout(200);
    }
    for (const f of want) assert.ok(site.requests.some((u) => u.endsWith(f)), `${f} prefetched`);
    // Once fetched, a page opens without the placeholder.
    await goToPage(page, '年度对比');
    assert.equal(await page.locator('[data-testid=lazy-loading]').count(), 0, 'no placeholder once prefetched');
    await heading(page, '年度对比').waitFor();
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await site.close(); }
});

test('a lazily loaded page opens by its address, with a placeholder while its chunk arrives', async () => {
  const site = await serve('/deep/sub/path/');
  const b = await browser({ ...NO_SW, viewport: { width: 390, height: 844 } });
  try {
    const first = b.page;
    await open(first, site.base); // a draft, so that 认定条件 shows its page, not the type choice
    await first.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cqhr.draft.')), null, { timeout: 10000 });
    await first.close();
    // A new tab, the page's address typed, the page's chunk held back until the placeholder
    // has been seen (a held request rather than a slow network: under load the emulated
    // latency was sometimes not applied, and the chunk arrived before the test looked).
    const page = await b.context.newPage();
    page.on('pageerror', (e) => b.errors.push(String(e)));
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = false;
    await page.route(/split_certify_page-[0-9a-f]{16}\.wasm$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(site.base + '#/certify');
    await page.waitForSelector('nav.tabs button[aria-current=page]:text-is("认定条件与申请表")');
    const placeholder = page.locator('[data-testid=lazy-loading]');
    await placeholder.waitFor();
    assert.equal(await placeholder.innerText(), '正在加载…');
    assert.equal(await page.locator('nav.tabs button').count(), 7, 'the tabs stay in place');
    await page.screenshot({ path: path.join(outDir, 'split-placeholder-390.png') });
    for (let i = 0; i < 200 && !asked; i++) await page.waitForTimeout(50);
    assert.ok(asked, 'the page asked for its chunk');
    release();
    await heading(page, '认定条件检查').waitFor({ timeout: 20000 });
    assert.equal(await placeholder.count(), 0);
    await page.screenshot({ path: path.join(outDir, 'split-certify-390.png') });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await site.close(); }
});

test('after one visit, every lazily loaded page opens offline', async () => {
  const site = await serve('/');
  const b = await browser();
  try {
    const { page, context } = b;
    await open(page, site.base);
    await page.evaluate(() => Promise.race([
      (async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker took control in 15 s')), 15000)),
    ]));
    // The first visit's background fetch may still be under way: closing the server would
    // abort it (WebAssembly compilation aborted), so let it end first.
    await prefetched(page, site);
    await site.close();
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    for (const [tab, text] of PAGES) {
      await goToPage(page, tab);
      await heading(page, text).waitFor({ timeout: 20000 });
      assert.equal(await page.locator('[data-testid=lazy-failed]').count(), 0, `${tab} loaded offline`);
    }
    // 复制分享链接's encoder is a chunk too: offline, a link is still made.
    await goToPage(page, '绩效评分');
    await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
    assert.match(await page.inputValue('#share-link'), /#d1\.[A-Za-z0-9_-]+$/, 'a share link offline');
    const appErrors = b.errors.filter((e) => !/Failed to load resource|net::ERR_|Failed to fetch|ServiceWorker/i.test(e));
    assert.deepEqual(appErrors, []);
  } finally { await b.close(); await site.close(); }
});

test('a chunk that cannot be fetched is said at the page, the rest keeps working, and 重试 loads it', async () => {
  // A copy of the site without 年度对比's chunk (the server answers 404), put back later.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-split-'));
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
  const chunk = splits().find((f) => f.startsWith('split_compare_page-'));
  fs.rmSync(path.join(copy, chunk));
  const site = await serve('/', { dir: copy });
  const b = await browser(NO_SW);
  try {
    const { page } = b;
    await open(page, site.base);
    await goToPage(page, '年度对比');
    const failed = page.locator('[data-testid=lazy-failed]');
    await failed.waitFor({ timeout: 20000 });
    assert.match(await failed.innerText(), /无法加载此页面，请检查网络后重试/);
    await page.screenshot({ path: path.join(outDir, 'split-failed-1280.png') });
    // The app is alive: another page, and the scoring page scores.
    await goToPage(page, '等次排名');
    await heading(page, '等次排名（第三十一条至第三十三条）').waitFor({ timeout: 20000 });
    await goToPage(page, '绩效评分');
    await field(page, '1.2', 'revenue_wan').fill('5000');
    assert.equal(await total(page), '0.5');
    // Back on the page: still failing (a new attempt, said again); the network back, 重试 loads it.
    await goToPage(page, '年度对比');
    await failed.waitFor({ timeout: 20000 });
    fs.copyFileSync(path.join(dist, chunk), path.join(copy, chunk));
    await page.getByRole('button', { name: '重试' }).click();
    await heading(page, '年度对比').waitFor({ timeout: 20000 });
    assert.equal(await failed.count(), 0);
    await page.screenshot({ path: path.join(outDir, 'split-compare-1280.png') });
    // The browser's and the loader's own lines about the 404; nothing from the app.
    const appErrors = b.errors.filter((e) => !/Failed to load resource|Incorrect response MIME type|TypeError/i.test(e));
    assert.deepEqual(appErrors, []);
  } finally { await b.close(); await site.close(); fs.rmSync(copy, { recursive: true, force: true }); }
});

test('the 得分表 prints right after load, before any chunk has arrived', async () => {
  const site = await serve('/');
  const b = await browser(NO_SW);
  try {
    const { page } = b;
    await page.route(CHUNK, () => {}); // never answered: only the main module is there
    await open(page, site.base);
    await field(page, '1.2', 'revenue_wan').fill('5000');
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.print-sheet[data-sheet=scores]', { state: 'visible' });
    assert.match(await page.locator('.print-sheet[data-sheet=scores] tfoot').innerText(), /0\.5/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10000, 'a printed page');
  } finally { await b.close(); await site.close(); }
});

test('复制分享链接 right after load fetches its encoder on the click; a failed fetch is said and nothing changes', async () => {
  // A copy of the site without the encoder's split module (404), put back later.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-split-'));
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
  const encoder = splits().find((f) => f.startsWith('split_share_encode-'));
  fs.rmSync(path.join(copy, encoder));
  const site = await serve('/', { dir: copy });
  const b = await browser(NO_SW);
  try {
    const { page } = b;
    const seen = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    // The idle prefetch starts with 认定条件's chunk: never answered, it stops there, so the
    // encoder can only come from the click.
    await page.route('**/split_certify_page-*.wasm', () => {});
    await open(page, site.base);
    await page.fill('#platform-name', '西部数字经济产业园');
    await field(page, '1.2', 'revenue_wan').fill('5000');
    assert.equal(await total(page), '0.5');
    const share = page.getByRole('button', { name: '复制分享链接', exact: true });
    await share.click();
    await page.waitForSelector('.notice.error:has-text("无法加载分享链接功能")', { timeout: 20000 });
    assert.equal(await page.locator('#share-link').count(), 0, 'no link');
    assert.equal(await total(page), '0.5', 'the draft is as it was');
    assert.equal(await page.inputValue('#platform-name'), '西部数字经济产业园');
    assert.equal(await share.isEnabled(), true, 'the button is usable again');
    // The module back: the next click fetches it (a failure is not kept) and makes the link.
    fs.copyFileSync(path.join(dist, encoder), path.join(copy, encoder));
    await share.click();
    const link = await page.inputValue('#share-link');
    assert.match(link, /#d1\.[A-Za-z0-9_-]+$/);
    assert.ok(seen.filter((u) => u.includes('/split_share_encode-')).length >= 2, 'fetched on each click');
    assert.ok(!seen.some((u) => /\/split_(certify_sheet|review|cohort|compare|materials|editions)/.test(u)), 'the prefetch had not got there');
    // The link opens the same draft in another tab.
    const other = await b.context.newPage();
    await other.goto(link);
    await other.waitForSelector('[data-testid=preview]', { timeout: 20000 });
    assert.equal(await total(other), '0.5');
    assert.equal(await other.inputValue('#platform-name'), '西部数字经济产业园');
    const appErrors = b.errors.filter((e) => !/Failed to load resource|Incorrect response MIME type|TypeError/i.test(e));
    assert.deepEqual(appErrors, []);
  } finally { await b.close(); await site.close(); fs.rmSync(copy, { recursive: true, force: true }); }
});

// Issue 21, item 8: the SM2/SM3 check is a chunk (split_install_trust). A draft with a
// signed layer fetches it at once; until it is in, the layer reads 正在核验签名… and never
// 签名有效; a draft without one leaves it to the background prefetch.
test('the signature check is a chunk: a signed layer reads 正在核验签名… until it arrives', async () => {
  const draft = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'formats', 'draft-v2.json'), 'utf8'));
  draft.format = 3;
  delete draft.reviews[0].fingerprint;
  // A signature by no real key: once checked, 签名无效（签名值不完整或已损坏）.
  draft.reviews[0].signature = { public_key: `04${'11'.repeat(64)}`, value: '00'.repeat(64) };
  draft.reviews = [draft.reviews[0]];
  const link = (base) => `${base}#${shareFragment(draft)}`;
  const site = await serve('/');
  const b = await browser(NO_SW);
  try {
    const { page } = b;
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = 0;
    await page.route('**/split_install_trust-*.wasm', async (route) => { asked += 1; await held; await route.continue(); });
    await page.goto(link(site.base));
    await page.waitForSelector('[data-testid=preview]', { timeout: 20000 });
    const STAGES = '[data-testid=review-choice-preview] [data-testid=review-stages]';
    const stages = page.locator(STAGES);
    const stagesSay = (re) => page.waitForFunction(
      ([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.innerText || ''), [STAGES, re.source], { timeout: 20000 });
    await stagesSay(/正在核验签名…/);
    assert.doesNotMatch(await stages.innerText(), /签名有效|签名无效/);
    assert.ok(asked > 0, 'asked for at once (held back here): a signed layer is on screen');
    release();
    await stagesSay(/签名无效（签名值不完整或已损坏）/);
    assert.doesNotMatch(await stages.innerText(), /正在核验签名/);
  } finally { await b.close(); await site.close(); }
});
