// Issue 24 item 4 in the browser: the refusals that now cross the code as types (the 公布
// link's `share::PublicationLinkError`, the 公布 part's `Unopened`, a stored draft's
// `store::ReadError`, 年度对比's and 等次排名's own enums, a 签发单's `IssueError`) read on
// screen word for word as the pages said them when they were strings. Each case is done as
// a person would: a link opened, a file picked, a draft chosen in a list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serve, browser, open, goToPage, onPage } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

/** A 公布 payload as the app packs it (p1. + base64url(CRC-32 ‖ DEFLATE(json))); `crcOff` spoils the CRC. */
function pack(json, crcOff = 0) {
  const bytes = Buffer.from(json, 'utf8');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((zlib.crc32(bytes) ^ crcOff) >>> 0);
  return 'p1.' + Buffer.concat([crc, zlib.deflateRawSync(bytes)]).toString('base64url');
}

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

/** Waits (15 s at most) until `locator`'s first element reads `expected`, then asserts it does. */
async function reads(locator, expected) {
  const deadline = Date.now() + 15000;
  let got = '';
  while (Date.now() < deadline) {
    got = (await locator.count()) ? (await locator.first().innerText()).trim() : '';
    if (expected instanceof RegExp ? expected.test(got) : got === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (expected instanceof RegExp) assert.match(got, expected);
  else assert.equal(got, expected);
}

const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

test('公布 links and a file that do not open: each kind in its own words', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, site.base);
    await goToPage(page, '签名与名录');
    // The 公布 part's refusal (the 签发 line above it has its own, `pub-error`).
    const msg = page.locator('.sign-pub p.msg:not([data-testid=pub-error])');
    const opened = async (payload, expected) => {
      await page.goto(`${site.base}#/signing/${payload}`);
      await onPage(page, '签名与名录');
      await reads(msg, expected);
    };
    await opened('p9.AAAA', '此链接来自更新或不同版本的计算器（格式 p9），当前版本无法打开。请刷新页面或使用最新版本后重试。');
    await opened('p1.AAAA', '链接已损坏或不完整（可能被截断），无法打开。请向发送人重新索取链接。');
    await opened(pack('{"type":"cqhr-publication"}', 1), '链接不完整或已被改动（校验不符），无法打开。请向发送人重新索取链接。');
    await opened(pack('{"type":"x"}'), '链接中的不是有效的公布文件：缺少 "type": "cqhr-publication"');
    await opened(pack('[1]'), '链接中的不是有效的公布文件：须为 JSON 对象');
    // A file picked instead: the link leaves the address, the file's refusal is shown.
    await page.setInputFiles('[data-testid=publication-open]', file('公布.json', 'not json'));
    await reads(msg, '不是有效的公布文件：JSON 格式错误（第 1 行）');
    assert.equal(await page.evaluate(() => location.hash), '#/signing');
    await page.setInputFiles('[data-testid=publication-open]', file('大.json', 'x'.repeat(2_100_000)));
    await reads(msg, '“大.json”文件过大');
    assert.deepEqual(unexpected(errors), []);
  } finally { await b.close(); }
});

test('a stored draft that does not read: 年度对比 and 等次排名 say why; fewer than two drafts: 请选择两份草稿', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    page.on('dialog', (d) => d.accept());
    await open(page, site.base);
    await page.fill('#draft-name', '好的草稿');
    await page.press('#draft-name', 'Enter');
    await goToPage(page, '年度对比');
    await reads(page.locator('[data-testid=compare-refused]'),
      '请选择两份草稿。本机至少需要保存两份草稿（可在上方“复制草稿”或“导入文件”）。');

    // A second draft, then its stored text broken behind the app's back.
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await page.fill('#draft-name', '坏的草稿');
    await page.press('#draft-name', 'Enter');
    const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('cqhr.index')).map((e) => [e.id, e.name]));
    const bad = ids.find(([, n]) => n === '坏的草稿')[0];
    const good = ids.find(([, n]) => n === '好的草稿')[0];
    await page.selectOption('#draft-select', good);
    await page.evaluate((id) => localStorage.setItem(`cqhr.draft.${id}`, '{"format": 3, "rubric": "comprehensive-p'), bad);

    const unreadable = /不是有效的 JSON 草稿（第 1 行第 \d+ 列）/;
    await goToPage(page, '年度对比');
    await page.selectOption('#compare-b', bad);
    await reads(page.locator('[data-testid=compare-refused]'), new RegExp(`^草稿“坏的草稿”无法读取：${unreadable.source}`));

    await goToPage(page, '等次排名');
    await page.selectOption('#cohort-stored', bad);
    await page.getByRole('button', { name: '加入所选草稿', exact: true }).click();
    await reads(page.locator('[data-testid=cohort-errors]'), new RegExp(`本机草稿“坏的草稿”：${unreadable.source}`));
    assert.deepEqual(unexpected(errors), []);
  } finally { await b.close(); }
});

test('a 签发单 that is not kept: not one, too large, of an edition not held', async () => {
  const b = await browser();
  try {
    const { page, errors } = b;
    await open(page, site.base);
    await goToPage(page, '评分标准');
    const problems = page.locator('.edition-problems li');
    await page.setInputFiles('#edition-issue-import', file('签发单.json', '{"type": "cqhr-draft"}'));
    await reads(problems, '签发单“签发单.json”未导入：不是有效的签发单（应为 cqhr issue 生成的 cqhr-edition-issue 文件）');
    await page.setInputFiles('#edition-issue-import', file('大.json', 'x'.repeat(2_100_000)));
    await reads(problems, '签发单“大.json”未导入：文件过大');
    const issue = JSON.stringify({
      type: 'cqhr-edition-issue', rubric: 'comprehensive-park', edition: '2031', date: '2031-01-10',
      sm3: '0'.repeat(64), public_key: '04' + '1'.repeat(128), signature: '2'.repeat(128),
    });
    await page.setInputFiles('#edition-issue-import', file('2031.json', issue));
    await reads(problems, '签发单“2031.json”未导入：本机没有这份签发单所签的评分标准（综合性产业园 2031版，内容须与签发时完全一致）：'
      + '请先导入该版评分标准文件，再导入签发单');
    assert.deepEqual(unexpected(errors), []);
  } finally { await b.close(); }
});
