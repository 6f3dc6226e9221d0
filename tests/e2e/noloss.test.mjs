// Issue 22: nothing lost across versions and faults, driven like a person would.
// - a stored draft with members this build does not know: edited, saved, reloaded and
//   exported, every member still there;
// - a draft of a newer format opens read-only (此草稿由较新版本创建) and is never written;
// - a newer build in another tab, or its service worker taking over this one: 已有新版本，
//   请刷新, and this tab stops saving;
// - a draft deleted, then purged, in another tab: said, not saved into, stays purged;
// - the exporter's files missing (404), of another build, or hanging: 导出失败 with the
//   reason, the buttons free again, the next click works;
// - 27,000 佐证材料 rows refused at import, 500 opened, each under a second of main-thread
//   stall (longest task measured);
// - control and bidi characters typed or imported leave the form and the .docx clean;
// - the site served with the headers of dist/_headers (CSP as a header, no framing): it
//   works, exports, and a cross-origin page cannot frame it; Trunk.toml sends the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { serve, browser, open, ready, goToPage, field, root, outDir, dist, siteHeaders } from './harness.mjs';

const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'full-comprehensive-park.json'), 'utf8')).draft;

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

/** A draft as a newer build might write it: members this build does not know at every
 * level, and an exact number (1e400) no float could hold. */
function newerDraftText() {
  const d = structuredClone(fixture);
  d.format = 2;
  d.x_signatures = [{ layer: 0, sm2: '3045022100ab' }];
  d.x_exact = '__BIG__';
  d.platform.credit_code = '91500000MA5U000000';
  d.evidence = [{ indicator: '1.1', name: '入驻企业名录及入驻协议', pages: 3, ready: true, sha256: 'ab12' }];
  d.report = { paragraphs: { '1.1': { text: '自写的一段。', facts: '0123456789abcdef', author: '甲' } }, style: 'gb9704' };
  d.reviews = [{
    stage: 'district', reviewer: '王敏', date: '2026-04-10', inputs: { '1.1': { firms: 30 } },
    countersignature: { key: '04ab', sig: '3045' },
  }];
  return JSON.stringify(d).replace('"__BIG__"', '1e400');
}

/** Puts one draft in storage as the only one and opens the app on it. */
async function seed(page, text, base = site.base) {
  await page.goto(base);
  await page.evaluate((text) => {
    localStorage.clear();
    localStorage.setItem('cqhr.index', JSON.stringify([{ id: 'd1', name: '新版本写的草稿', rubric: 'comprehensive-park' }]));
    localStorage.setItem('cqhr.draft.d1', text);
    localStorage.setItem('cqhr.current', 'd1');
  }, text);
  await page.reload();
  await ready(page);
}

const stored = (page, id = 'd1') => page.evaluate((id) => localStorage.getItem(`cqhr.draft.${id}`), id);

