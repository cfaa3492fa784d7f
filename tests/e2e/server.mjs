// A small static server for the end-to-end tests and screenshots: serves the built site and
// the test fixtures on 127.0.0.1 only, the site's `.gz` files as a production server would.
// No dependency: node's http module.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Starts a server: `/` maps to `siteDir`, `/fixtures/` to `fixturesDir`; with `defaultData`, the
 * site's default export (`data/partenariats.json`) is that file instead, so that tests do not
 * depend on the live export.
 * `/fixtures/generated/junk-<MB>.json` streams that many megabytes of junk, to test the size limit;
 * `/fixtures/redirect?to=<url>` redirects there; any file with `?slow` comes in pieces a few
 * milliseconds apart, with `?gzip` compressed, with `?cors` readable from any other site.
 * Resolves to { url, close }.
 */
export function startServer({ siteDir, fixturesDir, defaultData, port = 0 }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/fixtures/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to'), 'access-control-allow-origin': '*' });
      return res.end();
    }
    const junk = url.pathname.match(/^\/fixtures\/generated\/junk-(\d+)\.json$/);
    if (junk) {
      const size = Number(junk[1]) * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      for (let sent = 0; sent < size; sent += chunk.length) res.write(chunk);
      return res.end();
    }
    let root = siteDir;
    let rel = decodeURIComponent(url.pathname);
    if (rel.startsWith('/fixtures/')) { root = fixturesDir; rel = rel.slice('/fixtures'.length); }
    // The site again under a sub-path, as a CMS would serve it.
    if (rel.startsWith(SUB_PATH)) rel = rel.slice(SUB_PATH.length - 1);
    const replaced = defaultData && root === siteDir && rel === '/data/partenariats.json';
    const file = replaced ? defaultData : path.normalize(path.join(root, rel.endsWith('/') ? rel + 'index.html' : rel));
    if (!replaced && !file.startsWith(path.normalize(root))) { res.writeHead(403); return res.end('forbidden'); }
    // As nginx's gzip_static: the site's precompressed `.gz` when the browser takes gzip.
    const takesGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const gzipped = takesGzip && !replaced && fs.existsSync(`${file}.gz`);
    fs.readFile(gzipped ? `${file}.gz` : file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('not found'); }
      // `?gzip`: compressed here, its compressed length declared (as for a static .gz).
      const compress = !gzipped && (url.searchParams.has('gzip') || (replaced && takesGzip));
      if (compress) body = zlib.gzipSync(body, { level: 1 });
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length, vary: 'accept-encoding' };
      if (gzipped || compress) headers['content-encoding'] = 'gzip';
      if (url.searchParams.has('cors')) headers['access-control-allow-origin'] = '*';
      res.writeHead(200, headers);
      if (!url.searchParams.has('slow')) return res.end(body);
      // `?slow`: the body in 256 KB pieces a few milliseconds apart, as a real network sends it.
      let sent = 0;
      const next = () => {
        if (sent >= body.length) return res.end();
        res.write(body.subarray(sent, sent + 256 * 1024));
        sent += 256 * 1024;
        setTimeout(next, 5);
      };
      next();
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const SUB_PATH = '/sous/dossier/';

/** The files of the default page's first view, as the benchmarks weigh it. */
export const FIRST_VIEW = ['index.html', 'carte-partenariats.js', 'carte-partenariats_bg.wasm', 'style.css', 'data/partenariats.json'];

/**
 * Bytes a server sends for one file of the site: its precompressed `.gz` (Zopfli, made by
 * `make dist`) when there is one, else gzip level 9, the best a server compressing on the fly does.
 */
export function sentBytes(file) {
  return fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// As root in a sandboxed machine Chromium needs --no-sandbox; the others stop it from
// reaching out to the network, which is closed here.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
