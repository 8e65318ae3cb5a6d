// WebFetch against a real HTTP server on 127.0.0.1: what Claude reads of a page (its main content
// as Markdown, links absolute), of text and JSON, and the clear results for what it cannot read.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fetchPage, MAX_PAGE_BYTES, MAX_PAGE_CHARS, normalizeUrl, type PageResult } from '../../../../src-main/agent/worker/tools/web-page.js';

const ARTICLE = `<!doctype html><html><head><title>Install guide</title><script>track()</script><style>p{}</style></head>
<body><nav><a href="/">Home</a> · <a href="/blog">Blog</a></nav>
<article><h1>Installing the tool</h1><p>Run <code>npm install tool</code>, then read <a href="/docs/config">the configuration page</a>.</p>
<pre><code>npm test</code></pre><p>${'This paragraph explains the options in detail. '.repeat(20)}</p></article>
<footer>© Someone · <a href="/privacy">Privacy</a></footer></body></html>`;

let server: Server;
let base: string;
const routes: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/guide': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
  '/notes.txt': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('line one\nline two\n'),
  '/data.json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"1.2.3"}'),
  '/logo.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64)),
  '/gone': (res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<p>no</p>'),
  '/moved': (res) => res.writeHead(301, { location: '/guide' }).end(),
  '/elsewhere': (res) => res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/guide` }).end(),
  '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
  '/huge': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_PAGE_BYTES + 1000)),
  '/latin1': (res) => res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
  '/slow': () => undefined, // never answers
};

before(async () => {
  server = createServer((req, res) => (routes[req.url ?? ''] ?? ((r) => r.writeHead(404).end()))(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const fetchFrom = async (path: string, signal = new AbortController().signal): Promise<PageResult> => fetchPage(normalizeUrl(base + path) as URL, signal);

describe('reading a page', () => {
  test('an HTML page becomes its main content in Markdown: no navigation, scripts or footer; links absolute', async () => {
    const page = await fetchFrom('/guide');
    assert.equal(page.kind, 'page');
    if (page.kind !== 'page') return;
    assert.equal(page.title, 'Install guide');
    assert.equal(page.contentType, 'text/html');
    assert.match(page.text, /Run `npm install tool`, then read \[the configuration page\]\(http:\/\/127\.0\.0\.1:\d+\/docs\/config\)\./);
    assert.match(page.text, /```\nnpm test\n```/);
    assert.doesNotMatch(page.text, /track\(\)|Privacy|Blog/);
    assert.equal(page.cut, false);
  });

  test('text and JSON come as they are, in their charset', async () => {
    assert.deepEqual(await fetchFrom('/notes.txt'), { kind: 'page', url: `${base}/notes.txt`, contentType: 'text/plain', text: 'line one\nline two\n', cut: false, title: undefined });
    const json = await fetchFrom('/data.json');
    assert.equal(json.kind === 'page' && json.text, '{"version":"1.2.3"}');
    const latin = await fetchFrom('/latin1');
    assert.equal(latin.kind === 'page' && latin.text, 'café');
  });

  test('a page over the cap is cut and says so', async () => {
    const page = await fetchFrom('/huge');
    assert.ok(page.kind === 'page');
    assert.equal(page.text.length, MAX_PAGE_CHARS);
    assert.equal(page.cut, true);
  });

  test('same-host redirects are followed; one to another host is handed back; a loop ends', async () => {
    const moved = await fetchFrom('/moved');
    assert.equal(moved.kind === 'page' && moved.url, `${base}/guide`);
    const elsewhere = await fetchFrom('/elsewhere');
    assert.deepEqual(elsewhere, { kind: 'redirect', url: `${base}/elsewhere`, to: `http://localhost:${(server.address() as AddressInfo).port}/guide` });
    const loop = await fetchFrom('/loop');
    assert.equal(loop.kind, 'error');
    assert.match(loop.kind === 'error' ? loop.message : '', /redirects more than 5 times/);
  });

  test('what cannot be read gets a sentence Claude can act on', async () => {
    const png = await fetchFrom('/logo.png');
    assert.match(png.kind === 'error' ? png.message : '', /is image\/png, not a text page.*curl/);
    const gone = await fetchFrom('/gone');
    assert.match(gone.kind === 'error' ? gone.message : '', /answered 404/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await fetchPage(new URL(`http://127.0.0.1:${port}/`), new AbortController().signal);
    assert.match(refused.kind === 'error' ? refused.message : '', /connection was refused/);
  });

  test('stopping the turn stops the fetch', async () => {
    const stop = new AbortController();
    const pending = fetchFrom('/slow', stop.signal);
    setTimeout(() => stop.abort(), 50);
    await assert.rejects(pending);
  });
});

describe('which addresses', () => {
  test('http is upgraded to https except on this computer; other schemes and credentials are refused', () => {
    assert.equal((normalizeUrl('http://example.com/a#frag') as URL).href, 'https://example.com/a');
    assert.equal((normalizeUrl('http://localhost:3000/') as URL).href, 'http://localhost:3000/');
    assert.equal((normalizeUrl('http://127.0.0.1:8080/x') as URL).protocol, 'http:');
    assert.match(normalizeUrl('file:///etc/passwd') as string, /http and https addresses only, not file:/);
    assert.match(normalizeUrl('https://user:pw@example.com/') as string, /credentials/);
    assert.match(normalizeUrl('not a url') as string, /Not a valid URL/);
  });
});
