// Nothing lost, nothing crashes (issue 5): storage full, a corrupt entry, two tabs,
// bad links, hostile text, and every shipped format, in real headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, ready, total, field, outDir, root, open, shareFragment, goToPage } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const formats = path.join(root, 'tests/fixtures/formats');

test('storage full: the failure shows at once, the draft stays, export works, nothing is lost', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await field(page, '1.2', 'revenue_wan').fill('3000'); // 0.3
    assert.equal(await total(page), '0.3');
    // Fill the origin's storage to its quota.
    const filled = await page.evaluate(() => {
      const chunk = 'x'.repeat(256 * 1024);
      let i = 0;
      try { for (;;) { localStorage.setItem(`filler.${i}`, chunk); i++; } } catch (e) { return { i, name: e.name }; }
    });
    assert.equal(filled.name, 'QuotaExceededError');
    // Top up with small pieces so that even a tiny write fails.
    await page.evaluate(() => {
      let n = 0;
      for (const size of [4096, 64, 1]) {
        try { for (;;) { localStorage.setItem(`f.${n++}`, 'y'.repeat(size)); } } catch (e) { /* full at this size */ }
      }
    });
    await field(page, '1.3', 'tax_wan').fill('100'); // 2 → total 2.3, but the save fails
    await page.waitForSelector('[data-testid=save-failed]');
    assert.match(await page.locator('[data-testid=save-failed]').innerText(), /存储空间已满/);
    assert.equal(await total(page), '2.3', 'the draft stays in memory and keeps scoring');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=save-failed]').getByRole('button', { name: '导出文件' }).click(),
    ]);
    const file = path.join(outDir, 'rescued.json');
    await download.saveAs(file);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).inputs['1.3'].tax_wan, '100', 'the export has the unsaved edit');
    // Free the space: the next change saves everything, and a reload finds it.
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('f')) localStorage.removeItem(k); });
    await field(page, '3.3', 'events').fill('2'); // 1 → 3.3
    await page.waitForSelector('[data-testid=save-failed]', { state: 'detached' });
    await page.reload();
    await ready(page);
    assert.equal(await total(page), '3.3');
    assert.equal(await field(page, '1.3', 'tax_wan').inputValue(), '100');
  } finally { await b.close(); }
});

test('storage disabled: said at once, the calculator still works in memory, export offered', async () => {
  const b = await browser();
  try {
    const { page, context } = b;
    // As when a browser policy blocks site data: touching localStorage throws.
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await open(page, site.base);
    await page.waitForSelector('[data-testid=save-failed]');
    assert.match(await page.locator('[data-testid=save-failed]').innerText(), /禁用了本地存储/);
    await field(page, '1.1', 'firms').fill('10'); // 2
    assert.equal(await total(page), '2');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=save-failed]').getByRole('button', { name: '导出文件' }).click(),
    ]);
    const file = path.join(outDir, 'no-storage.json');
    await download.saveAs(file);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).inputs['1.1'].firms, '10');
    assert.deepEqual(b.errors.filter((e) => !e.includes('SecurityError')), []);
  } finally { await b.close(); }
});

test('a corrupt entry is quarantined and kept; the other drafts still open', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#draft-name', '好的草稿');
    await page.press('#draft-name', 'Enter');
    await field(page, '1.1', 'firms').fill('5'); // 1
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await page.fill('#draft-name', '坏的草稿');
    await page.press('#draft-name', 'Enter');
    const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('cqhr.index')).map((e) => [e.id, e.name]));
    const bad = ids.find(([, n]) => n === '坏的草稿')[0];
    const raw = '{"format": 1, "rubric": "comprehensive-park", "inputs": {"1.1": {"firms": 3';
    await page.evaluate(([id, raw]) => localStorage.setItem(`cqhr.draft.${id}`, raw), [bad, raw]);
    await page.reload();
    await ready(page);
    const q = page.locator('[data-testid=quarantine]');
    await q.waitFor();
    assert.match(await q.innerText(), /坏的草稿/);
    assert.equal(await total(page), '1', 'the good draft opened instead');
    const [download] = await Promise.all([page.waitForEvent('download'), q.getByRole('button', { name: '导出原始内容' }).click()]);
    const file = path.join(outDir, 'quarantined.txt');
    await download.saveAs(file);
    assert.equal(fs.readFileSync(file, 'utf8'), raw, 'the raw text is exportable as it was');
    assert.equal(await page.evaluate((id) => localStorage.getItem(`cqhr.draft.${id}`), bad), raw, 'never deleted or overwritten');
    // Choosing it again in the list keeps the readable draft open, and says why.
    const good = ids.find(([, n]) => n === '好的草稿')[0];
    await page.selectOption('#draft-select', bad);
    assert.equal(await page.inputValue('#draft-select'), good, 'the list shows the draft that is open');
    assert.equal(await total(page), '1');
    assert.match(await page.locator('.notice.error').first().innerText(), /坏的草稿/);
    // The list itself corrupted: every stored draft is found again, none is lost.
    await page.evaluate(() => localStorage.setItem('cqhr.index', '[{"id": "d1", "na'));
    await page.reload();
    await ready(page);
    const listed = await page.locator('#draft-select option').count();
    assert.equal(listed, 2, 'both drafts listed again');
    assert.equal(await page.evaluate(() => localStorage.getItem('cqhr.index.broken')), '[{"id": "d1", "na');
    await page.selectOption('#draft-select', good);
    assert.equal(await total(page), '1');
  } finally { await b.close(); }
});

