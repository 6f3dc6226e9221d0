// 评分标准 → 编辑新版评分标准 (issue 13, item 2), as the bureau would: start from 附表2
// 综合性产业园 2025, name it 2026, raise 1.1 from 0.2 to 0.3 per firm and its cap 10 → 12,
// see the caps add up to 102 (the error at the top, publishing refused), lower 1.2's cap
// 12 → 10 (the error clears), see the diff, reload (the work is kept), print the 调整说明
// (PDF text), publish, start a draft under 2026, type the fixture's values and see the
// hand-worked scores.
//
// Hand-worked from rubrics/2025/comprehensive-park.json and tests/fixtures/full-comprehensive-park.json
// (1.1 firms 37, above_scale 8; 1.2 revenue_wan 118999.99; 1.3 tax_wan 415), under 2026:
//   1.1 (37 − 8) × 0.3 + 8 × 0.6 = 8.7 + 4.8 = 13.5 → the new cap 12 (under 2025: 10.6 → 10)
//   1.2 ⌊118999.99 ÷ 1000⌋ × 0.1 = 11.8 → the new cap 10 (under 2025: 11.8)
//   1.3 ⌊415 ÷ 5⌋ × 0.1 = 8.3 (unchanged)
//   total of these three: 12 + 10 + 8.3 = 30.3 (under 2025: 10 + 11.8 + 8.3 = 30.1)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, goToPage, onPage, score, total, field, outDir, root } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const slot = (page, key) => page.locator(`input[data-slot="${key}"]`);
const status = (page) => page.locator('.editor-status').innerText();

async function expand(page, id) {
  const row = page.locator(`.editor-indicator[data-indicator="${id}"]`);
  if ((await row.getAttribute('class')).split(' ').includes('open')) return;
  await row.locator('.editor-toggle').click();
  await row.locator('.editor-body').waitFor();
}

