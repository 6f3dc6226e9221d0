#!/usr/bin/env node
// Verifying a 100-platform cohort in the browser (issue 21's bench: goal under 1 s at CPU 4×).
//
//   CQHR_COHORT_OUT=bench/out/cohort cargo bench --bench signing   # writes the cohort
//   node bench/cohort-verify.mjs [--runs 3] [--cpu 4]                # measures dist/
//
// Each run is a fresh headless Chromium profile (no verification kept from before): the
// 审核人名录 imported on 签名与名录, then on 等次排名, with the CPU throttled through CDP,
// the 100 links pasted and 加入链接 clicked; the time is from the click until the 100th
// row is in the DOM. The same 100 drafts with their layers unsigned are timed the same
// way: the difference is what verifying 200 signatures costs (and the ranking's then
// ranking on 评审 instead of 自评, a few rows' text).
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as h from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'out', 'cohort');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 3);
const CPU = arg('--cpu', 4);

async function once(site, file) {
  const links = fs.readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((l) => site.base + l);
  const b = await h.browser();
  try {
    const { page, context } = b;
    await h.open(page, site.base);
    await h.goToPage(page, '签名与名录');
    await page.setInputFiles('[data-testid=directory-import]', path.join(dir, 'directory.json'));
    await page.waitForSelector('[data-testid=directory-head]');
    await h.goToPage(page, '等次排名');
    await page.fill('#cohort-links', links.join('\n'));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const ms = await page.evaluate(async (n) => {
      const button = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === '加入链接');
      const t0 = performance.now();
      button.click();
      await new Promise((resolve) => {
        const done = () => document.querySelectorAll('[data-testid=cohort-row]').length >= n;
        if (done()) return resolve();
        new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(); } })
          .observe(document.body, { childList: true, subtree: true });
      });
      return performance.now() - t0;
    }, links.length);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const rows = await page.locator('[data-testid=cohort-row]').allInnerTexts();
    const stage = file === 'signed.txt' ? /评审/ : /自评/;
    if (!rows.every((r) => stage.test(r))) throw new Error(`${file}: not every row ranked as expected: ${rows[0]}`);
    return ms;
  } finally { await b.close(); }
}

const site = await h.serve('/');
const out = {};
try {
  for (const file of ['signed.txt', 'unsigned.txt']) {
    out[file] = [];
    for (let i = 0; i < RUNS; i++) out[file].push(await once(site, file));
  }
} finally { await site.close(); }
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const [file, v] of Object.entries(out)) {
  console.log(`cohort\t${file.replace('.txt', '')}\tCPU ${CPU}×\tmedian ${median(v).toFixed(0)} ms\truns ${v.map((x) => x.toFixed(0)).join(' ')}`);
}
console.log(`cohort\tverification (signed − unsigned)\t${(median(out['signed.txt']) - median(out['unsigned.txt'])).toFixed(0)} ms`);