// Issue 25: the reader that names the place of a structural error (serde_path_to_error) is
// a chunk, fetched when such an error is to be said (or by the idle prefetch, stalled here).
const structureBad = { format: 3, rubric: 'comprehensive-park', reviews: [{ stage: 'city', date: 5 }] };
const placed = '草稿结构不符：reviews[0].date 类型不对：应为文字，填写的是数字';
const unplaced = '草稿结构不符：类型不对：应为文字，填写的是数字';

/** A fresh browser whose path reader's chunk is answered only when `gate` says so. */
async function gated(gate) {
  const b = await browser({ serviceWorkers: 'block' });
  // The idle prefetch stalls on its first chunk (never answered): the reader comes on demand.
  await b.page.route('**/split_certify_page-*.wasm', () => {});
  await b.page.route('**/split_install_locators-*.wasm', gate);
  return b;
}

/** A fresh browser whose path reader's chunk is held back until `release()`. */
async function held() {
  let release;
  const gate = new Promise((r) => { release = r; });
  const b = await gated(async (route) => { await gate; await route.continue(); });
  return { b, release };
}

test('a stored draft bad deep inside is quarantined with its exact place, the reader fetched for it', async () => {
  const { b, release } = await held();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#draft-name', '好的草稿');
    await page.press('#draft-name', 'Enter');
    await field(page, '1.1', 'firms').fill('5'); // 1
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await page.fill('#draft-name', '坏的草稿');
    await page.press('#draft-name', 'Enter');
    const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('cqhr.index')).map((e) => [e.id, e.name]));
    const bad = ids.find(([, n]) => n === '坏的草稿')[0];
    const raw = JSON.stringify(structureBad);
    await page.evaluate(([id, raw]) => localStorage.setItem(`cqhr.draft.${id}`, raw), [bad, raw]);
    await page.reload();
    await ready(page);
    // It never opens; while the reader's chunk is held back, no message names a wrong place.
    assert.equal(await total(page), '1', 'the good draft opened instead');
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[data-testid=quarantine]').count(), 0, 'nothing said before the place is known');
    release();
    const q = page.locator('[data-testid=quarantine]');
    await q.waitFor();
    assert.match(await q.innerText(), new RegExp(`坏的草稿（${placed.replace(/[[\]]/g, '\\$&')}）`));
    assert.match(await page.locator('.notice.error').first().innerText(), /“坏的草稿”无法读取，已隔离保存（未删除）：草稿结构不符：reviews\[0\]\.date/);
    assert.equal(await page.evaluate((id) => localStorage.getItem(`cqhr.draft.${id}`), bad), raw, 'kept as it was');
    // A link holding such a draft, opened at start: the same exact words.
    const link = await b.context.newPage();
    await link.goto(`${site.base}#${shareFragment(structureBad)}`);
    await link.waitForSelector(`.notice.error:has-text("链接中的草稿无法读取：${placed}")`, { timeout: 20000 });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('when the path reader cannot be fetched, a bad draft is said without its place, never a wrong one', async () => {
  const b = await gated((route) => route.abort());
  try {
    const { page } = b;
    await page.goto(`${site.base}#${shareFragment(structureBad)}`);
    await page.waitForSelector(`.notice.error:has-text("链接中的草稿无法读取：${unplaced}")`, { timeout: 20000 });
    assert.doesNotMatch(await page.locator('.notice.error').first().innerText(), /reviews/);
    // The calculator works on: the first-visit choice, then a form.
    await ready(page);
    await field(page, '1.1', 'firms').fill('5');
    assert.equal(await total(page), '1');
  } finally { await b.close(); }
});

