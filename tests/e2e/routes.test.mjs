// Pages with addresses (issue 10, item 3): each page opens by its address, also under a
// sub-path; back and forward move between pages; reload stays; a share link still opens
// its preview, also from a page's address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, open, goToPage, onPage, total, shareFragment, root } from './harness.mjs';

let site;
let deep;
before(async () => {
  site = await serve('/');
  deep = await serve('/some/deep/path/');
});
after(async () => {
  await site.close();
  await deep.close();
});

const fixture = (name) => JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/full-${name}.json`), 'utf8')).draft;
const heading = (page) => page.locator('main#main h2').first().innerText();

// Each page's address, its tab, and the heading it shows first.
const PAGES = [
  ['#/', '绩效评分', '平台与评估信息'],
  ['#/certify', '认定条件与申请表', '认定条件检查'],
  ['#/ranking', '等次排名', '等次排名（第三十一条至第三十三条）'],
  ['#/compare', '年度对比', '年度对比'],
  ['#/materials', '自评材料', '自评材料'],
  ['#/editions', '评分标准', '评分标准'],
];

test('each page opens by its address, from the root and from a sub-path, and reload stays on it', async () => {
  const b = await browser();
  try {
    const { page } = b;
    for (const host of [site, deep]) {
      // A first visit starts on a choice of platform type (issue 15): make a draft first.
      await open(page, host.base);
      for (const [hash, tab, h2] of PAGES) {
        await page.goto(`${host.base}${hash}`);
        await onPage(page, tab);
        assert.equal(await heading(page), h2, `${host.base}${hash}`);
        await page.reload();
        await onPage(page, tab);
        assert.equal(await heading(page), h2, `reloaded ${host.base}${hash}`);
      }
    }
    // An address the app does not know opens the first page.
    await page.goto(`${site.base}#/no-such-page`);
    await onPage(page, '绩效评分');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('the tabs change the address; back and forward move between pages', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, deep.base);
    await goToPage(page, '认定条件与申请表');
    assert.ok(page.url().endsWith('/some/deep/path/#/certify'), page.url());
    await goToPage(page, '等次排名');
    assert.ok(page.url().endsWith('#/ranking'), page.url());
    await goToPage(page, '年度对比');
    await page.goBack();
    await onPage(page, '等次排名');
    await page.goBack();
    await onPage(page, '认定条件与申请表');
    assert.equal(await heading(page), '认定条件检查');
    await page.goBack();
    await onPage(page, '绩效评分');
    await page.waitForSelector('[data-testid=total]');
    await page.goForward();
    await onPage(page, '认定条件与申请表');
    assert.ok(page.url().endsWith('#/certify'), page.url());
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a share link opens its preview, also from a page address, and the preview follows the tabs', async () => {
  const b = await browser();
  try {
    const { page } = b;
    const d = fixture('specialized-park');
    const payload = shareFragment(d);

    // A share link on the 认定条件 page's address.
    await page.goto(`${deep.base}#/certify/${payload}`);
    await onPage(page, '认定条件与申请表');
    await page.waitForSelector('[data-testid=preview]');
    assert.equal(await page.inputValue('#cert-district'), d.platform.district);
    // Moving to another page keeps the preview (and the link in the address: a reload
    // still shows it), without opening the link again over what was changed.
    await goToPage(page, '绩效评分');
    assert.equal(await total(page), '74.2');
    // The preview is read-only (issue 15): nothing typed can be lost on a reload.
    assert.ok(await page.locator('#platform-year').isDisabled(), 'the preview cannot be edited');
    assert.ok(page.url().endsWith(`#${payload}`), 'the first page carries the bare link');
    await goToPage(page, '认定条件与申请表');
    assert.ok(page.url().endsWith(`#/certify/${payload}`));
    await goToPage(page, '绩效评分');
    assert.equal(await page.inputValue('#platform-year'), String(d.platform.year));
    await page.reload();
    await page.waitForSelector('[data-testid=preview]');
    assert.equal(await total(page), '74.2');

    // Leaving the preview drops the link from the address and stays on the page.
    await goToPage(page, '年度对比');
    await page.getByRole('button', { name: '不保存，返回我的草稿' }).click();
    await page.waitForSelector('[data-testid=preview]', { state: 'detached' });
    assert.ok(page.url().endsWith('#/compare'), page.url());
    await onPage(page, '年度对比');

    // A bare share link (the format links have always had) opened while on a page.
    await page.goto(`${deep.base}#/ranking`);
    await onPage(page, '等次排名');
    await page.goto(`${deep.base}#${payload}`);
    await page.waitForSelector('[data-testid=preview]');
    await onPage(page, '绩效评分');
    assert.equal(await total(page), '74.2');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
