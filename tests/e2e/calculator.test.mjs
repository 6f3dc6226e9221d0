// The web calculator as its users see it (issue 3): fill, reload, drafts, export/import,
// share links, print. Every expected score is worked by hand from 附表2–4.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, ready, total, score, field, outDir, root, open } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

test('fill a comprehensive park, see the scores, reload and find everything', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    assert.equal(await total(page), '0');
    assert.match(await page.locator('[data-testid=blank-count]').innerText(), /未填 17 项/);
    await page.fill('#platform-name', '两江新区人力资源服务产业园');
    // 1.1: (37 − 8) × 0.2 + 8 × 0.6 = 10.6 → cap 10
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.1', 'above_scale').fill('8');
    // 1.2: "12,345.6" 万元 → ⌊12345.6 ÷ 1000⌋ × 0.1 = 1.2
    await field(page, '1.2', 'revenue_wan').fill('12,345.6');
    // 1.3: full-width "１２３" → ⌊123 ÷ 5⌋ × 0.1 = 2.4
    await field(page, '1.3', 'tax_wan').fill('１２３');
    // 2.2: "1，000" people → ⌊1000 ÷ 100⌋ × 0.1 = 1
    await field(page, '2.2', 'people').fill('1，000');
    // 4.4: 基本执行到位 → 3
    await page.check('#f-4-4-tier-basic');
    // 5.4: 2 violations → −2
    await field(page, '5.4', 'violations').fill('2');
    assert.equal(await score(page, '1.1'), '10');
    assert.equal(await score(page, '1.2'), '1.2');
    assert.equal(await score(page, '1.3'), '2.4');
    assert.equal(await score(page, '2.2'), '1');
    assert.equal(await score(page, '4.4'), '3');
    assert.equal(await score(page, '5.4'), '-2');
    // 10 + 1.2 + 2.4 + 1 + 3 − 2 = 15.6
    assert.equal(await total(page), '15.6');
    assert.match(await page.locator('[data-testid=blank-count]').innerText(), /未填 11 项/);
    assert.match(await page.locator('[data-testid="working-1.1"]').innerText(), /\(37 − 8\) × 0\.2 \+ 8 × 0\.6 = 10\.6 → 上限 10/);
    assert.match(await page.locator('#ind-1\\.2 .next').innerText(), /再增加 654\.4 万元，可再得 0\.1 分/);
    assert.match(await page.locator('#ind-1\\.2 .hint').innerText(), /1\.2346 亿元/);
    await page.screenshot({ path: path.join(outDir, 'form.png'), fullPage: false });

    await page.reload();
    await ready(page);
    assert.equal(await total(page), '15.6');
    assert.equal(await field(page, '1.3', 'tax_wan').inputValue(), '１２３', 'what the user typed is kept');
    assert.equal(await field(page, '1.2', 'revenue_wan').inputValue(), '12,345.6');
    assert.equal(await page.inputValue('#platform-name'), '两江新区人力资源服务产业园');
    assert.ok(await page.isChecked('#f-4-4-tier-basic'));
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a negative number is flagged at the field; the typed text and everything else stay', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await field(page, '1.2', 'revenue_wan').fill('5000');  // 0.5
    await field(page, '3.3', 'events').fill('3');          // 1.5
    assert.equal(await total(page), '2');
    await field(page, '2.1', 'employers').fill('-5');
    const msg = page.locator('#f-2-1-employers-err');
    assert.match(await msg.innerText(), /不能为负数/);
    assert.match(await msg.innerText(), /2\.1/);
    assert.equal(await field(page, '2.1', 'employers').inputValue(), '-5');
    assert.equal(await field(page, '2.1', 'employers').getAttribute('aria-invalid'), 'true');
    assert.equal(await total(page), '2', 'the rest of the form is untouched');
    assert.equal(await score(page, '1.2'), '0.5');
    // Other fields keep working while the bad one is shown.
    await field(page, '3.3', 'events').fill('4');
    assert.equal(await total(page), '2.5');
    await page.reload();
    await ready(page);
    assert.equal(await field(page, '2.1', 'employers').inputValue(), '-5', 'kept across a reload');
    assert.match(await page.locator('#f-2-1-employers-err').innerText(), /不能为负数/);
    // Fixing it scores it: ⌊50 ÷ 10⌋ × 0.1 = 0.5.
    await field(page, '2.1', 'employers').fill('50');
    assert.equal(await page.locator('#f-2-1-employers-err').innerText(), '');
    assert.equal(await total(page), '3');
  } finally { await b.close(); }
});