test('a draft file added to 等次排名 before the reader is in: read once it is, its error with the place', async () => {
  const { b, release } = await held();
  try {
    const { page } = b;
    await open(page, site.base);
    await goToPage(page, '等次排名');
    await page.setInputFiles('#cohort-files', {
      name: '结构有误.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(structureBad)),
    });
    // While the reader's chunk is held back the file waits (正在读取…): nothing said without its place.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[data-testid=cohort-errors]').count(), 0, 'no error before the place is known');
    release();
    const errors = page.locator('[data-testid=cohort-errors]');
    await errors.waitFor();
    assert.match(await errors.innerText(), new RegExp(`文件“结构有误\\.json”：${placed.replace(/[[\]]/g, '\\$&')}`));
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('two tabs: a change in one shows in the other; changes on both sides are both kept', async () => {
  const b = await browser();
  try {
    const a = b.page;
    await a.goto(site.base);
    await ready(a);
    await a.fill('#draft-name', '共享草稿');
    await a.press('#draft-name', 'Enter');
    await field(a, '1.1', 'firms').fill('5'); // 1
    const c = await b.context.newPage();
    await c.goto(site.base);
    await ready(c);
    assert.equal(await total(c), '1');
    // A edits: C follows.
    await field(a, '1.2', 'revenue_wan').fill('2000'); // +0.2
    await c.waitForFunction(() => document.querySelector('[data-testid=total]').innerText === '1.2');
    assert.equal(await field(c, '1.2', 'revenue_wan').inputValue(), '2000');
    // C edits while its storage refuses writes (so its change is unsaved), then A edits.
    await c.evaluate(() => {
      window.__setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function () { throw new DOMException('blocked', 'QuotaExceededError'); };
    });
    await field(c, '3.3', 'events').fill('4'); // C: +2 → 3.2, unsaved
    await c.waitForSelector('[data-testid=save-failed]');
    await c.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
    await field(a, '2.1', 'employers').fill('100'); // A: +1 → 2.2
    await c.waitForSelector('.notice.error:has-text("两份都已保留")');
    // C now shows its own version as a new draft; A's version stays under the name.
    assert.equal(await total(c), '3.2');
    assert.match(await c.inputValue('#draft-name'), /共享草稿（本页的修改）/);
    await c.selectOption('#draft-select', { label: '共享草稿（综合性产业园）' });
    assert.equal(await total(c), '2.2');
  } finally { await b.close(); }
});

test('foreign, unknown-version and oversized links are refused with a message', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base + '#top');
    assert.equal(await page.locator('.notice.error').count(), 0, 'a plain anchor is not a link to refuse');
    await page.goto(site.base + '#d9.AAAA');
    await page.waitForSelector('.notice.error');
    assert.match(await page.locator('.notice.error').innerText(), /版本/);
    // A draft too large for a link says so and offers the file export instead.
    await open(page, site.base);
    let note = '';
    for (let i = 0; note.length < 40000; i++) note += ((i * 2654435761) % 1e9).toString(36);
    await page.locator('#note-1\\.1').fill(note);
    await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
    await page.waitForSelector('.notice.error:has-text("导出文件")');
    assert.equal(await page.locator('#share-link').count(), 0);
  } finally { await b.close(); }
});

test('hostile text is just text', async () => {
  const b = await browser();
  try {
    const { page } = b;
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    await open(page, site.base);
    const payload = '<img src=x onerror=alert(1)>';
    await page.fill('#draft-name', payload);
    await page.press('#draft-name', 'Enter');
    await page.fill('#platform-name', payload);
    await page.locator('#note-1\\.1').fill('<script>alert(2)</script>');
    await page.reload();
    await ready(page);
    assert.equal(await page.inputValue('#platform-name'), payload);
    assert.match(await page.locator('#draft-select option').first().innerText(), /<img src=x onerror=alert\(1\)>/);
    await page.emulateMedia({ media: 'print' });
    assert.match(await page.locator('.print-sheet[data-sheet=scores]').innerText(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(dialogs, 0);
  } finally { await b.close(); }
});

test('every draft and link format that ever shipped loads in the browser', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(formats, 'manifest.json'), 'utf8'));
  const b = await browser();
  try {
    const { page } = b;
    for (const f of manifest.fixtures) {
      if (f.kind === 'draft') {
        await open(page, site.base);
        await page.setInputFiles('#import-file', path.join(formats, f.file));
        await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
      } else {
        const frag = fs.readFileSync(path.join(formats, f.file), 'utf8').trim();
        await page.goto(site.base + '#' + frag);
        await page.waitForSelector('[data-testid=preview]');
      }
      assert.equal(await page.inputValue('#rubric-type'), f.rubric, f.file);
      assert.equal(await total(page), f.total, f.file);
    }
  } finally { await b.close(); }
});
