// Art. 30 in the browser (issue 11): a platform fills and shares; a district reviewer opens
// the link in a fresh profile, reviews as 初审 (two facts corrected with reasons, the rest
// confirmed), signs, prints the 审核表 and shares again; the city opens that link as 评审
// and sees both stages; a reload keeps the review. Here nobody holds a key: the layers are
// confirmed 未签名 and the screens never say 已核验 (issue 21; the signed chain is
// tests/e2e/signing.test.mjs). Scores worked by hand from 附表2 (综合性产业园, 市级):
//   1.1 firms 30 × 0.2 = 6        → 初审 28 × 0.2 = 5.6   (核减 0.4)
//   1.2 50000 万元 ⌊50⌋ × 0.1 = 5
//   3.3 events 4 × 0.5 = 2         → 初审 3 × 0.5 = 1.5    (核减 0.5)
//   4.2 judged 4                    → 评审 3                 (核减 1)
//   自评 17, 初审 16.1, 评审 15.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, total, field, outDir, open } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const rvField = (page, id, key) => page.locator(`#rv-f-${id.replace('.', '-')}-${key}`);
const rvScore = (page, id) => page.locator(`[data-testid="rv-score-${id}"]`).innerText();
const stageTotal = (page, key) => page.locator(`[data-testid="stage-total-${key}"]`).innerText();

