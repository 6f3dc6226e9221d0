// Edition links, moving a draft to another edition, a draft whose edition is missing, and
// hostile edition files (issue 13). Served from a sub-path, as on a static host.
//
// The edited edition "2026" of 附表2 (综合性产业园): 1.1 每入驻1家 0.2 → 0.3 分 (规模以上 0.6
// unchanged), 1.1 上限 10 → 12, 1.2 上限 12 → 10; the caps still add up to 100.
//
// Hand-worked, the fixture tests/fixtures/full-comprehensive-park.json (total 78 under 2025):
//   1.1: 37 家 of which 8 规模以上. 2025: 29 × 0.2 + 8 × 0.6 = 5.8 + 4.8 = 10.6 → cap 10.
//        2026: 29 × 0.3 + 8 × 0.6 = 8.7 + 4.8 = 13.5 → cap 12.          (+2)
//   1.2: 118999.99 万元 → ⌊118999.99 ÷ 1000⌋ = 118 × 0.1 = 11.8 (2025 cap 12: 11.8);
//        2026 cap 10 → 10.                                              (−1.8)
//   Every other indicator is unchanged: total 78 + 2 − 1.8 = 78.2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, goToPage, onPage, score, total, field, root, outDir, shareFragment, ready } from './harness.mjs';

let site;
before(async () => { site = await serve('/deep/cqhr/'); });
after(async () => { await site.close(); });

const bundled = (id) => JSON.parse(fs.readFileSync(path.join(root, `rubrics/2025/${id}.json`), 'utf8'));
const fixture = (id) => JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/full-${id}.json`), 'utf8')).draft;

function edited() {
  const r = bundled('comprehensive-park');
  r.edition = '2026';
  const ind = (id) => r.indicators.find((i) => i.id === id);
  assert.equal(ind('1.1').terms[0].points, '0.2');
  ind('1.1').terms[0].points = '0.3';
  ind('1.1').cap = '12';
  ind('1.2').cap = '10';
  return r;
}

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

/** Imports the edited edition on 评分标准 and returns its row and fingerprint. */
async function importEdited(page) {
  await page.goto(`${site.base}#/editions`);
  await onPage(page, '评分标准');
  await page.locator('#edition-import').setInputFiles(file('2026.json', JSON.stringify(edited())));
  const row = page.locator('tr[data-edition="comprehensive-park/2026"]');
  await row.waitFor();
  const code = (await row.locator('.fingerprint').innerText()).trim();
  assert.match(code, /^[0-9a-f]{8}$/);
  return { row, code };
}

