// Issue 21 items 5 and 7 in the browser, in fresh profiles.
// The 公布 (Art. 30 (四)): the city, holding a 公布 key the (demo) root lists in its
// 审核人名录, signs the year's result from its ranking; the page prints it as the website
// notice (A4, 第 x 页 共 y 页, issuer, fingerprint, signature code, the state as on screen)
// and copies it as a link. A fresh profile holding the directory opens the link, offline
// too, and reads it as the bureau's; a link whose grade was raised and packed again with a
// correct checksum reads 签名无效（内容已改动）.
// Editions with an issuer (Art. 29): an imported edition reads 发布单位未验证 until its
// 签发单 is imported beside it; then 发布单位：… （签名有效…） on the 评分标准 page, after a
// reload, and in the move dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, browser, outDir, root, open, goToPage, onPage, shareFragment, prefetched } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const PASS = '市局公布口令2026';
// The README's images are copied from here by scripts/screenshots-signing.mjs.
const screenshots = outDir;

/** A platform's draft (the full 附表2 fixture, renamed). */
function draft(name, district, scale) {
  const d = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/full-comprehensive-park.json'), 'utf8')).draft;
  d.platform = { name, district, year: '2025' };
  d.inputs['1.1'].firms = Math.round(37 * scale);
  d.inputs['2.1'].employers = Math.round(689 * scale);
  return d;
}

/** A 公布 payload as the app packs it: p1. + base64url(CRC-32 ‖ DEFLATE(json)). */
function pack(json) {
  const bytes = Buffer.from(json, 'utf8');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(bytes) >>> 0);
  return 'p1.' + Buffer.concat([crc, zlib.deflateRawSync(bytes)]).toString('base64url');
}
const unpack = (payload) => zlib.inflateRawSync(Buffer.from(payload.slice(3), 'base64url').subarray(4)).toString('utf8');

/** Waits until a service worker controls the page (its install has cached the build). */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

