// Start-up of the page, before and while the WebAssembly app loads (issue 10, items 1 and 8).
//
// A classic script in ES5 (it must run, and speak, in browsers far too old for the app),
// deferred, so it runs after the loading frame (#boot in index.html) is parsed and before
// Trunk's module script, which loads the app. It
// - checks at once that the browser can run the app: WebAssembly with the post-MVP
//   features the build uses (validated on tiny modules, so an old browser hears it before
//   downloading anything), and module scripts (the loader is one);
// - shows the download's progress (Trunk's initializer, assets/boot-init.js, calls
//   cqhrBoot.progress with the bytes so far and the WASM's size);
// - when the app cannot start (WebAssembly missing, a CompileError on an old kernel, the
//   download failing, a script error before start), shows a message in Chinese naming the
//   browsers that work, instead of a blank page;
// - once the app has started, removes the frame (assets/boot.css has already hidden it).
// The CSP allows no inline script: this file is served from the site itself.
(function () {
  'use strict';
  var started = false;
  var failed = false;
  var slowTimer = null;

  function byId(id) { return document.getElementById(id); }
  function mounted() { return !!document.querySelector('body > .app'); }
  function whenParsed(f) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
    else f();
  }

  var REASONS = {
    nowasm: '您的浏览器不支持 WebAssembly（或已将其禁用），无法运行本计算器。',
    old: '您的浏览器版本过旧（或运行在兼容模式下），无法运行本计算器所需的 WebAssembly 程序。',
    compile: '您的浏览器无法编译本计算器的 WebAssembly 程序：浏览器版本过旧（或运行在兼容模式下），或程序文件在下载中损坏。请刷新页面；若一直如此，请换用下列浏览器。',
    download: '计算器程序未能下载完成（网络中断或服务器出错）。请检查网络后刷新页面；若一直如此，请换用下列浏览器或联系网站管理员。',
    start: '计算器启动时出错。请刷新页面；若一直如此，请换用下列浏览器。'
  };

  /** What kind of failure an error is: an old browser, a failed download, or other. */
  function kindOf(error) {
    var name = (error && error.name) || '';
    var text = String((error && error.message) || error || '');
    if (name === 'CompileError' || name === 'LinkError') return 'compile';
    if (name === 'SyntaxError') return 'old';
    if (/fetch|network|HTTP status|load|abort|Response/i.test(text) || name === 'AbortError' || name === 'NetworkError') return 'download';
    return 'start';
  }

  function fail(kind, error) {
    if (started || failed) return;
    failed = true;
    if (slowTimer) clearTimeout(slowTimer);
    whenParsed(function () {
      var root = byId('boot');
      if (!root || mounted()) return;
      root.className += ' failed';
      root.removeAttribute('aria-busy');
      byId('boot-error-reason').textContent = REASONS[kind] || REASONS.start;
      var detail = error ? String((error.name ? error.name + ': ' : '') + (error.message || error)) : '';
      byId('boot-error-detail').textContent = detail ? '技术信息：' + detail.slice(0, 300) : '';
      byId('boot-error').hidden = false;
    });
  }

  function started_() {
    if (started) return;
    started = true;
    if (slowTimer) clearTimeout(slowTimer);
    var root = byId('boot');
    if (root && root.parentNode) root.parentNode.removeChild(root);
  }

  function progress(current, total) {
    if (started || failed) return;
    var bar = byId('boot-progress');
    var percent = byId('boot-percent');
    if (!bar || !total) return;
    var share = Math.max(0, Math.min(1, current / total));
    bar.max = 1;
    bar.value = share;
    percent.textContent = Math.floor(share * 100) + '%（' + (current / 1048576).toFixed(1) + ' / ' + (total / 1048576).toFixed(1) + ' MB）';
    if (share >= 1) byId('boot-status').textContent = '正在启动计算器';
  }

  window.cqhrBoot = {
    progress: progress,
    started: started_,
    fail: function (error) { fail(kindOf(error), error); },
    kindOf: kindOf
  };

  // ---- What the browser can run ----

  function bytes(list) { return new Uint8Array(list); }
  var HEAD = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
  // One function each, using one post-MVP feature of rustc's default wasm32 target (the
  // shipped module needs reference types, bulk memory, multivalue and sign-ext: README,
  // 浏览器要求, bench/features). Hand-encoded; each validates where the feature exists.
  var FEATURES = {
    'sign-ext': HEAD.concat([1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f, 3, 2, 1, 0, 10, 7, 1, 5, 0, 0x20, 0, 0xc0, 0x0b]),
    'nontrapping-fptoint': HEAD.concat([1, 6, 1, 0x60, 1, 0x7d, 1, 0x7f, 3, 2, 1, 0, 10, 8, 1, 6, 0, 0x20, 0, 0xfc, 0, 0x0b]),
    'multivalue': HEAD.concat([1, 6, 1, 0x60, 0, 2, 0x7f, 0x7f, 3, 2, 1, 0, 10, 8, 1, 6, 0, 0x41, 0, 0x41, 0, 0x0b]),
    'bulk-memory': HEAD.concat([1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0a, 0, 0, 0x0b]),
    'reference-types': HEAD.concat([1, 5, 1, 0x60, 0, 1, 0x6f, 3, 2, 1, 0, 10, 6, 1, 4, 0, 0xd0, 0x6f, 0x0b])
  };

  var wasm = typeof WebAssembly === 'object' && WebAssembly && typeof WebAssembly.validate === 'function' ? WebAssembly : null;
  if (!wasm) {
    fail('nowasm', null);
  } else {
    var missing = [];
    for (var name in FEATURES) {
      if (!Object.prototype.hasOwnProperty.call(FEATURES, name)) continue;
      var ok = false;
      try { ok = wasm.validate(bytes(FEATURES[name])); } catch (e) { ok = false; }
      if (!ok) missing.push(name);
    }
    var script = document.createElement('script');
    if (missing.length) fail('old', { name: 'CompileError', message: '缺少 WebAssembly 功能：' + missing.join(', ') });
    else if (!('noModule' in script)) fail('old', { name: 'SyntaxError', message: '不支持 JavaScript 模块（type="module"）' });
  }

  // ---- Failures while loading ----

  // A script error before the app has started: the loader's syntax on an old kernel (top-
  // level await), a CompileError thrown by it, a panic while mounting.
  window.addEventListener('error', function (event) {
    if (started || mounted()) return;
    fail(kindOf(event.error || { message: event.message }), event.error || { message: event.message });
  });
  // The download broken off mid-way rejects a promise nobody awaits (the loader's reader).
  window.addEventListener('unhandledrejection', function (event) {
    if (started || mounted()) return;
    fail(kindOf(event.reason), event.reason);
  });
  // Trunk's loader fires this after init, also when init failed (detail.wasm is the error).
  window.addEventListener('TrunkApplicationStarted', function (event) {
    var result = event && event.detail && event.detail.wasm;
    if (result instanceof Error) fail(kindOf(result), result);
    else started_();
  });

  // A slow network: say so, without giving up (the browser keeps downloading).
  slowTimer = setTimeout(function () {
    if (started || failed) return;
    var status = byId('boot-status');
    if (status && status.textContent === '正在加载计算器') status.textContent = '网络较慢，仍在加载计算器';
  }, 20000);

  // Show the rubric of the draft that will open (the last one used), if any.
  whenParsed(function () {
    var titles = {
      'comprehensive-park': '重庆市市级综合性人力资源服务产业园绩效评估评分表',
      'specialized-park': '重庆市市级专业性行业性人力资源服务产业园绩效评估评分表',
      'talent-market': '重庆市市级专业性行业性人力资源（人才）市场绩效评估评分表'
    };
    try {
      var id = window.localStorage.getItem('cqhr.current');
      var raw = id && window.localStorage.getItem('cqhr.draft.' + id);
      var rubric = raw && JSON.parse(raw).rubric;
      var heading = byId('boot-rubric');
      if (heading && titles[rubric]) heading.textContent = titles[rubric];
    } catch (e) {
      // Storage blocked or a draft unreadable: the default heading stays.
    }
  });
})();