test('edit 2026 from 2025, validation at the field, diff, reload, print the notice, publish, score a draft under it', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await page.goto(`${site.base}#/editions`);
    await onPage(page, '评分标准');

    // Start from 附表2 综合性产业园 2025 (内置), named 2026.
    const value = await page.locator('#editor-base option', { hasText: '综合性产业园 2025版' }).first().getAttribute('value');
    await page.selectOption('#editor-base', value);
    await page.fill('#editor-new-name', '2026');
    await page.click('#editor-begin');
    await page.locator('#editor-edition').waitFor();
    assert.equal(await page.locator('#editor-edition').inputValue(), '2026');
    assert.match(await status(page), /合计 100 分.*校验通过/s);
    assert.match(await page.locator('.editor-diff').innerText(), /尚无变动/);

    // 1.1: 每家 0.3 分, 上限 12. The caps now add up to 102: named at the top, no publishing.
    await expand(page, '1.1');
    await slot(page, 'points:1.1:0').fill('0.3');
    await slot(page, 'cap:1.1').fill('12');
    await page.waitForFunction(() => document.querySelector('.editor-status').innerText.includes('合计 102 分'));
    assert.match(await status(page), /1 处问题/);
    const problems = page.locator('.editor-problems');
    assert.match(await problems.innerText(), /各指标分值上限合计 102 分，应为 100 分（各一级指标：1 41，/);
    assert.equal(await page.locator('#editor-publish').isDisabled(), true);

    // What is typed is kept even when it is not a number, with the message at the field.
    await slot(page, 'cap:1.1').fill('十二');
    const capField = page.locator('.field.invalid', { has: slot(page, 'cap:1.1') });
    await capField.waitFor();
    assert.match(await capField.locator('.msg').innerText(), /指标 1\.1 分值上限：“十二”不是数字/);
    assert.equal(await slot(page, 'cap:1.1').inputValue(), '十二');
    assert.match(await page.locator('.editor-indicator[data-indicator="1.1"] .ind-bad').innerText(), /⚠ 1 处问题/);
    await slot(page, 'cap:1.1').fill('12');
    await page.waitForFunction(() => !document.querySelector('.field.invalid input[data-slot="cap:1.1"]'));

    // 1.2: 上限 12 → 10. The sum is 100 again; the error clears.
    await expand(page, '1.2');
    assert.equal(await page.locator('.editor-indicator .editor-body').count(), 1, 'one indicator expanded at a time');
    await slot(page, 'cap:1.2').fill('10');
    await page.waitForFunction(() => document.querySelector('.editor-status').innerText.includes('校验通过'));
    assert.match(await status(page), /合计 100 分/);
    assert.equal(await problems.count(), 0);
    assert.equal(await page.locator('#editor-publish').isDisabled(), false);
    // The numbers moved but 评价标准 still reads as 2025's: a reminder at the text, not a problem.
    assert.match(await status(page), /另有 2 条提醒/);
    assert.equal(await page.getByTestId('editor-reminder').innerText(),
      '提醒：分值已改（上限 12 → 10），评价标准的文字未改：得分表照印评价标准，请核对是否需要一并修改');

    // The diff, live.
    const diff = await page.locator('.editor-diff').innerText();
    assert.match(diff, /与 2025 版相比的变动（3 项）/);
    assert.match(diff, /1\.1 线下入驻人力资源服务企业数量\s+上限 10 → 12\s+每家 0\.2 分 → 0\.3 分/);
    assert.match(diff, /1\.2 线下入驻人力资源服务企业营收情况\s+上限 12 → 10/);
    await page.screenshot({ path: path.join(outDir, 'edition-editor-desktop.png'), fullPage: true });

    // Reload: the work in progress is kept.
    await page.reload();
    await onPage(page, '评分标准');
    await page.locator('#editor-edition').waitFor();
    assert.equal(await page.locator('#editor-edition').inputValue(), '2026');
    assert.match(await page.locator('.editor-diff').innerText(), /每家 0\.2 分 → 0\.3 分/);
    await expand(page, '1.1');
    assert.equal(await slot(page, 'points:1.1:0').inputValue(), '0.3');
    assert.match(await status(page), /合计 100 分.*校验通过/s);

    // Print the 调整说明: the page's print button prints it (the dialog stubbed; the PDF is
    // what it would print).
    await page.evaluate(() => { window.print = () => {}; });
    assert.equal(await page.locator('button', { hasText: '打印本页（调整说明）' }).count(), 1);
    await page.click('#editor-print');
    await page.waitForSelector('.print-sheet.chosen[data-sheet=edition]', { state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(outDir, 'edition-notice.pdf');
    // The table's rows, as laid out for print (PDF text interleaves wrapped cells); read
    // before page.pdf, whose print events drop the sheet.
    const rows = await page.locator('.print-sheet[data-sheet=edition] tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^1\s+1\.1 线下入驻人力资源服务企业数量\s+上限 10 → 12\s+每家 0\.2 分 → 0\.3 分/);
    assert.match(rows[1], /^2\s+1\.2 线下入驻人力资源服务企业营收情况\s+上限 12 → 10/);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const printed = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '');
    for (const s of [
      '人力资源服务发展平台绩效评估指标调整说明（2026版）',
      '与2025版相比，共3项',
      '线下入驻人力资源服务企业',
      '每家0.2分→0.3分',
      '上限10→12',
      '上限12→10',
      '调整后各指标分值上限合计100分',
      '发布单位（盖章）',
      '日期',
    ]) {
      assert.ok(printed.includes(s), `the printed notice holds ${s}: ${printed.slice(0, 400)}`);
    }
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

    // Publish: registered and kept like an imported file; a new row in the list.
    await page.click('#editor-publish');
    const row = page.locator('tr[data-edition="comprehensive-park/2026"]');
    await row.waitFor();
    const code = (await row.locator('.fingerprint').innerText()).trim();
    assert.match(code, /^[0-9a-f]{8}$/);
    assert.match(await row.innerText(), /导入/);
    // Exportable as a file (the existing export): the edition, as edited.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '导出文件' }).click()]);
    assert.equal(download.suggestedFilename(), `2026-comprehensive-park-${code}.json`);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const ind = (id) => exported.indicators.find((i) => i.id === id);
    assert.equal(exported.edition, '2026');
    assert.deepEqual([ind('1.1').terms[0].points, ind('1.1').cap, ind('1.2').cap], ['0.3', '12', '10']);

    // A draft under 2026, the fixture's values typed: the hand-worked scores.
    await row.getByRole('button', { name: '按此版新建草稿' }).click();
    await goToPage(page, '绩效评分');
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.1', 'above_scale').fill('8');
    await field(page, '1.2', 'revenue_wan').fill('118999.99');
    await field(page, '1.3', 'tax_wan').fill('415');
    await page.waitForFunction(() => document.querySelector('[data-testid="score-1.3"] strong')?.innerText === '8.3');
    assert.equal(await score(page, '1.1'), '12');
    assert.equal(await score(page, '1.2'), '10');
    assert.match(await total(page), /^30\.3/);
    assert.match(await page.locator('p.edition').innerText(), new RegExp(`2026版，指纹 ${code}`));

    // After a reload the published edition is still held and the draft still scores under it.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="score-1.1"] strong')?.innerText === '12');
    assert.match(await total(page), /^30\.3/);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('the editor at 390 px: one indicator at a time, no sideways scrolling', async () => {
  const b = await browser({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = b;
    await page.goto(`${site.base}#/editions`);
    await onPage(page, '评分标准');
    await page.click('#editor-begin');
    await expand(page, '1.1');
    await slot(page, 'points:1.1:0').fill('0.3');
    await page.locator('.editor-indicator[data-indicator="1.1"]').scrollIntoViewIfNeeded();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `no sideways scrolling (${wide}px)`);
    await page.screenshot({ path: path.join(outDir, 'edition-editor-phone.png'), fullPage: false });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('the editor passes axe: an indicator open with a problem at its field, a 选其一 pair, the start view', async () => {
  const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const b = await browser({ bypassCSP: true });
  try {
    const { page } = b;
    const violations = async () => {
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
      return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
        .violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    };
    await page.goto(`${site.base}#/editions`);
    await onPage(page, '评分标准');
    await page.locator('#editor-begin').waitFor();
    assert.deepEqual(await violations(), []);
    // 附表3 has 选其一 pairs.
    const value = await page.locator('#editor-base option', { hasText: '专业性行业性产业园 2025版' }).first().getAttribute('value');
    await page.selectOption('#editor-base', value);
    await page.click('#editor-begin');
    const paired = await page.evaluate(() => [...document.querySelectorAll('.editor-indicator')].map((e) => e.dataset.indicator));
    await expand(page, paired.find((id) => id.startsWith('2.')));
    await page.locator('.editor-pair').waitFor();
    await page.locator('.editor-body input[data-slot^="cap:"]').fill('x');
    await page.locator('.field.invalid').waitFor();
    assert.deepEqual(await violations(), []);
  } finally { await b.close(); }
});