test('公布: signed from the ranking, printed as the notice, copied as a link; the link verifies offline elsewhere, a forged one does not', async () => {
  const city = await browser();
  let dirFile;
  let link;
  try {
    const { page, errors } = city;
    await open(page, site.base);
    // The city's 公布 key, listed by the (demo) root in the directory it signs.
    await goToPage(page, '签名与名录');
    await page.fill('[data-testid=key-person]', '市人力社保局 发布人');
    await page.selectOption('[data-testid=key-role]', 'publish');
    await page.fill('[data-testid=key-pass]', PASS);
    await page.fill('[data-testid=key-pass2]', PASS);
    await page.getByTestId('key-create').click();
    await page.waitForSelector('[data-testid=held-key]', { timeout: 30000 });
    await page.locator('.sign-keys').screenshot({ path: path.join(screenshots, 'signing-key.png') });
    const [cardDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('held-key').getByRole('button', { name: '导出公钥', exact: true }).click(),
    ]);
    const card = path.join(outDir, 'pub-card-publish.json');
    await cardDl.saveAs(card);
    await page.locator('.sign-dir .sign-build summary').click();
    await page.fill('[data-testid=build-version]', '5');
    await page.fill('[data-testid=build-from]', '2026-01-01');
    await page.fill('[data-testid=build-to]', '2026-12-31');
    await page.setInputFiles('[data-testid=build-add]', [card]);
    await page.waitForSelector('[data-testid=build-entries] li');
    const [dirDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('build-sign-demo').click()]);
    dirFile = path.join(outDir, 'pub-directory.json');
    await dirDl.saveAs(dirFile);

    // The ranking: four platforms of 2025, added by their links.
    await goToPage(page, '等次排名');
    const links = [
      draft('重庆临空人力资源服务产业园', '渝北区', 1),
      draft('重庆万州人力资源服务产业园', '万州区', 0.8),
      draft('重庆黔江人力资源服务产业园', '黔江区', 0.6),
      draft('重庆江北人力资源服务产业园', '江北区', 0.5),
    ].map((d) => `${site.base}#${shareFragment(d)}`);
    await page.fill('#cohort-links', links.join('\n'));
    await page.getByRole('button', { name: '加入链接', exact: true }).click();
    await page.waitForSelector('[data-testid=cohort-row]:nth-child(4)');

    // 签发并导出公布: a wrong passphrase is said; the right one signs and shows it valid.
    await goToPage(page, '签名与名录');
    await page.locator('.sign-pub summary').click();
    await page.fill('[data-testid=pub-year]', '2025');
    await page.fill('[data-testid=pub-date]', '2026-06-30');
    await page.fill('[data-testid=pub-pass]', '不是这个口令');
    await page.getByTestId('pub-sign').click();
    await page.waitForSelector('[data-testid=pub-error]:has-text("口令不正确")', { timeout: 30000 });
    await page.fill('[data-testid=pub-pass]', PASS);
    await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.getByTestId('pub-sign').click()]);
    const status = await page.getByTestId('publication-status').innerText();
    assert.match(status, /^由重庆市人力资源和社会保障局密钥签发（[0-9A-F]{4}( [0-9A-F]{4}){4}）［演示密钥，不具效力］$/);
    const key = status.match(/（([0-9A-F ]+)）/)[1];

    // 打印公布: the notice, A4, page numbers, the issuer and the state exactly as on screen.
    assert.equal(await page.getByTestId('print-page').innerText(), '打印本页（公布）');
    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.print-sheet.chosen[data-sheet=publication] .pub-rows', { state: 'attached' });
    const pdf = path.join(outDir, 'publication.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    pages.forEach((p, i) => assert.match(p, new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`), `page ${i + 1}`));
    const flat = text.replace(/\s+/g, '');
    for (const s of [
      '2025年度重庆市人力资源服务发展平台绩效评估结果（公布）',
      '第三十条（四）',
      '序号平台名称所在区县类型依据阶段总分等次',
      '1重庆临空人力资源服务产业园渝北区',
      '平台自评',
      '共4个平台。',
      '审定日期：2026年6月30日',
      `签发单位：重庆市人力资源和社会保障局密钥指纹：${key.replace(/ /g, '')}签名码：`,
      `核验结果：${status.replace(/\s+/g, '')}`,
    ]) assert.ok(flat.includes(s), `the printed 公布 has ${s}:\n${text}`);
    assert.match(flat, /签名码：[0-9A-F]{4}[0-9A-F]{4}[0-9A-F]{4}/);
    assert.doesNotMatch(flat, /关于公布/, 'no notice title is invented for the bureau');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, path.join(screenshots, 'publication-print')]);

    // 复制公布链接.
    await page.getByTestId('pub-copy-link').click();
    link = await page.inputValue('[data-testid=publication-link]');
    assert.ok(link.startsWith(`${site.base}#/signing/p1.`), link);
    await page.screenshot({ path: path.join(screenshots, 'publication.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally { await city.close(); }

  // A platform in another browser, holding the directory: the link opens verified, and
  // again with the network off.
  const platform = await browser();
  try {
    const { page, context, errors } = platform;
    await open(page, site.base);
    await goToPage(page, '签名与名录');
    await page.setInputFiles('[data-testid=directory-import]', dirFile);
    await page.waitForSelector('[data-testid=directory-head]');
    await page.goto(link);
    await onPage(page, '签名与名录');
    const st = page.getByTestId('publication-status');
    await page.waitForSelector('[data-testid=publication-status]:has-text("由重庆市人力资源和社会保障局密钥签发")', { timeout: 20000 });
    assert.match(await page.locator('.sign-publication').innerText(), /重庆黔江人力资源服务产业园\s+黔江区/);
    await controlled(page);
    await prefetched(page, site); // the background fetch ended: going offline aborts nothing
    await context.setOffline(true);
    await page.reload();
    await onPage(page, '签名与名录');
    await page.waitForSelector('[data-testid=publication-status]:has-text("由重庆市人力资源和社会保障局密钥签发")', { timeout: 20000 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.getElementById('sign-pub-h').scrollIntoView());
    await page.screenshot({ path: path.join(screenshots, 'publication-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await context.setOffline(false);

    // The forger: decodes the link, raises the last platform to 优秀, packs it again with a
    // correct CRC. The link opens; the signature no longer holds.
    const payload = link.split('#/signing/')[1];
    const p = JSON.parse(unpack(payload));
    const last = p.rows[p.rows.length - 1];
    assert.notEqual(last.grade, 'excellent');
    last.grade = 'excellent';
    last.grade_text = '优秀';
    await page.goto(`${site.base}#/signing/${pack(JSON.stringify(p))}`);
    await onPage(page, '签名与名录');
    await page.waitForSelector('[data-testid=publication-status]:has-text("签名无效（内容已改动）")', { timeout: 20000 });
    assert.equal(await st.evaluate((e) => e.classList.contains('valid')), false);
    await page.screenshot({ path: path.join(outDir, 'publication-forged.png'), fullPage: true });
    // A link cut short: its message, no 公布.
    await page.goto(link.slice(0, -40));
    await onPage(page, '签名与名录');
    await page.waitForSelector('.sign-pub .msg:has-text("链接")');
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  } finally { await platform.close(); }
});

test('an edition reads 发布单位未验证 until its 签发单 is imported; then the bureau, listed, after a reload, and in the move dialog', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, site.base);
    await goToPage(page, '评分标准');
    const dir = path.join(root, 'tests/fixtures/edition-2026');
    await page.setInputFiles('#edition-import', path.join(dir, 'comprehensive-park.json'));
    const cell = page.locator('tr[data-edition="comprehensive-park/2026"] [data-testid=edition-issuer]');
    await cell.waitFor();
    assert.equal(await cell.innerText(), '导入；发布单位未验证');
    // A 签发单 for an edition this browser does not hold is refused with its reason.
    const other = JSON.parse(fs.readFileSync(path.join(dir, 'issue.json'), 'utf8'));
    other.edition = '2027';
    const otherFile = { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) };
    await page.setInputFiles('#edition-issue-import', otherFile);
    await page.waitForSelector('.edition-problems:has-text("本机没有这份签发单所签的评分标准")');
    await page.setInputFiles('#edition-issue-import', path.join(dir, 'issue.json'));
    await page.waitForSelector('tr[data-edition="comprehensive-park/2026"] [data-testid=edition-issuer]:has-text("签名有效")');
    assert.match(await cell.innerText(), /^导入；发布单位：重庆市人力资源和社会保障局（签名有效，密钥 [0-9A-F ]+）［演示密钥，不具效力］　签名码 [0-9A-F ]+$/);
    assert.equal(await page.locator('tr[data-edition="comprehensive-park/2025"] [data-testid=edition-issuer]').innerText(), '内置（随本工具发布）');
    await page.screenshot({ path: path.join(outDir, 'edition-issuer.png'), fullPage: true });

    await page.reload();
    await onPage(page, '评分标准');
    await page.waitForSelector('tr[data-edition="comprehensive-park/2026"] [data-testid=edition-issuer]:has-text("签名有效")');

    // The move dialog names who issued the edition moved to.
    await page.getByRole('button', { name: '绩效评分', exact: true }).click();
    await page.locator('[data-testid=move-edition]').click();
    const dialog = page.locator('[data-testid=move-dialog]');
    await dialog.waitFor();
    assert.match(await dialog.getByTestId('move-issuer').innerText(), /^发布单位：重庆市人力资源和社会保障局（签名有效/);
    assert.deepEqual(errors, []);
  } finally { await b.close(); }
});
