// /websearch from the phone, through the whole product (real worker threads, the local Anthropic
// server streaming Anthropic's web search blocks): off by default (no web_search tool offered);
// on, the tool is offered from the next instruction, a search shows in the progress message
// with its results, its blocks go back to the API unchanged, and each search counts $0.01.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reply, text, webSearch } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

const hasWebSearch = (body: { tools?: { name: string }[] }) => (body.tools ?? []).some((t) => t.name === 'web_search');

test('/websearch on offers Anthropic\'s web search; a search shows in the progress, goes back unchanged and is billed per search', async (t) => {
  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');

  p.claude.enqueue(reply([text('No search here.')]));
  await p.phone.say('what is new in node?');
  await p.phone.waitFor((m) => m.body.includes('No search here.'), 'an answer without search');
  assert.equal(hasWebSearch(p.claude.messageRequests.at(-1)!.body), false, 'off by default');

  await p.phone.say('/websearch');
  await p.phone.waitFor((m) => m.body.includes('Web search is off in web') && m.body.includes('$10 per 1,000 searches'), 'off, and what it costs');
  await p.phone.say('/websearch on');
  await p.phone.waitFor((m) => m.body.includes('Web search is now on in web from the next instruction'), 'on');
  const costBefore = p.daemon.services.supervisor.costByProject()[0]!.costUsd;

  p.claude.enqueue(
    reply([webSearch('node 24 release notes', [{ url: 'https://nodejs.org/en/blog/release/v24.0.0', title: 'Node.js 24.0.0' }, { url: 'https://example.com/n24', title: 'What is new in Node 24' }]), text('Node 24 ships npm 11.')], { stopReason: 'end_turn', usage: { output_tokens: 1 } }),
  );
  await p.phone.say('search: what is new in node 24?');
  await p.phone.waitFor((m) => m.body.includes('Node 24 ships npm 11.'), 'the answer');
  const request = p.claude.messageRequests.at(-1)!.body;
  assert.ok(hasWebSearch(request), 'the tool is offered once on');
  const shown = p.phone.shown.map((m) => m.body).join('\n');
  assert.match(shown, /WebSearch "node 24 release notes"/, 'the search shows in the progress message');
  const costAfter = p.daemon.services.supervisor.costByProject()[0]!.costUsd;
  assert.ok(costAfter - costBefore >= 0.01, `the search counts $0.01 (${costBefore} → ${costAfter})`);

  p.claude.enqueue(reply([text('It also drops old flags.')]));
  await p.phone.say('anything else?');
  await p.phone.waitFor((m) => m.body.includes('It also drops old flags.'), 'the next answer');
  const next = p.claude.messageRequests.at(-1)!.body;
  const assistant = next.messages.filter((m) => m.role === 'assistant').at(-1)!;
  assert.ok(Array.isArray(assistant.content));
  const types = assistant.content.map((b) => b.type);
  assert.deepEqual(types.slice(0, 3), ['server_tool_use', 'web_search_tool_result', 'text'], `the search goes back as it came: ${types.join(', ')}`);
  const result = assistant.content[1] as { content?: { encrypted_content?: string }[] };
  assert.equal(result.content?.[0]?.encrypted_content, Buffer.from('https://nodejs.org/en/blog/release/v24.0.0').toString('base64'), 'results unchanged');

  await p.phone.say('/websearch off');
  await p.phone.waitFor((m) => m.body.includes('Web search is now off in web'), 'off again');
  p.claude.enqueue(reply([text('Offline answer.')]));
  await p.phone.say('and now?');
  await p.phone.waitFor((m) => m.body.includes('Offline answer.'), 'answer');
  assert.equal(hasWebSearch(p.claude.messageRequests.at(-1)!.body), false, 'not offered once off');
});
