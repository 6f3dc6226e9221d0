// Takes the README's screenshots of the reviewer's screen (Art. 30): the 初审 form at
// desktop and phone width, and the printed 审核表 (PNG and PDF), from the format-2 fixture
// opened by link. Run after scripts/build:
//   node scripts/screenshots-review.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, root, shareFragment } from '../tests/e2e/harness.mjs';

const out = path.join(root, 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const site = await serve('/');
// The hand-worked 附表2 fixture (total 78) with a district layer: 1.2 营收 118,999.99 →
// 106,500 万元 (11.8 → 10.6, 核减 1.2) and 2.1 用人单位 689 → 650 家 (6.8 → 6.5, 核减 0.3).
const { draft } = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8'));
draft.format = 2;
draft.reviews = [{
  stage: 'district', reviewer: '渝北区人力社保局 王敏', date: '2026-04-10',
  inputs: { '1.2': { revenue_wan: '106500' }, '2.1': { employers: '650' } },
  reasons: { '1.2': '3家入驻企业营收未提供完税证明，不予计入', '2.1': '39家用人单位无服务协议佐证' },
  opinion: '经初审，核减营收1.25亿元、服务用人单位39家，同意报送市人力社保局。',
}];
const link = `${site.base}#${shareFragment(draft)}`;

async function reviewAs(page) {
  await page.goto(link);
  await page.waitForSelector('[data-testid=preview]');
  const choice = page.locator('[data-testid=review-choice-preview]');
  await choice.getByRole('button', { name: '以区县初审身份审核', exact: true }).click();
  await page.waitForSelector('#review-who');
  await choice.locator('.review-start button.primary').click();
  await page.waitForSelector('[data-testid=review-head]');
  await page.getByTestId('confirm-all').click();
  await page.getByTestId('sign').click();
  await page.locator('[data-testid=notice] button').click().catch(() => {});
}

for (const [name, viewport] of [['review.png', { width: 1280, height: 1000 }], ['review-phone.png', { width: 390, height: 844 }]]) {
  const b = await browser({ viewport });
  try {
    const { page } = b;
    await reviewAs(page);
    // Desktop: the head and the first 一级指标; phone: 1.2, where the 初审 took points off.
    const top = name === 'review.png' ? '.review-head' : '[data-testid="rv-1.2"]';
    await page.evaluate((sel) => window.scrollTo(0, document.querySelector(sel).getBoundingClientRect().top + window.scrollY - 8), top);
    await page.screenshot({ path: path.join(out, name) });
    if (name === 'review.png') {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      await page.screenshot({ path: path.join(out, 'shenhebiao.png'), fullPage: true });
      await page.pdf({ path: path.join(out, 'shenhebiao.pdf'), format: 'A4', preferCSSPageSize: true });
    }
  } finally {
    await b.close();
  }
}
await site.close();