test('create, rename, switch, duplicate, delete and restore drafts', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#draft-name', '渝北园 2025');
    await page.press('#draft-name', 'Enter');
    await field(page, '1.1', 'firms').fill('10');  // 2
    assert.equal(await total(page), '2');

    await page.selectOption('#new-type', 'talent-market');
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await ready(page);
    assert.equal(await page.inputValue('#rubric-type'), 'talent-market');
    await page.fill('#draft-name', '人才市场 2025');
    await page.press('#draft-name', 'Enter');
    // Market 1.3: 5 firms × 0.3 = 1.5
    await field(page, '1.3', 'firms').fill('5');
    assert.equal(await total(page), '1.5');

    const options = await page.locator('#draft-select option').allInnerTexts();
    assert.deepEqual(options, ['渝北园 2025（综合性产业园）', '人才市场 2025（人才市场）']);

    // Switch back: the first draft's numbers are there.
    await page.selectOption('#draft-select', { label: '渝北园 2025（综合性产业园）' });
    assert.equal(await total(page), '2');
    assert.equal(await field(page, '1.1', 'firms').inputValue(), '10');

    await page.getByRole('button', { name: '复制草稿', exact: true }).click();
    assert.equal(await page.inputValue('#draft-name'), '渝北园 2025 副本');
    assert.equal(await total(page), '2');
    await field(page, '1.1', 'firms').fill('20'); // the copy changes, the original does not
    assert.equal(await total(page), '4');

    await page.getByRole('button', { name: '删除草稿', exact: true }).click();
    assert.equal((await page.locator('#draft-select option').allInnerTexts()).length, 2);
    await page.click('summary:has-text("最近删除")');
    await page.click('.trash button:has-text("恢复")');
    assert.equal(await page.inputValue('#draft-name'), '渝北园 2025 副本');
    assert.equal(await total(page), '4', 'a restored draft keeps its data');

    await page.reload();
    await ready(page);
    assert.equal((await page.locator('#draft-select option').allInnerTexts()).length, 3);
    await page.selectOption('#draft-select', { label: '渝北园 2025（综合性产业园）' });
    assert.equal(await total(page), '2');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('changing the platform type asks first; cancelled, nothing changes; confirmed, the inputs go and the details stay', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#platform-name', '江北区人才市场');
    await field(page, '1.1', 'firms').fill('10'); // 2
    page.once('dialog', (d) => d.dismiss());
    await page.selectOption('#rubric-type', 'talent-market');
    assert.equal(await page.inputValue('#rubric-type'), 'comprehensive-park', 'the select goes back');
    assert.equal(await total(page), '2');
    page.once('dialog', (d) => d.accept());
    await page.selectOption('#rubric-type', 'talent-market');
    await page.waitForSelector('#f-1-1-functions-recruitment');
    assert.equal(await total(page), '0');
    assert.equal(await page.inputValue('#platform-name'), '江北区人才市场');
    await page.check('#f-1-1-functions-recruitment'); // 0.5
    assert.equal(await total(page), '0.5');
  } finally { await b.close(); }
});

