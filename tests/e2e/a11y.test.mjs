// Accessibility (issue 6): axe-core finds no serious or critical violation in the form
// view or the print view. axe is injected as its source through page.evaluate; the app's
// CSP would refuse an injected <script>, so this test alone runs with bypassCSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, total, field, root, open, goToPage } from './harness.mjs';

const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

/** axe's violations of any impact on the page as it is now, in words. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary || ''}`.trim()),
    }));
  });
  return found;
}

const report = (list) => list.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');

test('form view and print view: no axe violations at all (the issue asks for no serious or critical ones)', async () => {
  const b = await browser({ bypassCSP: true });
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#platform-name', '两江新区人力资源服务产业园');
    await field(page, '1.1', 'firms').fill('37');
    await field(page, '1.2', 'revenue_wan').fill('12,345.6');
    await field(page, '2.1', 'employers').fill('-5'); // an error message at its field
    await page.check('#f-4-4-tier-basic');
    assert.equal(await total(page), '11.6'); // 37 × 0.2 + 1.2 + 3

    const form = await violations(page);
    assert.deepEqual(form, [], `form view:\n${report(form)}`);

    await page.emulateMedia({ media: 'print' });
    await page.waitForSelector('.print-sheet.chosen', { state: 'visible' }); // built for print media
    const print = await violations(page);
    assert.deepEqual(print, [], `print view:\n${report(print)}`);
  } finally { await b.close(); }
});

test('the certification, ranking and comparison pages, and 附表1 in print: no axe violations', async () => {
  const b = await browser({ bypassCSP: true });
  try {
    const { page } = b;
    await open(page, site.base);
    await field(page, '1.1', 'firms').fill('12');
    for (const tab of ['认定条件与申请表', '等次排名', '年度对比']) {
      await goToPage(page, tab);
      await page.waitForSelector('.page .card');
      const found = await violations(page);
      assert.deepEqual(found, [], `${tab}:\n${report(found)}`);
    }
    await goToPage(page, '认定条件与申请表');
    await page.getByRole('button', { name: '打印附表1', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.print-sheet[data-sheet=application].chosen'));
    await page.emulateMedia({ media: 'print' });
    const print = await violations(page);
    assert.deepEqual(print, [], `附表1 print view:\n${report(print)}`);
  } finally { await b.close(); }
});
