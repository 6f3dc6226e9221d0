// Issue 14, the certification side in the browser: the conditions added to Arts. 10–12,
// Art. 17 relief recorded as a grant (granted / not granted / expired) and the check
// following it, Art. 15 筹建, the Art. 14 materials and 公示, a reload keeping all of it,
// and 附表1 printed with the materials checklist (PDF text read back with pdftotext).
// The browser's clock is fixed at 2026-11-26 (Beijing time), so every deadline is worked
// by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, browser, open, goToPage, onPage, outDir, root } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const status = (page, id) => page.locator(`[data-testid="status-${id}"]`).innerText();
const TODAY = new Date('2026-11-26T10:00:00+08:00');
const confirmations = [
  'concentrated_area', 'local_support', 'construction_plan', 'infrastructure', 'operating_bodies', 'hr_firms_main',
  'stable_operation',
];

async function certify(page) {
  await page.clock.setFixedTime(TODAY);
  await open(page, site.base);
  await goToPage(page, '认定条件与申请表');
  await page.waitForSelector('[data-testid=cert-overall]');
}

test('Art. 17: a grant recorded on the page is what the check follows; reload keeps it', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await certify(page);
    // The added conditions are asked, in the measures' words.
    assert.match(await page.locator('label[for=cert-concentrated_area]').innerText(), /一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域/);
    assert.equal(await page.locator('label[for=cert-hr_firms_main]').innerText(), '平台入驻主体以人力资源服务企业为主');
    assert.equal(await page.locator('label[for=cert-stable_operation]').innerText(), '平台入驻人力资源服务企业生产经营平稳');
    for (const k of confirmations) {
      assert.equal(await status(page, k), '○ 未确认', k);
      await page.check(`#cert-${k}`);
      assert.equal(await status(page, k), '✓ 已满足', k);
    }
    const values = {
      area_sqm: '10000', sites: '1', management_staff: '2', operator_staff: '3', hr_firms: '18', above_scale_firms: '5',
      revenue_wan: '100000',
    };
    for (const [k, v] of Object.entries(values)) await page.fill(`#cert-${k}`, v);
    await page.selectOption('#cert-district', '万州区');
    const overall = page.locator('[data-testid=cert-overall]');

    // Not granted: a miss that may apply for relief (待核实), not an exemption.
    assert.equal(await status(page, 'hr_firms'), '△ 未达标，未记录第十七条批准');
    assert.match(await overall.getAttribute('class'), /overall-missed_without_grant/);

    // Granted: 18 家 under 渝人社〔2026〕12号.
    await page.getByTestId('relief-add').click();
    await page.selectOption('[data-testid=grant-0-condition]', 'hr_firms');
    assert.equal(await page.locator('[data-testid=grant-0] .unit').innerText(), '家');
    await page.fill('[data-testid=grant-0-threshold]', '18');
    await page.fill('[data-testid=grant-0-document]', '渝人社〔2026〕12号');
    assert.equal(await status(page, 'hr_firms'), '✓ 按批准的降低标准已满足');
    assert.equal(await page.getByTestId('grant-0-outcome').innerText(), '按批准的降低标准已满足：第十七条批准（渝人社〔2026〕12号）：降低标准为 ≥ 18 家');
    assert.match(await overall.innerText(), /按第十七条批准符合认定条件/);
    assert.match(await overall.getAttribute('class'), /overall-eligible_under_grant/);

    // Granted 19: 18 misses it.
    await page.fill('[data-testid=grant-0-threshold]', '19');
    assert.equal(await status(page, 'hr_firms'), '✗ 未达标');
    assert.match(await page.locator('[data-testid=shortfall-hr_firms]').innerText(), /低于批准的标准 ≥ 19 家，还差 1 家人力资源服务企业/);
    assert.match(await overall.innerText(), /不符合认定条件/);

    // A 达成时限 instead: before today it has expired; after, it runs.
    await page.fill('[data-testid=grant-0-threshold]', '');
    await page.fill('[data-testid=grant-0-deadline]', '2026-11-25');
    assert.equal(await status(page, 'hr_firms'), '✗ 未达标');
    assert.match(await page.locator('[data-testid=shortfall-hr_firms]').innerText(), /达成时限 2026-11-25 已过，还差 2 家人力资源服务企业/);
    await page.fill('[data-testid=grant-0-deadline]', '2027-06-30');
    assert.equal(await status(page, 'hr_firms'), '◔ 在批准的达成时限内');
    assert.match(await page.getByTestId('grant-0-outcome').innerText(), /达成时限 2027-06-30（还有 216 天）/);
    assert.match(await overall.getAttribute('class'), /overall-eligible_under_grant/);

    // A grant without threshold or deadline is flagged at the row.
    await page.getByTestId('relief-add').click();
    await page.selectOption('[data-testid=grant-1-condition]', 'area_sqm');
    assert.match(await page.getByTestId('grant-1-error').innerText(), /第十七条批准（第 2 条，平台建筑面积不少于10000平方米）：须写明降低后的标准或达成时限/);
    await page.getByRole('button', { name: '删除第 2 项批准记录' }).click();
    assert.equal(await page.locator('[data-testid=grant-1]').count(), 0);

    // 筹建 approved 2026-03-01: the year runs to 2027-03-01 (95 days from 2026-11-26).
    await page.selectOption('[data-testid=est-status]', 'preparing');
    await page.fill('[data-testid=est-approved]', '2026-03-01');
    assert.match(await page.getByTestId('est-summary').innerText(), /筹建期至 2027年3月1日（还有 95 天）.*认定条件均已满足，可申请验收/);

    // Kept in the draft: a reload finds the grant and the check follows it again.
    await page.reload();
    await onPage(page, '认定条件与申请表');
    await page.waitForSelector('[data-testid=grant-0]');
    assert.equal(await page.inputValue('[data-testid=grant-0-condition]'), 'hr_firms');
    assert.equal(await page.inputValue('[data-testid=grant-0-deadline]'), '2027-06-30');
    assert.equal(await page.inputValue('[data-testid=grant-0-document]'), '渝人社〔2026〕12号');
    assert.equal(await status(page, 'hr_firms'), '◔ 在批准的达成时限内');
    assert.equal(await page.inputValue('[data-testid=est-approved]'), '2026-03-01');

    fs.mkdirSync(outDir, { recursive: true });
    await page.locator('section.certify').screenshot({ path: path.join(outDir, 'certify-section.png') });
    await page.evaluate(() => document.querySelector('[data-testid=cond-hr_firms]')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(outDir, 'certify-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-testid=relief-grants]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, 'certify-phone.png') });
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('Art. 14: materials and 公示 on fixed dates; 附表1 printed with the checklist, as the form reads', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await certify(page);
    await page.fill('#app-applicant', '重庆市万州区人民政府');
    await page.check('[data-testid=material-application_form-ready]');
    await page.fill('[data-testid=material-application_form-pages]', '3');
    await page.check('[data-testid=material-resident_firms-ready]');
    await page.fill('[data-testid=material-resident_firms-pages]', '45');
    await page.fill('[data-testid=material-other_proof-pages]', '两页');
    assert.match(await page.locator('[data-testid=material-other_proof]').innerText(), /页数：.*整数|页数：/);
    await page.fill('[data-testid=material-other_proof-pages]', '2');
    assert.equal(await page.getByTestId('materials-totals').innerText(), '已备齐 2 / 5 项，共 50 页');
    // Wed 1 April – Tue 7 April 2026: 7 calendar days, 5 working days.
    await page.fill('[data-testid=publicity-start]', '2026-04-01');
    await page.fill('[data-testid=publicity-end]', '2026-04-07');
    assert.match(await page.getByTestId('publicity-result').innerText(), /共 7 天（自然日），其中工作日 5 天.*满足“公示不少于5天”/);
    // Fri 3 April – Wed 8 April: 6 calendar days (met as written), 4 working days (the
    // stricter reading named; issue 20.9).
    await page.fill('[data-testid=publicity-start]', '2026-04-03');
    await page.fill('[data-testid=publicity-end]', '2026-04-08');
    assert.match(await page.getByTestId('publicity-result').innerText(), /工作日 4 天.*按自然日满足.*按工作日计不足 5 天（更严的解读/);
    assert.match(await page.locator('section.materials').innerText(), /按条文所写的自然日计.*本工具不掌握法定节假日和调休/);
    // The screen legend says what the form says.
    assert.match(await page.locator('section.application').innerText(), /平台可为入驻企业提供的服务（选择打√）/);
    assert.doesNotMatch(await page.locator('section.application').innerText(), /可多选/);

    await page.reload();
    await onPage(page, '认定条件与申请表');
    await page.waitForSelector('[data-testid=materials-totals]');
    assert.equal(await page.getByTestId('materials-totals').innerText(), '已备齐 2 / 5 项，共 50 页');
    assert.equal(await page.inputValue('[data-testid=publicity-end]'), '2026-04-08');

    // Print 附表1: the form, then the checklist on its own page.
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.getByRole('button', { name: '打印附表1', exact: true }).click();
    await page.waitForFunction(() => window.__printed);
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator('.print-sheet[data-sheet=application]');
    assert.equal(await sheet.locator('[data-testid=materials-sheet]').isVisible(), true);
    fs.mkdirSync(outDir, { recursive: true });
    const pdf = path.join(outDir, 'application.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.screenshot({ path: path.join(outDir, 'application-print.png'), fullPage: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    assert.equal(pages.length, 2, `附表1 and the checklist: ${pages.length} pages`);
    const flat = (s) => s.replace(/\s+/g, '');
    const form = flat(pages[0]);
    for (const s of ['附表1', '重庆市市级人力资源服务发展平台认定申请表', '申报单位（盖章）：重庆市万州区人民政府', '填报日期：',
      '平台名称', '平台地址', '平台性质', '载体性质', '负责人（联系人）', '联系电话', '线下', '场所面积', '㎡', '场所个数',
      '建设方式', '投入资金', '运营方式', '运营团队人数', '企业提供的服务', '（选择打√）',
      '区县（自治县）人力社保部门意见：', '区县（自治县）人民政府意见：（盖章）']) {
      assert.ok(form.includes(s), `page 1 shows ${s}`);
    }
    // As the measures' 附表1: no 万元 printed for a blank 投入资金, and （盖章） only twice
    // (申报单位, 人民政府), never under the 人力社保部门's opinion.
    assert.ok(!form.includes('万元'), 'no 万元 on the blank form');
    assert.equal(form.split('（盖章）').length - 1, 2);
    assert.ok(!form.includes('人力社保部门意见：（盖章）'));
    const list = flat(pages[1]);
    for (const s of ['申报材料清单', '第十四条（一）', '1', '《重庆市市级人力资源服务发展平台认定申请表》。',
      '当地出台推动人力资源服务业发展的战略规划和政策措施。', '平台土地使用批件或产权证明（租赁合同）、运营管理、组织构建等材料。',
      '平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况。', '按照认定条件需要提供的其他证明材料。',
      '合计：已备齐2/5项', '50', '工作日4天']) {
      assert.ok(list.includes(s), `page 2 shows ${s}`);
    }
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
