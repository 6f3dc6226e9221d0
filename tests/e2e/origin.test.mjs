// No request leaves the origin (issue 10): every page opened by its address under a deep
// sub-path, a draft imported, the Word and Excel exports (the lazily started exporter
// worker), printing and a share link: everything the browser asks for, from the pages and
// from the workers, is one of the site's own files, and the host sees nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, open, onPage, dist, root, outDir, total } from './harness.mjs';

const PREFIX = '/a/deep/sub/path/';
const PAGES = [
  ['#/', '绩效评分'], ['#/certify', '认定条件与申请表'], ['#/ranking', '等次排名'],
  ['#/compare', '年度对比'], ['#/materials', '自评材料'], ['#/editions', '评分标准'],
];
const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'full-comprehensive-park.json'), 'utf8'));

test('every page, an import, the exporter worker, printing and a share link request only the site\'s own files', async () => {
  const site = await serve(PREFIX);
  const origin = new URL(site.base).origin;
  const own = new Set(fs.readdirSync(dist).filter((f) => !f.startsWith('.')).map((f) => PREFIX + f));
  own.add(PREFIX);
  const seen = [];
  const elsewhere = [];
  const b = await browser();
  try {
    const { page, context } = b;
    // Whatever the pages or their workers ask of another origin is recorded and refused.
    await context.route((url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
      elsewhere.push(route.request().url());
      return route.abort();
    });
    context.on('request', (r) => seen.push(r.url()));
    await open(page, site.base);
    const file = path.join(outDir, 'origin-fixture.json');
    fs.writeFileSync(file, JSON.stringify(fixture.draft));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    assert.equal(await total(page), '78');

    for (const [address, tab] of PAGES) {
      await page.goto(`${site.base}${address}`);
      await onPage(page, tab);
      await page.waitForSelector('main#main h2');
    }
    // 自评材料: both exports start the exporter worker and download a file.
    await page.goto(`${site.base}#/materials`);
    await onPage(page, '自评材料');
    await page.waitForSelector('#para-1-1');
    for (const label of ['导出 Word（.docx）', '导出 Excel（.xlsx 得分表）']) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60000 }),
        page.getByRole('button', { name: label }).click(),
      ]);
      assert.ok(download.suggestedFilename().length > 0);
    }
    assert.ok(seen.some((u) => /exporter[^/]*\.wasm$/.test(u)), 'the recording saw the exporter worker load');
    // Printing builds the sheets; a share link opens its preview.
    await page.goto(`${site.base}#/`);
    await onPage(page, '绩效评分');
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.print-sheet[data-sheet=scores]', { state: 'visible' });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
    const link = await page.inputValue('#share-link');
    const other = await context.newPage();
    await other.goto(link.replace(`${site.base}#`, `${site.base}#/certify/`));
    await other.waitForSelector('[data-testid=preview]', { timeout: 20000 });
    await onPage(other, '认定条件与申请表');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); await site.close(); }

  assert.deepEqual(elsewhere, [], 'requests to another origin');
  const strange = seen.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.origin !== origin || !own.has(url.pathname);
  });
  assert.deepEqual(strange, [], 'requests beyond the app\'s own static files');
  const served = site.requests.map((u) => new URL(u, origin).pathname).filter((p) => !own.has(p));
  assert.deepEqual(served, [], 'the host was asked for something else');
});
