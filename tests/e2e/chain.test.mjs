// Issue 23 (what five people tripped over), done as each of them would: the city opening a
// district's 初审 link, the operator moving her draft to a newly imported edition, the
// operator on a phone, and a new Art. 17 row. Scores worked by hand from 附表2 (综合性产业园,
// 市级):
//   1.1 firms 30 × 0.2 = 6           → 初审 28 × 0.2 = 5.6 (核减 0.4)
//   1.2 "68，500" 万元 ⌊68500 ÷ 1000⌋ × 0.1 = 6.8 (read as 68,500 万元)
//   自评 12.8, 初审 12.4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  serve, browser, total, field, open, onPage, root, shareFragment, goToPage,
} from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const REVIEWED = {
  format: 2, rubric: 'comprehensive-park', edition: '2025', level: 'city',
  platform: { name: '黔江区人力资源服务产业园', district: '黔江区', year: '2025' },
  inputs: { '1.1': { firms: 30 }, '1.2': { revenue_wan: '68，500' } },
  reviews: [{
    stage: 'district', reviewer: '黔江区人力社保局 李华', date: '2026-04-10',
    inputs: { '1.1': { firms: 28 } },
    reasons: { '1.1': '2家企业入驻协议已到期' },
    opinion: '经初审，核减入驻企业2家，同意报送。',
  }],
};

test('the city opens a 初审 link: the 初审 totals first, and during 评审 the district’s reasons and opinion', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, `${site.base}#${shareFragment(REVIEWED)}`);
    await page.waitForSelector('[data-testid=preview]');
    // The draft opens on its latest stage: the 初审 total leads, each stage beside it.
    assert.equal(await page.locator('[data-testid=latest-total]').innerText(), '12.4');
    const stages = await page.locator('[data-testid=stage-totals]').innerText();
    assert.match(stages, /区县初审总分 12\.4（未签名）/);
    assert.match(stages, /平台自评 12\.8 · 区县初审 12\.4（未签名）/);
    // An unsigned 初审 is shown, but is not what a ranking takes (Art. 31: a reviewed stage
    // counts when validly signed).
    assert.equal(await page.locator('[data-testid=usable-stage]').innerText(), '等次排名采用：平台自评');
    assert.equal(await total(page), '12.8', 'the form below stays the platform’s own');

    // 评审: the reviewer's date is a date input, typed whole (no appending to a default).
    await page.locator('[data-testid=review-choice-preview]').getByRole('button', { name: '以市级评审身份审核', exact: true }).click();
    await page.fill('#review-who', '市人力社保局 评审组');
    assert.equal(await page.locator('#review-date').getAttribute('type'), 'date');
    await page.fill('#review-date', '2026-05-20');
    await page.locator('[data-testid=review-choice-preview] .review-start button.primary').click();
    await page.waitForSelector('[data-testid=review-head]');

    // The district's opinion at the top, its reason beside 1.1.
    const opinion = await page.locator('[data-testid=rv-lower-opinion]').innerText();
    assert.match(opinion, /区县初审意见：经初审，核减入驻企业2家，同意报送。/);
    assert.match(opinion, /审核人：黔江区人力社保局 李华　日期：2026-04-10/);
    assert.match(await page.locator('[data-testid="rv-lower-reason-1.1"]').innerText(), /区县初审说明：2家企业入驻协议已到期/);
    assert.equal(await page.locator('[data-testid="rv-lower-reason-1.2"]').count(), 0, 'no reason where none was given');
    // README: the reviewer's screen with the district's opinion and reasons.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(root, 'docs/screenshots/review-city.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // 平台填报 as read, not as typed.
    const row = page.locator('[data-testid="rv-field-1.2-revenue_wan"]');
    assert.deepEqual(await row.locator('.rv-platform').allInnerTexts(), ['68,500 万元', '68,500 万元']);

    // 审核日期 on the review screen: a date input; a typed date replaces the old one.
    const date = page.locator('#rv-date');
    assert.equal(await date.getAttribute('type'), 'date');
    assert.equal(await date.inputValue(), '2026-05-20');
    await date.fill('2026-02-10');
    assert.equal(await date.inputValue(), '2026-02-10');
    assert.equal(await page.locator('#rv-date-err').innerText(), '');
    assert.equal(await page.locator('[data-testid=stage-total-self]').innerText(), '12.8');
    assert.equal(await page.locator('[data-testid=stage-total-district]').innerText(), '12.4');
    assert.equal(await page.locator('[data-testid=stage-total-city]').innerText(), '12.4');

    // The printed 审核表 numbers its pages (第 x 页 共 y 页), as the 得分表 does.
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.review-sheet .scores thead th', { state: 'attached' });
    const pdf = path.join(root, 'tests/e2e/out/shenhebiao-23.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    pages.forEach((p, i) => assert.match(p, new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`), `审核表 page ${i + 1}`));
    assert.match(pages.at(-1), /区县初审意见：\s*经初审/);
    assert.deepEqual(errors, []);
  } finally { await b.close(); }
});

// 附表2 2026: 1.1 每家 0.2 → 0.3 分, 上限 +2; 1.2 上限 12 → 10 (a cap cut this draft's 5 does
// not reach; the caps still add up to 100). The draft: 1.1 10 家 → 2, then 3; 1.2 "5亿" → 5.
function edition2026() {
  const r = JSON.parse(fs.readFileSync(path.join(root, 'rubrics/2025/comprehensive-park.json'), 'utf8'));
  r.edition = '2026';
  const ind = (id) => r.indicators.find((i) => i.id === id);
  ind('1.1').terms[0].points = '0.3';
  ind('1.2').cap = '10';
  ind('1.1').cap = String(Number(ind('1.1').cap) + 2);
  return r;
}

