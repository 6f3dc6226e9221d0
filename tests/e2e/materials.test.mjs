// 自评材料 (issue 12): the 文字报告 generated from the draft, one paragraph rewritten and
// kept across a reload, flagged 数据已变化 when its facts change, 恢复自动生成; the
// 佐证材料目录 (a bad 页数 kept with its message, ticks, the count); Word and Excel
// export through the exporter worker, which the first load does not fetch; print of the
// report and the 目录 on A4; exports offline after the first one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, open, goToPage, onPage, field, root, outDir } from './harness.mjs';

const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'full-comprehensive-park.json'), 'utf8'));
const PLATFORM = fixture.draft.platform.name;
const isExporter = (url) => /\/exporter[^/]*$/.test(new URL(url).pathname);

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

/** Opens the app, imports the hand-worked fixture (total 78) and goes to 自评材料. */
async function withFixture(page, base = site.base) {
  await open(page, base);
  const file = path.join(outDir, 'materials-fixture.json');
  fs.writeFileSync(file, JSON.stringify(fixture.draft));
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
  await goToPage(page, '自评材料');
  await page.waitForSelector('#para-1-1');
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function exportFile(page, label) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name: label }).click(),
  ]);
  const file = path.join(outDir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), file, bytes: fs.readFileSync(file) };
}

/** The names and one member's text of a zip file, read by Python's zipfile (a real reader). */
function zipRead(file, member) {
  const out = execFileSync('python3', ['-c', `
import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({"names": z.namelist(), "text": z.read(sys.argv[2]).decode("utf-8")}))
`, file, member]);
  return JSON.parse(out.toString());
}

/** Prints the chosen sheet to a PDF (A4, the sheet's own @page) and returns its text (the
 * PDF's print events end the sheet's turn: afterprint goes back to the 得分表). */
async function printText(page, button, sheet, name) {
  // The dialog itself is the browser's; page.pdf below prints what it would.
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: button }).evaluate((el) => el.click());
  await page.waitForSelector(`.print-sheet.chosen[data-sheet=${sheet}]`, { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const font = await page.locator(`.print-sheet[data-sheet=${sheet}] h1`).evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /小标宋/, `the title's font is named: ${font}`);
  const pdf = path.join(outDir, name);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/[ \t]+/g, ' ');
}

