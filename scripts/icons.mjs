#!/usr/bin/env node
// Renders the app's icon (assets/icon.svg) to the PNGs the web app manifest lists:
// icon-192.png, icon-512.png (rounded, transparent corners) and icon-maskable-512.png
// (full-bleed background, the mark shrunk into the 80 % safe zone). Headless Chromium via
// playwright-core (as the browser tests). The PNGs are committed; rerun after editing the
// SVG: `node scripts/icons.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const svg = fs.readFileSync(path.join(assets, 'icon.svg'), 'utf8');
const maskable = svg
  .replace(/<rect width="512" height="512" rx="96"/, '<rect width="512" height="512"')
  .replace('<g id="mark">', '<g id="mark" transform="translate(256 256) scale(0.8) translate(-256 -256)">');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, source, size] of [['icon-192.png', svg, 192], ['icon-512.png', svg, 512], ['icon-maskable-512.png', maskable, 512]]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = source.replace('width="512" height="512">', `width="${size}" height="${size}">`);
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(assets, name), omitBackground: true });
    await page.close();
    console.log(`${name}: ${fs.statSync(path.join(assets, name)).size} bytes`);
  }
} finally {
  await browser.close();
}
