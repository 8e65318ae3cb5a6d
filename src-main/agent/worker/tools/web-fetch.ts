// WebFetch {url, prompt}: Claude Code's tool for reading a web page. It asks the owner first in
// every mode but bypassPermissions (the URL is in the request), unless a rule allows the host:
// `WebFetch(domain:docs.python.org)`, `WebFetch(domain:*.example.com)`. Claude Code hands the
// page to a small model and returns its answer to the prompt; here Claude gets the page itself as
// Markdown (capped at MAX_PAGE_CHARS), with the prompt repeated above it, and answers from it.
// It runs in the worker, not in the Bash sandbox: the network switch (/net) is about commands.
import { z } from 'zod';
import { defineTool } from './define.js';
import { failed, ok } from './types.js';
import { fetchPage, MAX_PAGE_CHARS, normalizeUrl } from './web-page.js';

/** What WebFetch rules match: `domain:` and the host name, lower case. */
export function webFetchTarget(url: URL): string {
  return `domain:${url.hostname.toLowerCase()}`;
}

export const webFetchTool = defineTool({
  name: 'WebFetch',
  kind: 'web',
  description: [
    'Fetches a web page and returns its main content as Markdown, for you to answer the prompt from.',
    '- The URL must be a fully-formed http(s) URL; http is upgraded to https (except for localhost).',
    '- Each new host needs the owner\'s approval unless a rule allows it, so fetch only what the task needs.',
    `- Long pages are cut at ${MAX_PAGE_CHARS.toLocaleString('en-US')} characters.`,
    '- When a page redirects to another host, the result names the new URL: fetch that one with a new call.',
    '- Read-only: it never sends data beyond the request itself.',
  ].join('\n'),
  inputSchema: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', description: 'The URL to fetch content from' },
      prompt: { type: 'string', description: 'What to find out from the page' },
    },
    required: ['url', 'prompt'],
    additionalProperties: false,
  },
  parse: z.object({ url: z.string().min(1).max(2000), prompt: z.string().max(10_000) }),
  ruleTarget: async (input) => {
    const url = normalizeUrl(input.url);
    if (typeof url === 'string') throw new Error(url);
    return webFetchTarget(url);
  },
  summarize: (input) => {
    const url = normalizeUrl(input.url);
    return `fetch ${typeof url === 'string' ? input.url : url.href}`;
  },
  subject: async (input) => {
    const url = normalizeUrl(input.url);
    return typeof url === 'string' ? undefined : { kind: 'url', url: url.href };
  },
  async run(input, ctx) {
    const url = normalizeUrl(input.url);
    if (typeof url === 'string') return failed(url);
    const page = await fetchPage(url, ctx.signal);
    if (page.kind === 'error') return failed(page.message);
    if (page.kind === 'redirect') {
      return ok(`${page.url} redirects to another host: ${page.to}\nTo read it, call WebFetch again with url "${page.to}".`);
    }
    const head = [
      `URL: ${page.url}${page.title ? ` — ${page.title}` : ''} (${page.contentType}${page.cut ? `, cut at ${MAX_PAGE_CHARS.toLocaleString('en-US')} characters` : ''})`,
      `Prompt: ${input.prompt}`,
      '',
    ].join('\n');
    return ok(`${head}\n${page.text || '(the page has no readable text)'}`);
  },
});
