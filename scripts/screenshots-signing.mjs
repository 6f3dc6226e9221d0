// The README's images of issue 21 (签名与名录), from what the browser tests saved in
// tests/e2e/out: run after scripts/build and
//   node --test --test-concurrency=1 tests/e2e/signing.test.mjs tests/e2e/publication.test.mjs
//   node scripts/screenshots-signing.mjs
// It copies the key creation, the directory, the ranking, the 公布 page (desktop, phone) and
// the printed 公布's first page, and sets the district's valid 初审 and the same layer after
// the platform's figure changed side by side in one image (a headless page holding both).
import fs from 'node:fs';
import path from 'node:path';
import { browser, root, outDir } from '../tests/e2e/harness.mjs';

const out = path.join(root, 'docs', 'screenshots');
const copies = {
  'signing-key.png': 'signing-key.png',
  'signing-directory.png': 'signing-directory.png',
  'signing-ranking.png': 'signing-ranking.png',
  'publication.png': 'signing-publication.png',
  'publication-phone.png': 'signing-publication-phone.png',
  'publication-print.png': 'signing-publication-print.png',
};
for (const [from, to] of Object.entries(copies)) {
  fs.copyFileSync(path.join(outDir, from), path.join(out, to));
}

const img = (f) => `data:image/png;base64,${fs.readFileSync(path.join(outDir, f)).toString('base64')}`;
const b = await browser({ viewport: { width: 2600, height: 900 } });
try {
  const { page } = b;
  await page.setContent(`<!doctype html><meta charset="utf-8">
    <style>body{margin:0;display:flex;gap:16px;background:#d0d4da;padding:16px;font:16px sans-serif}
    figure{margin:0;background:#fff;padding:8px}figcaption{padding:4px 0 8px;font-weight:600}
    img{display:block;width:1268px}</style>
    <figure><figcaption>签名有效：区县初审，刚签署</figcaption><img src="${img('signing-valid.png')}"></figure>
    <figure><figcaption>签名无效（内容已改动）：签署后平台的数值被改动</figcaption><img src="${img('signing-forged.png')}"></figure>`);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await page.locator('body').screenshot({ path: path.join(out, 'signing-valid-forged.png') });
} finally { await b.close(); }
console.log(`wrote ${Object.values(copies).join(', ')}, signing-valid-forged.png to docs/screenshots`);