test('文字报告: generated from the facts; an edit is kept across a reload, flagged 数据已变化 when its facts change, and can be undone', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await withFixture(page);
    assert.match(page.url(), /#\/materials$/);
    const p11 = await page.locator('#para-1-1').inputValue();
    assert.match(p11, /37家/, p11);
    assert.match(p11, /入驻企业名录见附件1/, 'the platform note follows');
    const opening = await page.locator('#para-opening').inputValue();
    assert.ok(opening.includes(PLATFORM) && opening.includes('78'), opening);

    // Rewrite 1.2; the others stay generated.
    const mine = '2025年园区入驻企业营业收入合计约11.9亿元（自写）。';
    await page.locator('#para-1-2').fill(mine);
    await page.locator('#para-1-2').blur();
    await page.waitForSelector('[data-key="1.2"] .badge:text-is("已改写")');
    assert.equal(await page.locator('[data-key="1.1"] .badge').count(), 0);

    // A bad 页数 is kept and told at the field; a good one and a tick count.
    const pages = page.getByRole('textbox', { name: '入驻企业名录及入驻协议 页数', exact: true });
    await pages.fill('3页');
    await pages.blur();
    await page.waitForSelector('.evidence-table .msg:has-text("不是整数")');
    await page.getByRole('checkbox', { name: '入驻企业名录及入驻协议 已备齐', exact: true }).check();
    await page.waitForSelector('.materials-count:has-text("佐证材料 1/")');

    await page.reload();
    await onPage(page, '自评材料');
    await page.waitForSelector('#para-1-2');
    assert.equal(await page.locator('#para-1-2').inputValue(), mine, 'the edit survives a reload');
    assert.equal(await pages.inputValue(), '3页', 'what was typed is kept');
    await page.waitForSelector('.evidence-table .msg:has-text("不是整数")');
    assert.equal(await page.locator('[data-key="1.2"] .badge.warn').count(), 0, 'not flagged while the facts are unchanged');

    // A fact of 1.2 changes: flagged; 1.1 is regenerated as before.
    await goToPage(page, '绩效评分');
    await field(page, '1.2', 'revenue_wan').fill('50000');
    await goToPage(page, '自评材料');
    await page.waitForSelector('[data-key="1.2"] .badge.warn:text-is("数据已变化")');
    assert.equal(await page.locator('#para-1-2').inputValue(), mine, 'the edit is still shown');
    assert.equal(await page.locator('#para-1-1').inputValue(), p11);
    await page.waitForSelector('.materials-count:has-text("1 段改写后数据已变化")');

    // 恢复自动生成: the generated text with the new fact.
    await page.locator('[data-key="1.2"]').getByRole('button', { name: '恢复自动生成' }).click();
    await page.waitForSelector('[data-key="1.2"] .badge', { state: 'detached' });
    assert.match(await page.locator('#para-1-2').inputValue(), /50,?000/);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('Word and Excel: the first load does not fetch the exporter; each export downloads a valid file', async () => {
  const b = await browser();
  try {
    const { page } = b;
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await withFixture(page);
    await page.locator('#para-1-2').fill('自写的一段：营业收入情况。');
    await page.locator('#para-1-2').blur();
    await page.waitForSelector('[data-key="1.2"] .badge:text-is("已改写")');
    assert.ok(requests.some((u) => /app-[0-9a-f]+_bg\.wasm$/.test(u)), 'the app loaded');
    assert.deepEqual(requests.filter(isExporter), [], 'the exporter is not part of the first load');

    const word = await exportFile(page, '导出 Word（.docx）');
    assert.equal(word.name, `${PLATFORM}2025年度自评材料.docx`);
    assert.equal(word.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const doc = zipRead(word.file, 'word/document.xml');
    assert.ok(doc.names.includes('word/document.xml'));
    for (const s of [PLATFORM, '自写的一段：营业收入情况。', '线下入驻人力资源服务企业数量', '佐证材料目录']) {
      assert.ok(doc.text.includes(s), `the .docx holds ${s}`);
    }
    assert.ok(requests.some((u) => /exporter-[0-9a-f]{16}_bg\.wasm$/.test(u)), 'the exporter was loaded on the first export');
    await page.waitForSelector('.export-status:has-text("已导出")');

    const excel = await exportFile(page, '导出 Excel（.xlsx 得分表）');
    assert.equal(excel.name, `${PLATFORM}2025年度得分表.xlsx`);
    const wb = zipRead(excel.file, 'xl/workbook.xml');
    assert.ok(wb.names.includes('xl/workbook.xml') && wb.text.includes('得分表'));
    assert.equal(requests.filter((u) => /exporter-[0-9a-f]{16}_bg\.wasm$/.test(u)).length, 1, 'loaded once');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('print: the 文字报告 and the 佐证材料目录 on A4 hold the platform, the indicators and the total', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await withFixture(page);
    const report = await printText(page, '打印文字报告', 'report', 'materials-report.pdf');
    for (const s of [PLATFORM, '线下入驻人力资源服务企业数量', '线下入驻人力资源服务企业营收情况', '产业园安全生产情况', '自评总分78分', '自评总分：78 分']) {
      assert.ok(report.replace(/\s/g, '').includes(s.replace(/\s/g, '')), `the printed report holds ${s}`);
    }
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    const cat = await printText(page, '打印佐证材料目录', 'catalogue', 'materials-catalogue.pdf');
    for (const s of ['佐证材料目录', '序号', '对应指标', '材料名称', '页数', '入驻企业名录及入驻协议', '佐证材料 0/']) {
      assert.ok(cat.replace(/\s/g, '').includes(s.replace(/\s/g, '')), `the printed 目录 holds ${s}`);
    }
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('offline: after the first export, exports work with the server gone and the network off', async () => {
  const own = await serve('/');
  const b = await browser();
  try {
    const { page, context } = b;
    await withFixture(page, own.base);
    // Wait for the service worker to control the page (its install cached the app).
    await page.evaluate(() => Promise.race([
      (async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker in 15 s')), 15000)),
    ]));
    const sw = fs.readFileSync(path.join(root, 'dist', 'sw.js'), 'utf8');
    const lazy = JSON.parse(sw.match(/const LAZY = (\[[^\]]*\]);/)[1]);
    // Named with their build's content hash (scripts/post_build.py, issue 22).
    assert.deepEqual([...lazy].sort().map((f) => f.replace(/[0-9a-f]{16}/, 'H')), ['exporter-H.js', 'exporter-H_bg.wasm', 'exporter_loader-H.js']);
    const cachedBefore = await page.evaluate(async () => {
      const names = await caches.keys();
      const c = await caches.open(names.find((n) => n.startsWith('cqhr-')));
      return (await c.keys()).map((r) => r.url).filter((u) => /exporter/.test(u)).length;
    });
    assert.equal(cachedBefore, 0, 'the install does not download the exporter');
    await exportFile(page, '导出 Word（.docx）');

    await own.close();
    await context.setOffline(true);
    await page.reload();
    await onPage(page, '自评材料');
    await page.waitForSelector('#para-1-1');
    const excel = await exportFile(page, '导出 Excel（.xlsx 得分表）');
    assert.ok(zipRead(excel.file, 'xl/workbook.xml').names.includes('xl/workbook.xml'));
  } finally { await b.close(); await own.close(); }
});
