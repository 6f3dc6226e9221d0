// Takes the README's screenshots in headless Chromium: the form filled with the
// hand-worked 附表2 fixture, and the printed 得分表. Run after scripts/build:
//   node scripts/screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, ready, root } from '../tests/e2e/harness.mjs';

const out = path.join(root, 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const site = await serve('/');
const b = await browser({ viewport: { width: 1280, height: 1000 } });
try {
  const { page } = b;
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8'));
  const file = path.join(root, 'tests/e2e/out/screenshot-draft.json');
  fs.writeFileSync(file, JSON.stringify(fixture.draft));
  await page.goto(site.base);
  await ready(page);
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
  await page.locator('#f-1-2-revenue_wan').fill('11,899.5');
  await page.locator('#f-2-1-employers').fill('-689');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'form.png') });
  await page.locator('#f-2-1-employers').fill('689');
  await page.locator('#f-1-2-revenue_wan').fill('118,999.99');
  await page.locator('#platform-fill-date').fill('2026-03-01');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.screenshot({ path: path.join(out, 'print.png'), fullPage: true });
  await page.pdf({ path: path.join(out, 'defenbiao.pdf'), format: 'A4', preferCSSPageSize: true });

  // The certification check (a 万州区 park: Art. 17 relief) and the printed 附表1.
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.getByRole('button', { name: '认定条件与申请表', exact: true }).click();
  await page.selectOption('#cert-district', '万州区').catch(() => page.fill('#platform-district', '万州区'));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'certify.png') });
  await page.getByRole('button', { name: '打印附表1', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.print-sheet[data-sheet=application].chosen'));
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: path.join(out, 'application.png'), fullPage: true });
} finally {
  await b.close();
  await site.close();
}