/** Clicks a button that downloads, returns the file's path. */
async function download(page, name) {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const file = path.join(outDir, `noloss-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return file;
}

/** The unknown members of the draft text, checked present and unchanged. */
function assertKept(text) {
  // The exact number, as serde_json writes it (1e400 and 1e+400 are one number; a float
  // would have made it null or Infinity).
  assert.match(text, /"x_exact": ?1e\+?400/, 'the exact number is kept');
  const d = JSON.parse(text.replace(/1e\+?400/, '"1e400"'));
  assert.deepEqual(d.x_signatures, [{ layer: 0, sm2: '3045022100ab' }]);
  assert.equal(d.platform.credit_code, '91500000MA5U000000');
  assert.equal(d.evidence[0].sha256, 'ab12');
  assert.equal(d.report.paragraphs['1.1'].author, '甲');
  assert.equal(d.report.style, 'gb9704');
  assert.deepEqual(d.reviews[0].countersignature, { key: '04ab', sig: '3045' });
  return d;
}

test('old build meets a newer draft: unknown members survive an edit, the save, a reload and the exports', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await seed(page, newerDraftText());
    await field(page, '1.1', 'firms').fill('36');
    await page.waitForFunction(() => (localStorage.getItem('cqhr.draft.d1') || '').includes('"firms":"36"'), null, { timeout: 5000 });
    assertKept(await stored(page));
    await page.reload();
    await ready(page);
    assert.equal(await field(page, '1.1', 'firms').inputValue(), '36');
    await field(page, '1.2', 'revenue_wan').fill('120000');
    await page.waitForFunction(() => (localStorage.getItem('cqhr.draft.d1') || '').includes('"120000"'), null, { timeout: 5000 });
    const d = assertKept(await stored(page));
    assert.equal(d.inputs['1.1'].firms, '36');
    // Exported as a file: the same members.
    assertKept(fs.readFileSync(await download(page, '导出文件'), 'utf8'));
    // And the Word export reads the draft with them (the exporter keeps them too).
    await goToPage(page, '自评材料');
    const docx = await download(page, '导出 Word（.docx）');
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a draft of a newer format opens read-only, says so, and is never written', async () => {
  const b = await browser();
  try {
    const { page } = b;
    // Far ahead of any format this build knows (issue 21 makes 3 current).
    const text = newerDraftText().replace('"format":2', '"format":99');
    await seed(page, text);
    const banner = page.locator('[data-testid=newer-readonly]');
    await banner.waitFor();
    assert.match(await banner.innerText(), /此草稿由较新版本创建（草稿格式 99/);
    assert.ok(await field(page, '1.1', 'firms').isDisabled(), 'its fields cannot be changed');
    // 自评材料 says so too.
    await goToPage(page, '自评材料');
    await banner.waitFor();
    await goToPage(page, '绩效评分');
    await page.waitForTimeout(800);
    assert.equal(await stored(page), text, 'not written, byte for byte');
    await page.reload();
    await ready(page);
    await banner.waitFor();
    assert.equal(await stored(page), text);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('a newer build in another tab: 已有新版本，请刷新, and this tab stops saving', async () => {
  const b = await browser();
  try {
    const { page, context } = b;
    await seed(page, JSON.stringify(fixture));
    const own = await page.evaluate(() => document.querySelector('meta[name=cqhr-build]').content);
    assert.match(own, /^\d{8}T\d{6}Z$/, 'the build carries its stamp');
    assert.equal(await page.evaluate(() => localStorage.getItem('cqhr.build')), own, 'and announced it');
    // Another tab of the site runs a newer build (its stamp is later).
    const other = await context.newPage();
    await other.goto(site.base + 'manifest.webmanifest');
    await other.evaluate(() => localStorage.setItem('cqhr.build', '29991231T235959Z'));
    await page.waitForSelector('[data-testid=save-failed]:has-text("已有新版本，请刷新")');
    const before = await stored(page);
    await field(page, '1.1', 'firms').fill('11');
    await page.waitForSelector('[data-testid=save-failed]:has-text("已有新版本，请刷新")');
    await page.waitForTimeout(800);
    assert.equal(await stored(page), before, 'nothing written over the newer build');
    // A tab of the older build opened later learns it at once.
    const late = await context.newPage();
    await open(late, site.base);
    await late.waitForSelector('[data-testid=save-failed]:has-text("已有新版本，请刷新")');
  } finally { await b.close(); }
});

test('a newer build\'s service worker takes over an open tab: it says 已有新版本，请刷新 and stops saving', async () => {
  // Build B: the same files with a later stamp, and the sw.js the build hook writes for it.
  const distB = fs.mkdtempSync(path.join(os.tmpdir(), 'cqhr-dist-newer-'));
  for (const f of fs.readdirSync(dist)) fs.copyFileSync(path.join(dist, f), path.join(distB, f));
  const html = fs.readFileSync(path.join(distB, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(distB, 'index.html'),
    html.replace(/<meta name="cqhr-build" content="[^"]*">/, '<meta name="cqhr-build" content="29991231T235959Z">'));
  execFileSync('python3', [path.join(root, 'scripts', 'sw_manifest.py'), distB], { stdio: 'ignore' });
  assert.match(fs.readFileSync(path.join(distB, 'sw.js'), 'utf8'), /const BUILD = "29991231T235959Z";/);
  const own = await serve('/');
  const b = await browser();
  try {
    const { page } = b;
    await seed(page, JSON.stringify(fixture), own.base);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    });
    // The host now serves build B; the browser's update check finds its worker, which
    // takes over this tab (no other tab of B is open).
    own.setDir(distB);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('[data-testid=save-failed]:has-text("已有新版本，请刷新")', { timeout: 20000 });
    const before = await stored(page);
    await field(page, '1.1', 'firms').fill('13');
    await page.waitForTimeout(800);
    assert.equal(await stored(page), before, 'nothing written');
  } finally {
    await b.close();
    await own.close();
    fs.rmSync(distB, { recursive: true, force: true });
  }
});

test('a draft deleted then purged in another tab: said at once, not saved into, stays purged', async () => {
  const b = await browser();
  try {
    const { page, context } = b;
    await seed(page, JSON.stringify(fixture));
    const other = await context.newPage();
    await open(other, site.base);
    // The other tab deletes the draft both show.
    await other.getByRole('button', { name: '删除草稿', exact: true }).click();
    await page.waitForSelector('[data-testid=save-failed]:has-text("已在另一个标签页中删除")');
    const kept = await stored(page);
    await field(page, '1.1', 'firms').fill('12');
    await page.waitForSelector('[data-testid=save-failed]:has-text("已在另一个标签页中删除")');
    await page.waitForTimeout(800);
    assert.equal(await stored(page), kept, 'the deleted draft is not written by this tab');
    // 彻底删除 there; a reload here does not bring it back.
    await other.click('summary:has-text("最近删除")');
    other.once('dialog', (d) => d.accept());
    await other.click('.trash button:has-text("彻底删除")');
    await other.waitForFunction(() => localStorage.getItem('cqhr.draft.d1') === null);
    await page.reload();
    await ready(page);
    assert.equal(await stored(page), null, 'a purge stays purged');
    const names = await page.locator('#draft-select option').allInnerTexts();
    assert.ok(!names.some((n) => n.includes('新版本写的草稿') || n.includes('恢复的草稿')), names.join());
  } finally { await b.close(); }
});

/** Opens the fixture as a new draft and goes to 自评材料. */
async function materials(page) {
  await open(page, site.base);
  const file = path.join(outDir, 'noloss-fixture.json');
  fs.writeFileSync(file, JSON.stringify(fixture));
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
  await goToPage(page, '自评材料');
}

async function exportFails(page, reason) {
  await page.getByRole('button', { name: '导出 Word（.docx）' }).click();
  await page.waitForSelector(`.export-status:has-text("导出失败")`, { timeout: 40000 });
  assert.match(await page.locator('.export-status').innerText(), reason);
  assert.ok(await page.getByRole('button', { name: '导出 Word（.docx）' }).isEnabled(), 'the buttons are free again');
}

test('exporter 404, another build\'s exporter, and a hang: 导出失败 with the reason, and the next click works', async () => {
  const b = await browser({ serviceWorkers: 'block' });
  try {
    const { page } = b;
    await materials(page);
    // The exporter's files carry their build's hash, named by index.html.
    const loader = await page.evaluate(() => document.querySelector('meta[name=cqhr-exporter]').content);
    assert.match(loader, /^\.\/exporter_loader-[0-9a-f]{16}\.js$/);

    await b.context.route(/exporter-[0-9a-f]{16}_bg\.wasm$/, (r) => r.fulfill({ status: 404, body: 'not found' }));
    await exportFails(page, /无法下载或启动导出程序/);
    await b.context.unroute(/exporter-[0-9a-f]{16}_bg\.wasm$/);

    // An exporter that answers in another build's words.
    await b.context.route(/exporter_loader-[0-9a-f]{16}\.js$/, (r) => r.fulfill({
      contentType: 'text/javascript',
      body: "self.onmessage = () => self.postMessage({ id: 'x' }); self.postMessage('ready');",
    }));
    await exportFails(page, /答复无法读取/);
    // One that never answers: the app gives up after 30 s.
    await b.context.route(/exporter_loader-[0-9a-f]{16}\.js$/, (r) => r.fulfill({ contentType: 'text/javascript', body: '// nothing' }));
    await exportFails(page, /导出超时/);
    await b.context.unroute(/exporter_loader-[0-9a-f]{16}\.js$/);

    const [d] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.getByRole('button', { name: '导出 Word（.docx）' }).click(),
    ]);
    assert.match(d.suggestedFilename(), /\.docx$/);
    await page.waitForSelector('.export-status:has-text("已导出")');
  } finally { await b.close(); }
});

/** Records the longest main-thread task from now on (PerformanceObserver 'longtask'). */
const watchStalls = (page) => page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask' });
});
const longest = (page) => page.evaluate(() => window.__longest);

function evidenceDraft(n) {
  const d = structuredClone(fixture);
  d.platform.name = `佐证${n}行产业园`;
  d.evidence = Array.from({ length: n }, (_, i) => ({ indicator: '1.1', name: `材料第${i + 1}份`, pages: 3, ready: i % 2 === 0 }));
  return d;
}

test('27,000 佐证材料 rows are refused at import, 500 open, each with under a second of stall', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    const big = path.join(outDir, 'noloss-27000.json');
    fs.writeFileSync(big, JSON.stringify(evidenceDraft(27000)));
    assert.ok(fs.statSync(big).size < 2_000_000, 'under the 2 MB import cap');
    await watchStalls(page);
    await page.setInputFiles('#import-file', big);
    await page.waitForSelector('[data-testid=notice]:has-text("27000 行")');
    assert.match(await page.locator('[data-testid=notice]').innerText(), /超过本工具的上限 500 行/);
    const refused = await longest(page);
    console.log(`27,000 rows refused: longest main-thread task ${refused.toFixed(0)} ms`);
    assert.ok(refused < 1000, `${refused} ms`);

    const ok = path.join(outDir, 'noloss-500.json');
    fs.writeFileSync(ok, JSON.stringify(evidenceDraft(500)));
    await page.setInputFiles('#import-file', ok);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    await watchStalls(page);
    await goToPage(page, '自评材料');
    await page.waitForSelector('.evidence-table tbody tr');
    const opened = await longest(page);
    console.log(`500 rows opened: longest main-thread task ${opened.toFixed(0)} ms`);
    assert.ok(opened < 1000, `${opened} ms`);
    const rows = () => page.locator('.evidence-table tbody tr').count();
    assert.equal(await rows(), 100, 'a screenful at first');
    await page.getByTestId('evidence-more').click();
    assert.equal(await rows(), 200);
    assert.match(await page.locator('.evidence-more').innerText(), /共 5\d\d 行/);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('control and bidi characters: removed from what is typed and imported, absent from the .docx', async () => {
  const b = await browser();
  try {
    const { page } = b;
    const d = structuredClone(fixture);
    d.format = 2;
    d.platform.name = '临空\u000b产业园\u0001';
    d.notes['1.1'] = '名录\u202e2件附';
    d.reviews = [{ stage: 'district', reviewer: '王敏\u202e验核已', date: '2026-04-10' }];
    await open(page, site.base);
    const file = path.join(outDir, 'noloss-hostile.json');
    fs.writeFileSync(file, JSON.stringify(d));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    const id = await page.evaluate(() => localStorage.getItem('cqhr.current'));
    const text = await stored(page, id);
    assert.ok(!/[\u0001\u000b\u202e]/.test(JSON.parse(text).platform.name + JSON.parse(text).reviews[0].reviewer), text);
    assert.equal(JSON.parse(text).reviews[0].reviewer, '王敏验核已');
    // Typed (pasted) into 平台名称: gone by the save.
    await page.fill('#platform-name', '两江\u000b新区\u2066园');
    await page.waitForFunction((id) => (localStorage.getItem(`cqhr.draft.${id}`) || '').includes('两江'), id, { timeout: 5000 });
    const name = JSON.parse(await stored(page, id)).platform.name;
    assert.ok(!/[\u000b\u2066]/.test(name), JSON.stringify(name));
    await goToPage(page, '自评材料');
    const docx = await download(page, '导出 Word（.docx）');
    const out = execFileSync('python3', ['-c', `
import sys, docx
d = docx.Document(sys.argv[1])
print("\\n".join(p.text for p in d.paragraphs))
`, docx]).toString();
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/.test(out));
    assert.ok(out.includes('两江'), out.slice(0, 200));
  } finally { await b.close(); }
});

test('headers: served as dist/_headers says, the app works and exports, and no other site can frame it', async () => {
  const headers = siteHeaders();
  assert.match(headers['Content-Security-Policy'], /frame-ancestors 'none'/);
  assert.equal(headers['X-Frame-Options'], 'DENY');
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  // scripts/serve (trunk serve, Trunk.toml [serve.headers]) sends the same headers.
  const toml = fs.readFileSync(path.join(root, 'Trunk.toml'), 'utf8');
  const served = {};
  for (const m of toml.split('[serve.headers]')[1].matchAll(/^"([^"]+)" = "([^"]*)"$/gm)) served[m[1]] = m[2];
  assert.deepEqual(served, headers);

  const strict = await serve('/', { headers });
  const framer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><iframe id="f" src="${strict.base}" width="800" height="600"></iframe>`);
  });
  await new Promise((r) => framer.listen(0, '127.0.0.1', r));
  const b = await browser();
  try {
    const { page } = b;
    const response = await page.goto(strict.base);
    assert.match(response.headers()['content-security-policy'], /frame-ancestors 'none'/);
    await ready(page);
    // The worker runs under the header policy too: the export works.
    const file = path.join(outDir, 'noloss-fixture.json');
    fs.writeFileSync(file, JSON.stringify(fixture));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=notice]:has-text("已导入为新草稿")');
    await goToPage(page, '自评材料');
    await download(page, '导出 Word（.docx）');
    const csp = b.errors.filter((e) => /Content Security Policy|Refused/.test(e));
    assert.deepEqual(csp, []);

    const framed = await b.context.newPage();
    const frameErrors = [];
    framed.on('console', (m) => frameErrors.push(m.text()));
    await framed.goto(`http://127.0.0.1:${framer.address().port}/`);
    await framed.waitForTimeout(1500);
    const inner = framed.frames().find((f) => f !== framed.mainFrame());
    const shown = inner ? await inner.locator('[data-testid=total], [data-testid=start]').count().catch(() => 0) : 0;
    assert.equal(shown, 0, 'the app does not render inside another site\'s frame');
  } finally {
    await b.close();
    await strict.close();
    await new Promise((r) => framer.close(r));
  }
});
