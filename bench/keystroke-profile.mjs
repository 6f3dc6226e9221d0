// Where a keystroke's time goes, CPU 4× slower (412×823, bench/run's field and values):
// node bench/keystroke-profile.mjs [DIST] [n]
// Per keystroke: the input event's handler (synchronous: the signal update and what runs
// inside it), the tasks and microtasks after it until the total changes, and the rest until
// the next frame is painted (style, layout, paint). Then a CDP trace of 10 keystrokes,
// summed by event name (scripting, style, layout, paint, GC).
import * as h from '../tests/e2e/harness.mjs';
const [dir = h.dist, nText = '21'] = process.argv.slice(2);
const n = Number(nText);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const site = await h.serve('/', { dir });
// EXTRA_CSS: a style sheet added to the page first (to try a CSS change on a built site).
const extra = process.env.EXTRA_CSS;
const b = await h.browser({ viewport: { width: 412, height: 823 }, bypassCSP: Boolean(extra) });
try {
  await h.open(b.page, site.base);
  if (extra) await b.page.addStyleTag({ content: extra });
  await b.page.waitForSelector('#f-1-2-revenue_wan');
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const run = (count) => b.page.evaluate(async ({ count }) => {
    const field = document.querySelector('#f-1-2-revenue_wan');
    const total = () => document.querySelector('[data-testid=total]');
    const afterPaint = (f) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(0); });
    const out = [];
    const values = ['1000', '2000'];
    for (let i = 0; i < count + 5; i++) {
      const was = total().textContent;
      const r = await new Promise((resolve) => {
        let t0 = 0, tSync = 0, tTotal = 0;
        const o = new MutationObserver(() => {
          if (total() && total().textContent !== was && !tTotal) {
            tTotal = performance.now(); o.disconnect();
            afterPaint(() => resolve({ sync: tSync - t0, total: tTotal - t0, painted: performance.now() - t0 }));
          }
        });
        o.observe(document.body, { childList: true, subtree: true, characterData: true });
        field.value = values[i % 2];
        t0 = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        tSync = performance.now();
      });
      out.push(r);
      await new Promise((r) => setTimeout(r, 60));
    }
    return out.slice(5);
  }, { count });
  const xs = await run(n);
  const nodes = await b.page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(`${dir}: elements ${nodes}`);
  for (const k of ['sync', 'total', 'painted']) {
    console.log(`  ${k.padEnd(8)} median ${median(xs.map((x) => x[k])).toFixed(1)} ms  [${xs.map((x) => x[k].toFixed(0)).join(' ')}]`);
  }
  // A trace of 10 keystrokes.
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing', transferMode: 'ReportEvents' });
  await run(10);
  await cdp.send('Tracing.end');
  await done;
  const by = new Map();
  for (const e of events) if (e.ph === 'X' && e.dur) by.set(e.name, (by.get(e.name) || 0) + e.dur / 1000);
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 18);
  console.log('  trace, 15 keystrokes (incl. 5 warm-up), ms summed (nested events overlap):');
  for (const [name, ms] of top) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
  if (process.env.DETAIL) {
    for (const e of events) {
      if (e.ph === 'X' && ['Layout', 'Paint', 'UpdateLayoutTree', 'PrePaint'].includes(e.name) && e.dur > 300) {
        console.log(`    ${e.name} ${(e.dur / 1000).toFixed(1)} ms ${JSON.stringify(e.args).slice(0, 300)}`);
      }
    }
  }
} finally { await b.close(); await site.close(); }