test('export a draft as a file and import it as a new draft', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#platform-name', '九龙坡人才市场');
    await page.fill('#platform-year', '2025');
    await field(page, '1.2', 'revenue_wan').fill('2500'); // 0.2
    await field(page, '1.3', 'tax_wan').fill('50');       // 1
    assert.equal(await total(page), '1.2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出文件', exact: true }).click()]);
    const file = path.join(outDir, 'exported.json');
    await download.saveAs(file);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(json.rubric, 'comprehensive-park');
    assert.equal(json.inputs['1.2'].revenue_wan, '2500');

    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    const options = await page.locator('#draft-select option').allInnerTexts();
    assert.equal(options.length, 2, 'import adds, never overwrites');
    assert.equal(await total(page), '1.2');

    // The hand-worked full fixture of 附表2 imports and scores 78.
    const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8'));
    const full = path.join(outDir, 'full-comprehensive-park.json');
    fs.writeFileSync(full, JSON.stringify(fixture.draft));
    await page.setInputFiles('#import-file', full);
    await page.waitForFunction(() => document.querySelectorAll('#draft-select option').length === 3);
    assert.equal(await total(page), fixture.expected.total);
    for (const [id, expected] of Object.entries(fixture.expected.indicators)) {
      assert.equal(await score(page, id), expected, `indicator ${id}`);
    }

    // A file that is not a draft is refused with a message; nothing changes.
    const bad = path.join(outDir, 'bad.json');
    fs.writeFileSync(bad, '{"rubric": "comprehensive-park", "inputs": {"1.1": {"firms": -3}');
    await page.setInputFiles('#import-file', bad);
    await page.waitForSelector('.notice.error:has-text("无法导入")');
    assert.equal((await page.locator('#draft-select option').allInnerTexts()).length, 3);
  } finally { await b.close(); }
});

test('share by link: another browser opens the same scores; a tampered link is refused', async () => {
  const a = await browser();
  let link;
  try {
    const { page } = a;
    await open(page, site.base);
    await page.selectOption('#new-type', 'specialized-park');
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await page.fill('#platform-name', '西部数字经济产业园');
    await field(page, '2.1', 'firms').fill('10');   // 5
    await field(page, '2.2', 'firms').fill('60');   // 6 → counts (higher)
    await field(page, '1.4', 'revenue_wan').fill('25000'); // 0.2
    assert.equal(await total(page), '6.2');
    await page.getByRole('button', { name: '复制分享链接', exact: true }).click();
    link = await page.inputValue('#share-link');
    assert.match(link, /#d1\.[A-Za-z0-9_-]+$/);
  } finally { await a.close(); }

  const b = await browser();
  try {
    const { page } = b;
    await open(page, link);
    await page.waitForSelector('[data-testid=preview]');
    assert.equal(await total(page), '6.2');
    assert.equal(await score(page, '2.1'), '0');
    assert.equal(await score(page, '2.2'), '6');
    assert.equal(await page.inputValue('#platform-name'), '西部数字经济产业园');
    await page.getByRole('button', { name: '保存为我的草稿', exact: true }).click();
    await page.waitForSelector('[data-testid=preview]', { state: 'detached' });
    await open(page, site.base);
    assert.equal(await total(page), '6.2', 'saved as a draft of my own');
    const names = await page.locator('#draft-select option').allInnerTexts();
    assert.ok(names.some((n) => n.startsWith('西部数字经济产业园')), names.join());

    // Tampered: change one character in the middle of the body.
    const i = link.length - 10;
    const swap = link[i] === 'A' ? 'B' : 'A';
    const tampered = link.slice(0, i) + swap + link.slice(i + 1);
    const before = await page.evaluate(() => JSON.stringify(localStorage));
    await open(page, tampered);
    await page.waitForSelector('.notice.error');
    assert.match(await page.locator('.notice.error').first().innerText(), /链接/);
    assert.equal(await page.locator('[data-testid=preview]').count(), 0);
    assert.equal(await total(page), '6.2', 'my draft is still on screen');
    // Truncated.
    await open(page, link.slice(0, link.length - 20));
    await page.waitForSelector('.notice.error');
    const afterwards = await page.evaluate(() => JSON.stringify(localStorage));
    assert.equal(afterwards, before, 'refused links change nothing stored');
    // Leaving a preview by opening one of my drafts drops the link: a reload stays there.
    await page.goto(link);
    await page.waitForSelector('[data-testid=preview]');
    const mine = await page.locator('#draft-select option').first().getAttribute('value');
    await page.selectOption('#draft-select', mine);
    await page.waitForSelector('[data-testid=preview]', { state: 'detached' });
    assert.ok(!page.url().includes('#'), page.url());
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('[data-testid=preview]').count(), 0);
  } finally { await b.close(); }
});

