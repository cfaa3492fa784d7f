// After tools/shrink-site.mjs (the page's scripts are final): writes into index.html the
// origins exports may come from besides the site's own (`data-origins` on the element the
// widget mounts in), and the site's Content-Security-Policy,
// with the hashes of the page's inline scripts (issue 13). The policy is also printed and
// written to content-security-policy.txt, for the server's header (docs/EMBED.md).
//
//   CARTE_DATA_ORIGINS="https://opendata.example.org https://data.example.net" make dist
//
// Each listed origin is a scheme and a host (and a port when not the default), nothing else: it
// is written as the browser writes origins, so that the widget (src/ui/origin.rs) compares like
// with like. Running it again on a built site replaces what an earlier run wrote.
//
// Usage: node tools/csp.mjs dist
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const site = path.resolve(process.argv[2] || 'dist');
const htmlFile = path.join(site, 'index.html');

function fail(message) {
  console.error(`csp: ${message}`);
  process.exit(1);
}

/** The listed origins, each checked and written as the browser writes it. */
export function parseOrigins(listed) {
  return listed.split(/[\s,]+/).filter(Boolean).map((entry) => {
    let url;
    try {
      url = new URL(entry);
    } catch {
      fail(`CARTE_DATA_ORIGINS: « ${entry} » n'est pas une origine (attendu par exemple https://opendata.example.org)`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || !['', '/'].includes(url.pathname) || url.search || url.hash) {
      fail(`CARTE_DATA_ORIGINS: « ${entry} » n'est pas une origine http(s) seule (schéma, hôte et port, sans chemin)`);
    }
    return url.origin;
  });
}

/** The policy: scripts from the site or by hash, WebAssembly compiled, data from the listed origins. */
export function policy(scriptHashes, origins) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    "style-src 'self'",
    // The PNG export draws the SVG picture from a blob: address; the page's icon is data:.
    "img-src 'self' blob: data:",
    ['connect-src', "'self'", ...origins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const sha256 = (text) => `sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const origins = parseOrigins(process.env.CARTE_DATA_ORIGINS || '');
  let html = fs.readFileSync(htmlFile, 'utf8')
    .replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/gi, '')
    .replace(/(<div id="?carte-root"?)[^>]*>/i, '$1>');
  // The origins, for the widget: on the element it mounts in (src/ui/config.rs).
  if (!/<div id="?carte-root"?>/i.test(html)) fail('no <div id="carte-root"> in index.html');
  if (origins.length) html = html.replace(/(<div id="?carte-root"?)>/i, `$1 data-origins="${origins.join(' ')}">`);
  // Trunk writes a nonce placeholder on its tags for its development server: a nonce fixed in a
  // file is no secret, so the build keeps none and allows its scripts by hash instead.
  html = html.replace(/\s+nonce=("[^"]*"|'[^']*'|[^\s>]+)/g, '');
  if (/\son[a-z]+=/i.test(html)) fail('an inline event handler (onload=…) in index.html: the policy allows none');
  if (/<style\b/i.test(html) || /\sstyle=/i.test(html)) fail('inline styles in index.html: the policy allows none');
  const hashes = [];
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/i.test(attributes) && body.length) hashes.push(sha256(body));
  }
  const text = policy(hashes, origins);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${text}">`;
  // First in <head> after the charset: the policy covers only what comes after it.
  const charset = /<meta charset=["']?utf-8["']?>/i.exec(html);
  if (!charset) fail('no <meta charset="utf-8"> in index.html');
  html = html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
  fs.writeFileSync(htmlFile, html);
  fs.writeFileSync(path.join(site, 'content-security-policy.txt'), `${text}\n`);
  console.log(`csp: ${hashes.length} inline script(s) by hash, data from 'self'${origins.map((o) => ` ${o}`).join('')}\nContent-Security-Policy: ${text}`);
}