/** The screen at a phone's or a desktop's size, and `part` alone (to look at). */
async function shot(page, name, width, part) {
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`) });
  if (part) await part.screenshot({ path: path.join(outDir, `${name}-${width}-part.png`) });
}

test('edition link: copy, open in a fresh profile from a sub-path, preview with the diff, import, draft under it', async () => {
  const a = await browser();
  let link;
  let code;
  try {
    const { row, code: c } = await importEdited(a.page);
    code = c;
    await row.getByRole('button', { name: '复制链接' }).click();
    const input = a.page.locator('#edition-link');
    await input.waitFor();
    link = await input.inputValue();
    assert.ok(link.startsWith(`${site.base}#/editions/e1.`), link);
    assert.ok(link.length < 8000 + site.base.length + 20, `${link.length}`);
    assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), link);
    // A bundled edition has a link too.
    await a.page.locator('tr[data-edition="talent-market/2025"]').getByRole('button', { name: '复制链接' }).click();
    await a.page.waitForFunction(() => document.querySelector('#edition-link')?.value.includes('#/editions/e1.'));
    // An edition too long for a link (a 评价标准 of 12000 random characters): said in
    // Chinese, with the file export offered instead.
    const long = edited();
    long.edition = '2026长';
    let seed = 7;
    long.indicators[0].standard = Array.from({ length: 12000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(0x4e00 + (seed % 20000));
    }).join('');
    await a.page.locator('#edition-import').setInputFiles(file('long.json', JSON.stringify(long)));
    const longRow = a.page.locator('tr[data-edition="comprehensive-park/2026长"]');
    await longRow.waitFor();
    await longRow.getByRole('button', { name: '复制链接' }).click();
    const tooLong = a.page.locator('.edition-link-too-long');
    await tooLong.waitFor();
    assert.match(await tooLong.innerText(), /评分标准过大，无法放入链接（约 \d+ 字符，上限 8000）。请改用“导出文件”发送/);
    const [download] = await Promise.all([a.page.waitForEvent('download'), tooLong.getByRole('button', { name: '导出文件' }).click()]);
    assert.equal(JSON.parse(fs.readFileSync(await download.path(), 'utf8')).edition, '2026长');
    for (const w of [390, 1280]) await shot(a.page, 'edition-link-too-long', w, tooLong);
    assert.deepEqual(a.errors, []);
  } finally { await a.close(); }

  const b = await browser();
  try {
    const { page } = b;
    await page.goto(link);
    await onPage(page, '评分标准');
    const preview = page.locator('[data-testid=edition-preview]');
    await preview.waitFor();
    const text = await preview.innerText();
    assert.match(text, /综合性产业园（附表2）2026版/);
    assert.match(text, new RegExp(`指纹 ${code}`));
    assert.match(text, /每家 0\.2 分 → 0\.3 分/);
    assert.match(text, /上限 10 → 12/);
    assert.match(text, /上限 12 → 10/);
    // Read-only: nothing is imported yet.
    assert.equal(await page.locator('tr[data-edition="comprehensive-park/2026"]').count(), 0);
    for (const w of [390, 1280]) await shot(page, 'edition-link-preview', w, preview);
    await page.setViewportSize({ width: 1280, height: 900 });

    await preview.getByRole('button', { name: '导入此评分标准' }).click();
    const row = page.locator('tr[data-edition="comprehensive-park/2026"]');
    await row.waitFor();
    assert.equal((await row.locator('.fingerprint').innerText()).trim(), code);
    assert.equal(await preview.count(), 0);
    assert.equal(new URL(page.url()).hash, '#/editions');

    await row.getByRole('button', { name: '按此版新建草稿' }).click();
    await goToPage(page, '绩效评分');
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.1', 'above_scale').fill('8');
    await page.waitForFunction(() => document.querySelector('[data-testid="score-1.1"] strong')?.innerText === '12');
    assert.match(await page.locator('p.edition').innerText(), new RegExp(`2026版，指纹 ${code}`));

    // A damaged link (cut short): a Chinese message, nothing imported, no panic.
    await page.goto(link.slice(0, link.length - 40));
    const err = page.locator('[data-testid=edition-link-error]');
    await err.waitFor();
    assert.match(await err.innerText(), /链接.*(损坏|不完整)/);
    // A draft link still opens as a draft, from the same sub-path.
    await page.goto(`${site.base}#${shareFragment(fixture('comprehensive-park'))}`);
    await page.waitForSelector('[data-testid=preview]');
    await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('moving a draft: the dialog shows both scores, the copy is under 2026 and the original unchanged', async () => {
  const b = await browser();
  try {
    const { page } = b;
    const { code } = await importEdited(page);
    const draftFile = file('临空.json', JSON.stringify(fixture('comprehensive-park')));
    await page.setInputFiles('#import-file', draftFile);
    await goToPage(page, '绩效评分');
    await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78');
    const original = await page.locator('#draft-select option:checked').innerText();

    await page.locator('[data-testid=move-edition]').click();
    const dialog = page.locator('[data-testid=move-dialog]');
    await dialog.waitFor();
    assert.match(await dialog.locator('[data-testid=move-from]').innerText(), /2025版/);
    assert.match(await page.locator('#move-to option:checked').innerText(), new RegExp(`2026版（指纹 ${code}`));
    assert.equal(await dialog.locator('[data-testid=move-total-before]').innerText(), '78');
    assert.equal(await dialog.locator('[data-testid=move-total-after]').innerText(), '78.2');
    // 指标, 原版得分, 新版得分, 变化, then the 规则变化 column (issue 23).
    const cells = async (id) => (await dialog.locator(`tr[data-indicator="${id}"] td`).allInnerTexts()).slice(1, 4);
    assert.deepEqual(await cells('1.1'), ['10', '12', '+2']);
    assert.deepEqual(await cells('1.2'), ['11.8', '10', '-1.8']);
    assert.match(await dialog.locator('tr[data-indicator="1.2"] td.rules').innerText(), /上限 12 → 10/);
    const [before13, after13, delta13] = await cells('1.3');
    assert.equal(before13, after13);
    assert.equal(delta13, '');
    // Nothing has moved yet: the draft on screen still scores 78 under 2025.
    assert.equal(await total(page), '78');
    for (const w of [1280, 390]) await shot(page, 'move-dialog', w, dialog);
    await page.setViewportSize({ width: 1280, height: 900 });

    await dialog.getByRole('button', { name: '按新版本另存为副本' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78.2');
    assert.equal(await score(page, '1.1'), '12');
    assert.equal(await score(page, '1.2'), '10');
    assert.match(await page.locator('p.edition').innerText(), new RegExp(`2026版，指纹 ${code}`));
    const copy = await page.locator('#draft-select option:checked').innerText();
    assert.notEqual(copy, original);
    assert.match(copy, /2026版/);

    // The original: still 2025, still 78.
    await page.selectOption('#draft-select', { label: original });
    await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78');
    assert.match(await page.locator('p.edition').innerText(), /2025版/);
    assert.equal(await score(page, '1.1'), '10');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a draft naming a missing edition scores nothing, names the fingerprint, and imports it right there', async () => {
  // The fingerprint of the edited edition, as this app computes it.
  const a = await browser();
  let code;
  try { ({ code } = await importEdited(a.page)); } finally { await a.close(); }

  const b = await browser();
  try {
    const { page } = b;
    const draft = { ...fixture('comprehensive-park'), edition: '2026', edition_fingerprint: code };
    await page.goto(`${site.base}#${shareFragment(draft)}`);
    const missing = page.locator('[data-testid=missing-edition]');
    await missing.waitFor();
    const text = await missing.innerText();
    assert.match(text, /本草稿不计分/);
    assert.match(text, /2026版/);
    assert.ok(text.includes(code), text);
    assert.equal(await page.locator('[data-testid=total]').count(), 0, 'no total while the edition is missing');
    assert.equal(await page.locator('[data-testid="score-1.1"]').count(), 0);
    assert.match(await page.locator('[data-testid=no-score]').innerText(), /不计分/);
    for (const w of [390, 1280]) await shot(page, 'missing-edition', w, missing);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Another file of the same name but other content: still missing, said so.
    const other = edited();
    other.indicators.find((i) => i.id === '1.1').terms[0].points = '0.25';
    await page.locator('#missing-edition-import').setInputFiles(file('other.json', JSON.stringify(other)));
    await page.waitForFunction(() => /指纹不同/.test(document.querySelector('[data-testid=notice]')?.innerText || ''));
    assert.equal(await page.locator('[data-testid=total]').count(), 0);

    // The right file: the draft scores under it (78.2, see the top).
    await page.locator('#missing-edition-import').setInputFiles(file('2026.json', JSON.stringify(edited())));
    await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78.2');
    assert.equal(await missing.count(), 0);

    // An imported draft file naming a missing edition is kept (not refused, not
    // quarantined) and says the same after a reload.
    const lost = { ...fixture('comprehensive-park'), edition: '2027', edition_fingerprint: '0badc0de' };
    await page.goto(`${site.base}#/`);
    await page.waitForSelector('[data-testid=total], [data-testid=start], [data-testid=missing-edition]');
    await page.setInputFiles('#import-file', file('lost.json', JSON.stringify(lost)));
    await page.waitForFunction(() => /0badc0de/.test(document.querySelector('[data-testid=missing-edition]')?.innerText || ''));
    await page.reload();
    await page.waitForFunction(() => /0badc0de/.test(document.querySelector('[data-testid=missing-edition]')?.innerText || ''));
    assert.equal(await page.locator('[data-testid=quarantine]').count(), 0);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('hostile edition files get a Chinese message quickly and the tab stays responsive', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await page.goto(`${site.base}#/editions`);
    await onPage(page, '评分标准');
    const cases = [
      ['huge.json', 'x'.repeat(3_000_000), /文件过大/],
      ['million.json', `{"id":"talent-market","edition":"x","indicators":[${'{},'.repeat(999_999)}{}]}`, /文件过大/],
      ['many.json', `{"id":"talent-market","edition":"x","indicators":[${'0,'.repeat(990_000)}0]}`, /990001 个指标/],
      ['deep.json', '['.repeat(1_000_000) + ']'.repeat(900_000), /嵌套层数/],
      ['types.json', JSON.stringify({ id: 'talent-market', edition: 2026, indicators: 'none' }), /类型不对|应为|缺少/],
    ];
    for (const [name, text, expect] of cases) {
      const t0 = Date.now();
      await page.locator('#edition-import').setInputFiles(file(name, text));
      await page.waitForFunction((n) => (document.querySelector('.edition-problems')?.innerText || '').includes(n), name, { timeout: 5000 });
      const ms = Date.now() - t0;
      const msg = await page.locator('.edition-problems').innerText();
      assert.match(msg, expect, `${name}: ${msg}`);
      assert.ok(/[\u4e00-\u9fff]/.test(msg));
      // Responsive: the page answers at once and a tab still switches.
      const t1 = Date.now();
      assert.equal(await page.evaluate(() => 1 + 1), 2);
      assert.ok(Date.now() - t1 < 1000);
      console.log(`${name}: message after ${ms} ms`);
      assert.ok(ms < 5000, `${name} took ${ms} ms`);
    }
    assert.equal(await page.locator('.editions-table tbody tr').count(), 3);
    await goToPage(page, '年度对比');
    await goToPage(page, '评分标准');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

/** An edited edition and a draft under 2025: 改用其他版本评分标准… is offered. */
async function draftWithTwoEditions(page) {
  await importEdited(page);
  await page.setInputFiles('#import-file', file('临空.json', JSON.stringify(fixture('comprehensive-park'))));
  await goToPage(page, '绩效评分');
  await page.waitForFunction(() => document.querySelector('[data-testid=total]')?.innerText === '78');
}

test('改用其他版本评分标准… right after load fetches its dialog on the click; a failed fetch is said, nothing changes', async () => {
  const b = await browser({ serviceWorkers: 'block' });
  try {
    await draftWithTwoEditions(b.page);
    await b.page.close();
    // A new tab, nothing from the HTTP cache; the idle prefetch stalls on its first chunk
    // (never answered), so the dialog's chunk can only come from the click.
    const page = await b.context.newPage();
    page.on('pageerror', (e) => b.errors.push(String(e)));
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.route('**/split_certify_page-*.wasm', () => {});
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    // The first try fails (the dialog's module refused): said in Chinese, the draft unchanged.
    await page.route('**/split_move_dialog-*.wasm', (route) => route.abort());
    await page.goto(site.base);
    await ready(page);
    assert.equal(await total(page), '78');
    const button = page.locator('[data-testid=move-edition]');
    await button.click();
    await page.waitForSelector('.notice.error:has-text("无法加载“改用其他版本评分标准”")', { timeout: 20000 });
    assert.equal(await page.locator('[data-testid=move-dialog]').count(), 0);
    assert.equal(await total(page), '78');
    assert.equal(await button.isEnabled(), true);
    // Then it loads: the dialog, with both totals.
    await page.unroute('**/split_move_dialog-*.wasm');
    await button.click();
    const dialog = page.locator('[data-testid=move-dialog]');
    await dialog.waitFor({ timeout: 20000 });
    assert.equal(await dialog.locator('[data-testid=move-total-before]').innerText(), '78');
    assert.equal(await dialog.locator('[data-testid=move-total-after]').innerText(), '78.2');
    assert.ok(seen.some((u) => u.includes('/split_move_dialog-')), 'fetched on the click');
    assert.ok(!seen.some((u) => /\/split_(review|cohort|compare|materials)_/.test(u)), 'the prefetch had not got there');
    const appErrors = b.errors.filter((e) => !/Failed to load resource|net::ERR_|TypeError/i.test(e));
    assert.deepEqual(appErrors, []);
  } finally { await b.close(); }
});

test('改用其他版本评分标准… works offline after one visit', async () => {
  const b = await browser();
  try {
    const { page, context } = b;
    await draftWithTwoEditions(page);
    await page.evaluate(() => Promise.race([
      (async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker took control in 15 s')), 15000)),
    ]));
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    await page.locator('[data-testid=move-edition]').click();
    const dialog = page.locator('[data-testid=move-dialog]');
    await dialog.waitFor({ timeout: 20000 });
    assert.equal(await dialog.locator('[data-testid=move-total-after]').innerText(), '78.2');
  } finally { await b.context.setOffline(false); await b.close(); }
});