test('an edition imported: the notice offers moving the open draft at once; the dialog lists every rule change and the year', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, site.base);
    await page.fill('#platform-name', '黔江区人力资源服务产业园');
    await page.fill('#platform-year', '2025');
    await field(page, '1.1', 'firms').fill('10');
    await field(page, '1.2', 'revenue_wan').fill('5亿');
    // "5亿" in a 万元 field is read: 50,000 万元 → ⌊50⌋ × 0.1 = 5; 1.1: 10 × 0.2 = 2.
    assert.equal(await total(page), '7');
    assert.equal(await page.locator('[data-testid=move-edition]').count(), 0, 'no other edition yet');

    await goToPage(page, '评分标准');
    await page.locator('#edition-import').setInputFiles({
      name: '2026.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([edition2026()])),
    });
    const offer = page.locator('[data-testid=notice-move]');
    await offer.waitFor();
    assert.equal(await offer.innerText(), '改用2026版评分标准…');
    // No reload: the draft bar has the action too.
    assert.equal(await page.locator('[data-testid=move-edition]').count(), 1);
    await offer.click();
    const dialog = page.locator('[data-testid=move-dialog]');
    await dialog.waitFor();
    assert.match(await page.locator('#move-to option:checked').innerText(), /^2026版/);
    // 1.2's cap cut leaves its 5 as it is, and is listed all the same.
    const r12 = dialog.locator('tr[data-indicator="1.2"]');
    assert.deepEqual((await r12.locator('td').allInnerTexts()).slice(1, 4), ['5', '5', '']);
    assert.match(await r12.locator('td.rules').innerText(), /上限 12 → 10/);
    const r11 = dialog.locator('tr[data-indicator="1.1"]');
    assert.match(await r11.locator('td.rules').innerText(), /0\.2 分 → 0\.3 分/);
    assert.equal(await dialog.locator('[data-testid=move-total-before]').innerText(), '7');
    assert.equal(await dialog.locator('[data-testid=move-total-after]').innerText(), '8');
    assert.match(await dialog.locator('[data-testid=move-rule-count]').innerText(), /共有 3 处不同/);
    assert.match(await dialog.locator('[data-testid=move-year]').innerText(), /评估年度为 2025 年，评分标准为 2026 版/);
    await page.screenshot({ path: path.join(root, 'docs/screenshots/move-dialog.png'), fullPage: false });
    await dialog.getByRole('button', { name: '按新版本另存为副本', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await onPage(page, '评分标准');
    await page.getByRole('button', { name: '绩效评分', exact: true }).click();
    await page.waitForSelector('[data-testid=total]');
    assert.equal(await total(page), '8');
    assert.match(await page.locator('[data-testid=edition-year]').innerText(), /2025 年，评分标准为 2026 版/);
    assert.deepEqual(errors, []);
  } finally { await b.close(); }
});

test('phone: the review buttons are in the draft menu, the tabs fade where they scroll, 分平台 sits with its label, the edition shows', async () => {
  const b = await browser({ viewport: { width: 390, height: 844 } });
  try {
    const { page, errors } = b;
    await open(page, site.base);
    // Not on the form: only the 审核阶段 line.
    const onForm = page.locator('[data-testid=review-choice] .actions button');
    assert.equal(await onForm.first().isVisible(), false);
    await page.getByRole('button', { name: /草稿操作/ }).click();
    const inMenu = page.locator('#draft-actions .phone-review');
    assert.deepEqual(await inMenu.allInnerTexts(), ['以区县初审身份审核', '以市级评审身份审核']);
    await inMenu.first().click();
    await page.waitForSelector('#review-who');
    assert.equal(await page.locator('#review-date').getAttribute('type'), 'date');
    await page.getByRole('button', { name: '取消', exact: true }).click();

    // The tabs: a fade at the right edge says the row scrolls.
    const mask = await page.locator('nav.tabs').evaluate((n) => getComputedStyle(n).maskImage || getComputedStyle(n).webkitMaskImage);
    assert.match(mask, /linear-gradient/);
    assert.ok(await page.locator('nav.tabs').evaluate((n) => n.scrollWidth > n.clientWidth), 'the tabs do scroll');

    // The glance line names the edition; the 分平台 box sits by its words.
    assert.match(await page.locator('[data-testid=platform-more]').innerText(), /2025版/);
    await page.locator('[data-testid=platform-more]').click();
    const box = await page.locator('#platform-branch').boundingBox();
    const label = await page.locator('label[for=platform-branch]').boundingBox();
    assert.ok(box.x - label.x < 12, `the checkbox starts its label (box ${box.x}, label ${label.x})`);
    await page.screenshot({ path: path.join(root, 'tests/e2e/out/phone-form-23.png') });
    assert.deepEqual(errors, []);
  } finally { await b.close(); }
});

test('a new Art. 17 row says nothing until something is typed', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, site.base);
    await page.fill('#platform-district', '黔江区');
    await goToPage(page, '认定条件与申请表');
    await page.getByTestId('relief-add').click();
    await page.waitForSelector('[data-testid=grant-0]');
    assert.equal(await page.getByTestId('grant-0-error').innerText(), '');
    await page.getByTestId('grant-0-document').fill('渝人社〔2026〕12号');
    await page.waitForSelector('[data-testid=grant-0-error]:not(:empty)');
    assert.match(await page.getByTestId('grant-0-error').innerText(), /请选择批准所针对的认定条件/);
    assert.doesNotMatch(await page.getByTestId('grant-0-error').innerText(), /“”/);
    assert.deepEqual(errors, []);
  } finally { await b.close(); }
});
