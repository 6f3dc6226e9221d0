// The README's 自评材料 screenshots: the page (desktop and phone) with the hand-worked
// 附表2 fixture, one paragraph rewritten and two documents ticked, and the first page of
// the exported .docx as LibreOffice renders it. Run after scripts/build:
//   node scripts/screenshots-materials.mjs
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, ready, root } from '../tests/e2e/harness.mjs';

const out = path.join(root, 'docs', 'screenshots');
const tmp = path.join(root, 'tests', 'e2e', 'out');
fs.mkdirSync(out, { recursive: true });
fs.mkdirSync(tmp, { recursive: true });
const site = await serve('/');
const b = await browser({ viewport: { width: 1280, height: 900 } });
try {
  const { page } = b;
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8'));
  const file = path.join(tmp, 'screenshot-materials.json');
  fs.writeFileSync(file, JSON.stringify(fixture.draft));
  await page.goto(site.base);
  await ready(page);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
  await page.getByRole('button', { name: '自评材料', exact: true }).click();
  await page.waitForSelector('#para-1-1');
  await page.locator('#para-1-3').fill('2025年园区入驻企业纳税总额415万元，较上年增长12%，按评分标准计分。纳税证明见附件。');
  await page.locator('#para-1-3').blur();
  for (const name of ['入驻企业名录及入驻协议', '规模以上企业认定材料', '入驻企业营收汇总表']) {
    await page.getByRole('checkbox', { name: `${name} 已备齐`, exact: true }).check();
  }
  await page.getByRole('textbox', { name: '入驻企业名录及入驻协议 页数', exact: true }).fill('12');
  await page.getByRole('textbox', { name: '纳税情况汇总表 页数', exact: true }).fill('3页');
  await page.getByRole('textbox', { name: '纳税情况汇总表 页数', exact: true }).blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'materials.png') });
  await page.locator('#evidence-h').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'materials-evidence.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'materials-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The .docx, rendered by LibreOffice (headless) to PDF, its first two pages to PNG.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name: '导出 Word（.docx）' }).click(),
  ]);
  const docx = path.join(tmp, 'materials.docx');
  await download.saveAs(docx);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore' });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', path.join(tmp, 'materials.pdf'), path.join(out, 'materials-docx')]);
  console.log(fs.readdirSync(out).filter((f) => f.startsWith('materials')).join('\n'));
} finally { await b.close(); await site.close(); }
