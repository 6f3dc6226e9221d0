// The app's start-up module (issue 10, item 2): fetches the main WASM with its progress,
// starts the app, and hands over to assets/boot.js (window.cqhrBoot), which draws the
// loading frame's progress bar and, when the app cannot start, the message naming the
// browsers that work. It replaces Trunk's inline loader: the app is built by
// scripts/split_build.py (a Trunk pre-build hook), which copies this file as
// `start-<hash>.js` beside `app-<hash>.js` and writes the names and the WASM's size below;
// scripts/post_build.py puts it into index.html after boot.js. An external file: the CSP
// allows no inline script. The pages loaded on first use (src/ui/lazy.rs) come later,
// through `__wasm_split-<hash>.js`, imported by the app's JS.
import init, * as bindings from './app.js';

const WASM = new URL('./app_bg.wasm', import.meta.url);
const WASM_SIZE = 0; // the served size, written at build time
const boot = () => window.cqhrBoot;

/** The WASM's response, reporting the bytes received as they arrive. */
async function download() {
  const response = await fetch(WASM);
  if (!response.ok) throw new Error(`HTTP status ${response.status} for ${WASM.pathname}`);
  if (!response.body || typeof ReadableStream !== 'function') return response;
  const total = WASM_SIZE || Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  let current = 0;
  const stream = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        boot()?.progress(total, total);
        controller.close();
        return;
      }
      current += value.byteLength;
      boot()?.progress(current, total);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const { headers, status, statusText } = response;
  return new Response(stream, { headers, status, statusText });
}

let wasm;
try {
  wasm = await init({ module_or_path: download() });
  window.wasmBindings = bindings;
  boot()?.started();
} catch (error) {
  wasm = error instanceof Error ? error : new Error(String(error));
  boot()?.fail(wasm);
}
// As Trunk's loader did: assets/sw-register.js and boot.js listen for it.
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
