// Keystroke → next frame painted with CPU 4× (bench/run's method, 412×823), for two builds
// of the app alternating in the same run: node bench/keystroke-ab.mjs BEFORE_DIST AFTER_DIST [rounds]
import * as h from '../tests/e2e/harness.mjs';
const [before, after, rounds = '3'] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
async function painted(base, n) {
  const b = await h.browser({ viewport: { width: 412, height: 823 } });
  try {
    await b.page.goto(base);
    await h.ready(b.page); // a first visit offers the choice of platform type: 附表2
    await b.page.waitForSelector('#f-1-2-revenue_wan', { timeout: 60000 });
    await b.page.waitForSelector('[data-testid=total]');
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const nodes = await b.page.evaluate(() => document.getElementsByTagName('*').length);
    const times = await b.page.evaluate(async ({ n }) => {
      const field = document.querySelector('#f-1-2-revenue_wan');
      const total = () => document.querySelector('[data-testid=total]');
      const afterPaint = (f) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(0); });
      const out = [];
      const values = ['1000', '2000'];
      for (let i = 0; i < n; i++) {
        const was = total().textContent;
        let t0 = 0;
        out.push(await new Promise((resolve) => {
          const o = new MutationObserver(() => {
            if (total() && total().textContent !== was) { o.disconnect(); afterPaint(() => resolve(performance.now() - t0)); }
          });
          o.observe(document.body, { childList: true, subtree: true, characterData: true });
          field.value = values[i % 2];
          t0 = performance.now();
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }));
        await new Promise((r) => setTimeout(r, 50));
      }
      return out.slice(5);
    }, { n: 26 });
    return { times, nodes };
  } finally { await b.close(); }
}
const sites = { before: await h.serve('/', { dir: before }), after: await h.serve('/', { dir: after }) };
const all = { before: [], after: [] };
let nodes = {};
for (let r = 0; r < Number(rounds); r++) {
  for (const k of ['before', 'after']) { const x = await painted(sites[k].base, 21); all[k].push(...x.times); nodes[k] = x.nodes; }
}
for (const k of ['before', 'after']) console.log(`${k}: median ${median(all[k]).toFixed(1)} ms of ${all[k].length}, elements ${nodes[k]}`);
for (const s of Object.values(sites)) await s.close();