async function share(page) {
  await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
  const link = await page.inputValue('#share-link');
  assert.match(link, /#d\d\.[A-Za-z0-9_-]+$/);
  return link;
}

/** Chooses a stage in the link preview (or above the form), names the reviewer, starts. */
async function startReview(page, stageButton, who, date, where = '[data-testid=review-choice-preview]') {
  await page.locator(where).getByRole('button', { name: stageButton, exact: true }).click();
  await page.fill('#review-who', who);
  await page.fill('#review-date', date);
  await page.locator(where).locator('.review-start button.primary').click();
  await page.waitForSelector('[data-testid=review-head]');
}

test('初审 and 评审 on one draft: link, review, sign, print the 审核表, share on, reload, staleness', async () => {
  // 1. The platform fills and shares.
  let link;
  const a = await browser();
  try {
    const { page } = a;
    await open(page, site.base);
    await page.fill('#platform-name', '渝北人力资源服务产业园');
    await page.fill('#platform-district', '渝北区');
    await page.fill('#platform-year', '2025');
    await field(page, '1.1', 'firms').fill('30');
    await field(page, '1.2', 'revenue_wan').fill('50000');
    await field(page, '3.3', 'events').fill('4');
    await field(page, '4.2', 'score').fill('4');
    assert.equal(await total(page), '17');
    // No review is open: the platform's form is the plain one.
    assert.equal(await page.locator('[data-testid=review-head]').count(), 0);
    link = await share(page);
  } finally { await a.close(); }

  // 2. The district reviewer, in a fresh profile.
  let link2;
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, link);
    await page.waitForSelector('[data-testid=preview]');
    assert.match(await page.locator('[data-testid=preview]').innerText(), /审核阶段：平台自评/);
    await startReview(page, '以区县初审身份审核', '渝北区人力社保局 王敏', '2026-04-10');
    assert.equal(await page.locator('[data-testid=preview]').count(), 0, 'saved as a draft of her own');
    const names = await page.locator('#draft-select option').allInnerTexts();
    assert.ok(names.some((n) => n.includes('渝北人力资源服务产业园 · 初审')), names.join());
    assert.match(await page.locator('[data-testid=review-status]').innerText(), /未签名/);

    // The platform's value is read-only beside hers.
    const row = page.locator('[data-testid="rv-field-1.1-firms"]');
    assert.match(await row.locator('.rv-platform').innerText(), /30 家/);
    assert.equal(await rvField(page, '1.1', 'firms').inputValue(), '30');

    // Bad input: a Chinese message at the field, the typed text kept, scored as blank.
    await rvField(page, '1.1', 'firms').fill('二十八');
    await page.waitForSelector('[data-testid="rv-field-1.1-firms"] .msg:not(:empty)');
    assert.match(await row.locator('.msg').innerText(), /[\u4e00-\u9fa5]/);
    assert.equal(await rvField(page, '1.1', 'firms').inputValue(), '二十八');

    // Two facts corrected, with reasons.
    await rvField(page, '1.1', 'firms').fill('28');
    assert.equal(await row.locator('.msg').innerText(), '');
    assert.match(await rvScore(page, '1.1'), /自评 6[\s\S]*初审 5\.6[\s\S]*核减 −0\.4/);
    const reason11 = page.locator('#rv-reason-1-1');
    assert.match(await page.locator('[data-testid="rv-1.1"] .rv-reason label').innerText(), /未说明/);
    await reason11.fill('2家企业入驻协议已到期');
    assert.doesNotMatch(await page.locator('[data-testid="rv-1.1"] .rv-reason label').innerText(), /未说明/);
    await rvField(page, '3.3', 'events').fill('3');
    assert.match(await rvScore(page, '3.3'), /核减 −0\.5/);
    await page.fill('#rv-reason-3-3', '1场活动无佐证材料');
    assert.equal(await stageTotal(page, 'self'), '17');
    assert.equal(await stageTotal(page, 'district'), '16.1');
    assert.equal(await page.locator('[data-testid=unexplained]').innerText(), '改动均已说明');

    // The rest confirmed at once; an unchanged indicator has no reason box.
    await page.getByTestId('confirm-all').click();
    assert.equal(await page.locator('#rv-ok-1-2').isChecked(), true);
    assert.equal(await page.locator('#rv-ok-4-2').isChecked(), true);
    assert.equal(await page.locator('#rv-ok-1-1').count(), 0);
    await page.fill('#rv-opinion', '经初审，核减入驻企业2家、行业活动1场，同意报送。');
    // 确认签署 without a key says so; 确认审核（未签名） records it unsigned.
    await page.getByTestId('sign').click();
    assert.match(await page.getByTestId('sign-error').innerText(), /本浏览器没有初审密钥/);
    await page.getByTestId('confirm-unsigned').click();
    await page.waitForSelector('[data-testid=review-status]:has-text("未签名")');

    // The 审核表: Ctrl+P on the review screen prints it.
    await page.emulateMedia({ media: 'print' });
    // The sheets are built on demand for print media (issue 10, item 6).
    await page.waitForSelector('.review-sheet .scores thead th', { state: 'attached' });
    assert.equal(await page.locator('.print-sheet[data-sheet=review]').isVisible(), true);
    assert.equal(await page.locator('.print-sheet[data-sheet=scores]').isVisible(), false);
    const headers = await page.locator('.review-sheet .scores thead th').allInnerTexts();
    assert.deepEqual(headers, ['一级指标', '二级指标', '分值上限', '自评得分', '初审得分', '核减说明']);
    const pdf = path.join(outDir, 'shenhebiao.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const s of ['审核表', '一级指标', '二级指标', '分值上限', '自评得分', '初审得分', '核减说明',
      '渝北人力资源服务产业园', '2家企业入驻协议已到期', '1场活动无佐证材料', '审核人：渝北区人力社保局 王敏',
      '日期：2026-04-10', '（盖章）', '经初审，核减入驻企业2家']) {
      assert.ok(text.includes(s), `审核表 has ${s}`);
    }
    assert.ok(!text.includes('评审得分'), 'no 评审 column without a city layer');
    assert.match(text, /1\.1 线下入驻[^\n]*\s10\s+6\s+5\.6\s+核减 0\.4 分；2家企业入驻协议已到期/);
    assert.match(text, /3\.3 产业园组织参加[^\n]*\s3\s+2\s+1\.5\s+核减 0\.5 分；1场活动无佐证材料/);
    assert.match(text, /总分\s+100\s+17\s+16\.1\s+较自评核减 0\.9 分/);
    assert.match(text, /促进产业发展情况 小计\s+39\s+11\s+10\.6/, '一级指标 1 subtotal per stage');

    link2 = await share(page);
    assert.deepEqual(errors, []);
  } finally { await b.close(); }

  // 3. The city, in a third fresh profile: the link says which stages it holds.
  const c = await browser();
  try {
    const { page, errors } = c;
    await open(page, link2);
    await page.waitForSelector('[data-testid=preview]');
    const stages = await page.locator('[data-testid=review-choice-preview] [data-testid=review-stages]').innerText();
    assert.match(stages, /平台自评；区县初审（渝北区人力社保局 王敏，2026-04-10，未签名）/);
    assert.equal(await total(page), '17', 'the preview shows the platform form, self scores');
    await startReview(page, '以市级评审身份审核', '市人力社保局 评审组', '2026-05-20');
    assert.equal(await stageTotal(page, 'self'), '17');
    assert.equal(await stageTotal(page, 'district'), '16.1');
    assert.equal(await stageTotal(page, 'city'), '16.1');
    const row = page.locator('[data-testid="rv-field-1.1-firms"]');
    assert.deepEqual(await row.locator('.rv-platform').allInnerTexts(), ['30 家', '28 家'], '平台填报, 区县初审');
    assert.deepEqual(await page.locator('[data-testid="rv-1.1"] .rv-headrow span').allInnerTexts(), ['项目', '平台填报', '区县初审', '评审认定']);
    assert.equal(await rvField(page, '1.1', 'firms').inputValue(), '28');
    await rvField(page, '4.2', 'score').fill('3');
    assert.match(await rvScore(page, '4.2'), /自评 4[\s\S]*初审 4[\s\S]*评审 3[\s\S]*核减 −1/);
    assert.equal(await stageTotal(page, 'city'), '15.1');
    assert.equal(await page.locator('[data-testid=unexplained]').innerText(), '未说明的改动 1 处');
    await page.getByTestId('confirm-unsigned').click();
    await page.waitForSelector('[data-testid=review-status]:has-text("未签名")');

    // A reload keeps the review (a saved draft like any other).
    await page.reload();
    await page.waitForSelector('[data-testid=review-head]');
    assert.equal(await rvField(page, '4.2', 'score').inputValue(), '3');
    assert.equal(await stageTotal(page, 'city'), '15.1');

    // The 审核表 now has the 评审 column.
    await page.emulateMedia({ media: 'print' });
    // The sheets are built on demand for print media (issue 10, item 6).
    await page.waitForSelector('.review-sheet .scores thead th', { state: 'attached' });
    const headers = await page.locator('.review-sheet .scores thead th').allInnerTexts();
    assert.deepEqual(headers, ['一级指标', '二级指标', '分值上限', '自评得分', '初审得分', '评审得分', '核减说明']);
    await page.emulateMedia({ media: 'screen' });

    // The same 审核表 as Excel, written by the exporter worker and read back by openpyxl.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.getByTestId('review-xlsx').click(),
    ]);
    assert.match(download.suggestedFilename(), /审核表\.xlsx$/);
    const xlsx = path.join(outDir, 'shenhebiao.xlsx');
    await download.saveAs(xlsx);
    const read = execFileSync('python3', ['-c', `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["审核表"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
print("|".join(next(r for r in rows if r[0] == "一级指标")))
print(next(r for r in rows if r[0] == "合计")[5])
`, xlsx]).toString().trim().split('\n');
    assert.deepEqual(read, ['一级指标|二级指标|分值上限|自评得分|初审得分|评审得分|核减说明', '15.1']);

    // Unsigned layers are shown, never called verified: nothing on screen says 已核验.
    await page.getByRole('button', { name: '退出审核，返回平台填报', exact: true }).click();
    await page.waitForSelector('[data-testid=total]');
    await field(page, '1.2', 'revenue_wan').fill('60000');
    assert.equal(await total(page), '18');
    await startReview(page, '以市级评审身份审核', '市人力社保局 评审组', '2026-05-20', '[data-testid=review-choice]');
    assert.match(await page.locator('[data-testid=review-status]').innerText(), /未签名/);
    assert.match(await page.locator('.rv-signers').innerText(), /区县初审：渝北区人力社保局 王敏（未签名）/);
    assert.doesNotMatch(await page.locator('body').innerText(), /已核验|核验码/);
    assert.deepEqual(errors, []);
  } finally { await c.close(); }
});
