// Saving waits for typing to pause (issue 10, item 6: serialising and writing the whole draft
// on every keystroke cost a slow phone most of a frame), yet nothing typed is ever lost: a
// reload, closing the tab, switching drafts or pages right after a keystroke finds it kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, total, field, open, ready, goToPage } from './harness.mjs';

let site;
before(async () => { site = await serve('/'); });
after(async () => { await site.close(); });

/** Types `value` into 1.2's field by script (one input event) and returns what localStorage
 * held for the open draft right after it, in the same task: before any timer could run. */
const typeAndPeek = (page, value, then = '') => page.evaluate(({ value, then }) => {
  const input = document.querySelector('#f-1-2-revenue_wan');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const id = localStorage.getItem('cqhr.current');
  const stored = localStorage.getItem(`cqhr.draft.${id}`) || '';
  if (then === 'reload') location.reload();
  return stored;
}, { value, then });

test('the save waits for a pause in typing, then writes what was typed', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    const before = await typeAndPeek(page, '4321');
    assert.ok(!before.includes('4321'), 'not written on the keystroke itself');
    await page.waitForFunction(() => {
      const id = localStorage.getItem('cqhr.current');
      return (localStorage.getItem(`cqhr.draft.${id}`) || '').includes('4321');
    }, null, { timeout: 3000 });
    assert.equal(await total(page), '0.4');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('typing then reloading at once keeps the value', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await field(page, '1.1', 'firms').fill('12');
    const stored = await typeAndPeek(page, '12345', 'reload');
    assert.ok(!stored.includes('12345'), 'the reload came before the delayed save');
    await page.waitForURL(site.base);
    await ready(page);
    assert.equal(await field(page, '1.2', 'revenue_wan').inputValue(), '12345');
    assert.equal(await field(page, '1.1', 'firms').inputValue(), '12');
    assert.equal(await total(page), '3.6'); // 12 × 0.2 + ⌊12345 ÷ 1000⌋ × 0.1
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('typing then closing the tab at once keeps the value', async () => {
  const b = await browser();
  try {
    const { page, context } = b;
    await open(page, site.base);
    // Keep the browser open with a second tab while the first closes.
    const other = await context.newPage();
    const stored = await typeAndPeek(page, '6789');
    assert.ok(!stored.includes('6789'), 'the close came before the delayed save');
    await page.close({ runBeforeUnload: true });
    await open(other, site.base);
    assert.equal(await field(other, '1.2', 'revenue_wan').inputValue(), '6789');
    assert.equal(await total(other), '0.6');
  } finally { await b.close(); }
});

test('typing then switching draft, or page, at once keeps the value in its draft', async () => {
  const b = await browser();
  try {
    const { page } = b;
    await open(page, site.base);
    await page.fill('#platform-name', '甲园');
    // A second draft, then back to the first by the draft list, right after a keystroke.
    await page.getByRole('button', { name: '新建草稿', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('#draft-select option').length === 2);
    await page.fill('#platform-name', '乙园');
    const second = await page.inputValue('#draft-select');
    await typeAndPeek(page, '3000');
    const first = await page.evaluate(() => [...document.querySelectorAll('#draft-select option')].find((o) => !o.selected).value);
    await page.selectOption('#draft-select', first);
    await page.waitForFunction(() => document.querySelector('#platform-name').value === '甲园');
    await typeAndPeek(page, '5000');
    // The 等次排名 page reads stored drafts: the keystroke is stored before it shows.
    await goToPage(page, '等次排名');
    const stored = await page.evaluate((ids) => ids.map((id) => localStorage.getItem(`cqhr.draft.${id}`) || ''), [first, second]);
    assert.ok(stored[0].includes('5000'), 'the first draft has its last keystroke');
    assert.ok(stored[1].includes('3000'), 'the second draft has its last keystroke');
    await page.reload();
    await goToPage(page, '绩效评分');
    await ready(page);
    assert.equal(await field(page, '1.2', 'revenue_wan').inputValue(), '5000');
    await page.selectOption('#draft-select', second);
    await page.waitForFunction(() => document.querySelector('#platform-name').value === '乙园');
    assert.equal(await field(page, '1.2', 'revenue_wan').inputValue(), '3000');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
