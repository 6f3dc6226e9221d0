// 评分标准 (issue 13): import an edition file (a bad one is refused with every problem
// named), see its fingerprint and its changes against the bundled 2025, start a draft under
// it and score the hand-worked 1.1 under the new weights, reload (the edition is kept in
// the browser), and export it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, goToPage, onPage, score, field, root, outDir } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

const bundled = (id) => JSON.parse(fs.readFileSync(path.join(root, `rubrics/2025/${id}.json`), 'utf8'));

// 附表2 2026: 1.1 每家 0.2 → 0.3 分, 上限 10 → 12; 1.2 上限 12 → 10 (the caps still add up to 100).
function edited() {
  const r = bundled('comprehensive-park');
  r.edition = '2026';
  const ind = (id) => r.indicators.find((i) => i.id === id);
  ind('1.1').terms[0].points = '0.3';
  ind('1.1').cap = '12';
  ind('1.2').cap = '10';
  return r;
}

async function pick(page, name, text) {
  await page.locator('#edition-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('import, diff, draft under the edition, reload, export; a missing edition says so', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await page.goto(`${site.base}#/editions`);
    await onPage(page, '评分标准');
    assert.equal(await page.locator('.editions-table tbody tr').count(), 3);

    // A bad file: caps add up to 101, and a field that does not exist; nothing imported.
    const bad = edited();
    bad.indicators.find((i) => i.id === '1.2').cap = '11';
    bad.indicators.find((i) => i.id === '1.3').terms[0].field = 'income';
    await pick(page, 'bad.json', JSON.stringify(bad));
    const problems = page.locator('.edition-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    assert.match(text, /应为 100 分/);
    assert.match(text, /指标 1\.3 字段 income/);
    assert.equal(await page.locator('.editions-table tbody tr').count(), 3);

    // The good file: a fourth row, imported, with its fingerprint, and the diff.
    await pick(page, '2026.json', JSON.stringify([edited()]));
    const row = page.locator('tr[data-edition="comprehensive-park/2026"]');
    await row.waitFor();
    assert.equal(await problems.count(), 0);
    const code = (await row.locator('.fingerprint').innerText()).trim();
    assert.match(code, /^[0-9a-f]{8}$/);
    const diff = await page.locator('.edition-diff').innerText();
    assert.match(diff, /每家 0\.2 分 → 0\.3 分/);
    assert.match(diff, /上限 12 → 10/);
    assert.match(diff, new RegExp(code));
    await page.screenshot({ path: path.join(outDir, 'editions-desktop.png'), fullPage: true });

    // Export: the file is the edition, readable again.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '导出文件' }).click()]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.edition, '2026');
    assert.equal(exported.indicators.find((i) => i.id === '1.1').terms[0].points, '0.3');

    // A draft under 2026: 37 家 of which 8 规模以上 → 29 × 0.3 + 8 × 0.6 = 13.5, capped at 12.
    await row.getByRole('button', { name: '按此版新建草稿' }).click();
    await goToPage(page, '绩效评分');
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.1', 'above_scale').fill('8');
    await page.waitForFunction(() => document.querySelector('[data-testid="score-1.1"] strong')?.innerText === '12');
    assert.match(await page.locator('p.edition').innerText(), new RegExp(`2026版，指纹 ${code}`));

    // Reload: the edition is kept in the browser, the draft still scores under it.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="score-1.1"] strong')?.innerText === '12');
    assert.equal(await score(page, '1.1'), '12');

    // (A draft naming a missing edition: tests/it/edition_files.rs and, in the browser, from a
    // link and a file, tests/e2e/edition_links.test.mjs.)
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
