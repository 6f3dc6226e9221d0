#!/usr/bin/env node
// bench/page-open.mjs — what a page loaded on first use costs when it is opened by its
// address before the background prefetch (issue 25, item 4): on the phone profile
// (bench/phone.js), a profile that holds a draft but nothing in its HTTP cache and no
// service worker, each lazy page opened at `#/<slug>`. For each page: the .wasm files
// fetched, and the time from the placeholder (正在加载…, shown once the main module is
// interactive) to the page's heading, i.e. what the page's chunks cost; medians of --runs.
//
//   node bench/page-open.mjs [--runs 5] [--app-dist DIR ...]   (default: dist)
//
// Several --app-dist are measured alternately, page by page (before/after in the same hour).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browser, ready } from '../tests/e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { gzipServer, throttle } = require('./phone.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const dists = args.flatMap((a, i) => (a === '--app-dist' ? [path.resolve(args[i + 1])] : []));
if (!dists.length) dists.push(path.join(root, 'dist'));

// Each lazy page: its address and a heading only it shows (as tests/e2e/split.test.mjs).
const PAGES = [
  ['certify', '认定条件检查'], ['ranking', '等次排名（第三十一条至第三十三条）'], ['compare', '年度对比'],
  ['materials', '自评材料'], ['editions', '评分标准'], ['signing', '我的签名密钥'],
];

/** Marks, in the page, when the placeholder and then the heading first appear. */
const watch = (heading) => {
  window.__marks = {};
  new MutationObserver((_, o) => {
    const m = window.__marks;
    if (m.placeholder === undefined && document.querySelector('[data-testid=lazy-loading]')) m.placeholder = performance.now();
    const h = [...document.querySelectorAll('main#main h2')].some((e) => e.textContent.includes(heading));
    if (h) { m.heading = performance.now(); o.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

async function once(dist, slug, heading) {
  const site = await gzipServer(dist);
  const b = await browser({ serviceWorkers: 'block' });
  try {
    await b.page.goto(site.base);
    await ready(b.page); // a draft, so that every page shows itself, not the type choice
    await b.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cqhr.draft.')));
    await b.page.goto('about:blank');
    const page = await b.context.newPage();
    b.page = page;
    const cdp = await throttle(b);
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(watch, heading);
    await page.goto(`${site.base}#/${slug}`);
    await page.waitForFunction(() => window.__marks && window.__marks.heading !== undefined, null, { timeout: 60000 });
    // The page's chunks are all asked for at once when the app mounts (the placeholder),
    // after the main module has arrived; the prefetch starts 1.5 s later (`App`), so what
    // starts between the two is the page's.
    return await page.evaluate(() => {
      const m = window.__marks;
      const from = m.placeholder ?? m.heading;
      const all = performance.getEntriesByType('resource');
      const main = all.find((e) => /\/app-[0-9a-f]{16}_bg\.wasm$/.test(e.name));
      const files = all.filter((e) => /\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/.test(e.name)
        && e.startTime >= main.responseEnd && e.startTime < from + 1400).length;
      return { files, wait: m.heading - from };
    });
  } finally { await b.close(); await site.close(); fs.rmSync(b.profile, { recursive: true, force: true }); }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = dists.map(() => ({}));
for (const [slug, heading] of PAGES) {
  for (let r = 0; r < runs; r++) {
    for (const [i, dist] of dists.entries()) {
      const o = await once(dist, slug, heading);
      (results[i][slug] ??= []).push(o);
      process.stderr.write(`${path.basename(dist)} #/${slug}: ${o.files} chunk files, ${o.wait.toFixed(0)} ms\n`);
    }
  }
}
console.log(`| page | ${dists.map((d) => `${path.basename(d)}: chunk files, placeholder → page (median of ${runs})`).join(' | ')} |`);
console.log(`| --- | ${dists.map(() => '---:').join(' | ')} |`);
for (const [slug] of PAGES) {
  const cell = (r) => `${median(r[slug].map((o) => o.files))}, ${median(r[slug].map((o) => o.wait)).toFixed(0)} ms`;
  console.log(`| #/${slug} | ${results.map(cell).join(' | ')} |`);
}
