// A web page as Claude reads it: fetched with a size cap and a timeout, HTML reduced to its main
// content (Mozilla's Readability, the engine of Firefox's reader view) and converted to Markdown
// (turndown); plain text, Markdown and JSON kept as they are; anything binary refused with a
// sentence. Redirects are followed on the same host only: one to another host comes back to
// Claude as the new address, so the owner approves that host too (as Claude Code does).
// The converters load on the first fetch: a session that never fetches never pays for them.

/** What is read of a response at most; larger bodies are cut there. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/** How much of the converted page reaches Claude. */
export const MAX_PAGE_CHARS = 30_000;
export const FETCH_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

export type PageResult =
  | { readonly kind: 'page'; readonly url: string; readonly contentType: string; readonly text: string; readonly cut: boolean; readonly title?: string | undefined }
  | { readonly kind: 'redirect'; readonly url: string; readonly to: string }
  | { readonly kind: 'error'; readonly message: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The address to fetch: http and https only, no credentials in it; http is upgraded to https
 * except on this computer's loopback (a local dev server speaks plain http).
 */
export function normalizeUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `Not a valid URL: ${raw}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `WebFetch reads http and https addresses only, not ${url.protocol}`;
  if (url.username || url.password) return 'WebFetch does not send credentials inside a URL.';
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) url.protocol = 'https:';
  url.hash = '';
  return url;
}

async function readCapped(response: Response): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), cut: false };
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_PAGE_BYTES) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks).subarray(0, MAX_PAGE_BYTES), cut: true };
    }
  }
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const TEXTUAL = /^(?:text\/|application\/(?:json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|javascript|x-yaml|yaml|toml)\b)/i;

/** HTML → the page's main content in Markdown (the whole body when Readability finds no article). */
export async function htmlToMarkdown(html: string, url: string): Promise<{ markdown: string; title: string | undefined }> {
  const [{ parseHTML }, readability, { default: TurndownService }] = await Promise.all([import('linkedom'), import('@mozilla/readability'), import('turndown')]);
  // A CommonJS package: Node names its exports, a bundle hands over module.exports as `default`.
  const Readability = readability.Readability ?? readability.default.Readability;
  // A <base> makes Readability turn relative links into absolute ones Claude can fetch next.
  const withBase = /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, `<head$1><base href="${url.replace(/"/g, '&quot;')}">`) : html;
  const { document } = parseHTML(withBase);
  const article = new Readability(document as unknown as Document).parse();
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  turndown.remove(['script', 'style', 'noscript', 'iframe', 'form']);
  const source = article?.content ?? parseHTML(html).document.body?.innerHTML ?? '';
  const markdown = turndown.turndown(source).replace(/\n{3,}/g, '\n\n').trim();
  return { markdown, title: article?.title ?? undefined };
}

/** Fetches `url` (already normalized) and returns it as text Claude can read. */
export async function fetchPage(url: URL, signal: AbortSignal, fetcher: typeof fetch = fetch): Promise<PageResult> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetcher(current, {
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
        headers: { accept: 'text/html,text/markdown,text/plain,application/json;q=0.9,*/*;q=0.5', 'user-agent': 'signal-claude WebFetch' },
      });
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : describeFetchError(error);
      return { kind: 'error', message: `Could not fetch ${current.href}: ${reason}.` };
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      const next = normalizeUrl(new URL(location, current).href);
      if (typeof next === 'string') return { kind: 'error', message: `${current.href} redirects to an address WebFetch cannot read: ${next}` };
      if (next.host !== current.host) return { kind: 'redirect', url: current.href, to: next.href };
      current = next;
      continue;
    }
    const contentType = response.headers.get('content-type') ?? 'text/html';
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'error', message: `${current.href} answered ${response.status} ${response.statusText}.` };
    }
    if (!TEXTUAL.test(contentType) && !/html/i.test(contentType)) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'error', message: `${current.href} is ${contentType.split(';')[0]}, not a text page; WebFetch reads HTML and text. Use Bash with curl to download a file.` };
    }
    const { bytes, cut: bodyCut } = await readCapped(response);
    const raw = decode(bytes, contentType);
    const converted = /html/i.test(contentType) ? await htmlToMarkdown(raw, current.href) : { markdown: raw, title: undefined };
    const cut = bodyCut || converted.markdown.length > MAX_PAGE_CHARS;
    return { kind: 'page', url: current.href, contentType: contentType.split(';')[0]!.trim(), text: converted.markdown.slice(0, MAX_PAGE_CHARS), cut, title: converted.title };
  }
  return { kind: 'error', message: `${url.href} redirects more than ${MAX_REDIRECTS} times.` };
}

function describeFetchError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve (or this computer is offline)';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `its TLS certificate was not accepted (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}
