// A minimal Chromium driver for the benchmark, over the DevTools protocol's pipe: pages, scripts
// run before the page's own, evaluation, mouse input, screenshots. Only the domains the
// measurements need are enabled (Page and Inspector; Runtime, Input and Emulation take commands
// without it). Script errors are the page's to collect (an `error` listener in an init script):
// with the Runtime domain enabled, first drawings come 30 to 70 ms later.
//
// Why not Playwright here: it enables the Network domain on every page, and Chromium then keeps a
// decoded copy of every response body for DevTools. For a 14 MB export that is one more main-thread
// task of 80 to 130 ms when the download ends, and first drawings about 0.2 s later, for every
// tool alike; no visitor's browser does it. The tests keep Playwright.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Starts Chromium; resolves to { version, newPage({ width, height }), close() }. */
export async function launch({ executablePath, args = [] }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'carte-bench-'));
  const proc = spawn(executablePath, [...args, '--headless=new', '--remote-debugging-pipe',
    `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const [toBrowser, fromBrowser] = [proc.stdio[3], proc.stdio[4]];
  let nextId = 0;
  const pending = new Map();
  const listeners = new Map(); // sessionId → (method, params) => void
  let buffered = '';
  fromBrowser.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject, method } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        listeners.get(message.sessionId)?.(message.method, message.params);
      }
    }
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  exited.then(() => {
    for (const { reject, method } of pending.values()) reject(new Error(`${method}: the browser exited`));
    pending.clear();
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, { resolve, reject, method });
    toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
  });
  const { product } = await send('Browser.getVersion');

  async function newPage({ width, height }) {
    // A tab of the browser's own profile, as a visitor's (a fresh incognito context, as
    // Playwright opens, made our first drawing 0.1 to 0.2 s later); the server sends everything
    // with `no-store`, so that no page finds another's files in a cache.
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const call = (method, params) => send(method, params, sessionId);
    const crashed = [];
    const heard = [];
    listeners.set(sessionId, (method, params) => {
      if (method === 'Inspector.targetCrashed') crashed.forEach((h) => h());
      heard.forEach((h) => h(method, params));
    });
    await Promise.all([call('Page.enable'), call('Inspector.enable'),
      call('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false })]);
    let buttons = 0;
    let at = { x: 0, y: 0 };
    const mouse = (type, x, y, clickCount = 0) =>
      call('Input.dispatchMouseEvent', { type, x, y, button: type === 'mouseMoved' && !buttons ? 'none' : 'left', buttons, clickCount });
    return {
      send: call,
      onCrash: (handler) => crashed.push(handler),
      /** Every event of an enabled domain (Tracing's, for profiling by hand). */
      onEvent: (handler) => heard.push(handler),
      addInitScript: (fn) => call('Page.addScriptToEvaluateOnNewDocument', { source: `(${fn})();` }),
      goto: (url) => call('Page.navigate', { url }),
      async evaluate(fn, arg) {
        const expression = `(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`;
        const { result, exceptionDetails } = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
        return result.value;
      },
      mouse: {
        move: (x, y) => { at = { x, y }; return mouse('mouseMoved', x, y); },
        down: () => { buttons = 1; return mouse('mousePressed', at.x, at.y, 1); },
        up: () => { buttons = 0; return mouse('mouseReleased', at.x, at.y, 1); },
        async click(x, y) {
          at = { x, y };
          await mouse('mouseMoved', x, y);
          buttons = 1;
          await mouse('mousePressed', x, y, 1);
          buttons = 0;
          await mouse('mouseReleased', x, y, 1);
        },
      },
      async screenshot({ path: file } = {}) {
        const { data } = await call('Page.captureScreenshot', { format: 'png' });
        const png = Buffer.from(data, 'base64');
        if (file) fs.writeFileSync(file, png);
        return png;
      },
      async close() {
        listeners.delete(sessionId);
        await send('Target.closeTarget', { targetId });
      },
    };
  }

  return {
    version: product.replace(/^[^/]*\//, ''),
    newPage,
    async close() {
      await Promise.race([send('Browser.close').catch(() => {}), exited]);
      proc.kill();
      await exited;
      // The browser's helpers may still be writing there a moment after it exits.
      for (let tries = 0; tries < 10 && fs.existsSync(profile); tries++) {
        try { fs.rmSync(profile, { recursive: true, force: true }); } catch { await new Promise((r) => setTimeout(r, 200)); }
      }
    },
  };
}