test('print: the 得分表 is there in print media, the app chrome is not', async () => {
  const b = await browser();
  try {
    const { page } = b;
    const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8'));
    await open(page, site.base);
    const full = path.join(outDir, 'print-fixture.json');
    fs.writeFileSync(full, JSON.stringify(fixture.draft));
    await page.setInputFiles('#import-file', full);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    assert.equal(await page.locator('.print-sheet[data-sheet=scores]').isVisible(), false, 'hidden on screen');
    await page.emulateMedia({ media: 'print' });
    // The sheets are built for print media (issue 10, item 6): wait for it.
    await page.waitForSelector('.print-sheet[data-sheet=scores]', { state: 'visible' });
    assert.equal(await page.locator('.print-sheet[data-sheet=scores]').isVisible(), true);
    assert.equal(await page.locator('.app').isVisible(), false);
    assert.equal(await page.locator('button:visible').count(), 0, 'no buttons in print');
    const heading = await page.locator('.print-sheet[data-sheet=scores] h1').innerText();
    assert.equal(heading, '重庆市市级人力资源服务发展平台年度评估得分表');
    const headers = await page.locator('.print-sheet[data-sheet=scores] .scores thead th').allInnerTexts();
    assert.deepEqual(headers, ['一级指标', '二级指标', '分值上限', '得分', '计算过程', '备注']);
    assert.equal(await page.locator('.print-sheet[data-sheet=scores] .scores tbody tr:not(.subtotal)').count(), 17);
    assert.match(await page.locator('.print-sheet[data-sheet=scores] tfoot').innerText(), /78/);
    const text = await page.locator('.print-sheet[data-sheet=scores]').innerText();
    for (const s of ['自评单位（盖章）', '负责人', '日期', '区县人力社保部门初审意见', fixture.draft.platform.name]) {
      assert.ok(text.includes(s), `print contains ${s}`);
    }
    const headerGroup = await page.locator('.print-sheet[data-sheet=scores] .scores thead').evaluate((el) => getComputedStyle(el).display);
    assert.equal(headerGroup, 'table-header-group', 'headers repeat on every page');
    const rowBreak = await page.locator('.print-sheet[data-sheet=scores] .scores tbody tr').first()
      .evaluate((el) => getComputedStyle(el).breakInside);
    assert.equal(rowBreak, 'avoid', 'rows do not split');
    await page.screenshot({ path: path.join(outDir, 'print.png'), fullPage: true });
    await page.pdf({ path: path.join(outDir, 'defenbiao.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally { await b.close(); }
});

test('phone width: the form and the summary fit without sideways scrolling', async () => {
  const b = await browser({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = b;
    await open(page, site.base);
    await field(page, '1.1', 'firms').fill('5');
    assert.equal(await total(page), '1');
    // The total stays in view at the bottom while the summary scrolls away.
    await field(page, '3.3', 'events').fill('3'); // 1.5
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const bar = page.locator('.mini-total');
    assert.ok(await bar.isVisible());
    // 1.1 without 其中规模以上企业 is still 未填 (issue 23): 17 − 3.3 = 16.
    assert.match(await bar.innerText(), /总分 2\.5 \/ 100 · 未填 16 项/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: path.join(outDir, 'phone.png') });
  } finally { await b.close(); }
});
