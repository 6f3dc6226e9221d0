import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless'] });
const p = await b.newPage();
await p.goto('file:///tmp/trial-pn/' + process.argv[2]);
await p.pdf({ path: '/tmp/trial-pn/out.pdf', preferCSSPageSize: true });
await b.close();
