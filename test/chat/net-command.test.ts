// /net from the phone, through the whole product (Signal's mock server, the local Anthropic
// server, a real worker and the real command host): a project's commands have no network until
// the owner says /net on, a running session follows the change for its next command, and
// /status says how commands are confined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { probeSandbox } from '../../src-main/agent/sandbox/detect.js';
import { reply, text, toolUse } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';

const support = probeSandbox();

test('/net on lets the project\'s commands reach the network; off (the default) they cannot', { skip: support.kind !== 'bwrap' ? 'no bwrap sandbox here' : false }, async (t) => {
  let connections = 0;
  const listener = createServer((socket) => {
    connections++;
    socket.end('hello\n');
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  t.after(() => listener.close());
  const port = (listener.address() as { port: number }).port;
  const connect = `node -e "require('net').connect(${port},'127.0.0.1').on('data',d=>process.stdout.write(String(d))).on('error',e=>{console.log(e.code);process.exit(1)})"`;

  const p = await startProduct(t);
  p.folder('web');
  await p.phone.say('/add web');
  await p.phone.waitFor((m) => m.body.includes('Added web'), 'added');
  await p.phone.say('/use web');
  await p.phone.waitFor((m) => m.body.includes('Now talking to web'), '/use');
  await p.phone.say('/mode bypassPermissions');
  await p.phone.waitFor((m) => m.body.includes('bypassPermissions'), '/mode');

  await p.phone.say('/net');
  const state = await p.phone.waitFor((m) => m.body.includes('Network for web'), '/net');
  assert.match(state.body, /Network for web's commands: off/);

  p.claude.enqueue(reply([toolUse('Bash', { command: connect })]), reply([text('No network.')]));
  await p.phone.say('call the local server');
  await p.phone.waitFor((m) => m.body.includes('No network.'), 'the first answer');
  assert.equal(connections, 0, 'the command could not reach the server');
  const firstResult = JSON.stringify(p.claude.messageRequests.at(-1)!.body.messages.at(-1)!.content);
  assert.match(firstResult, /the network is off for this project.*\/net on/);

  await p.phone.say('/net on');
  await p.phone.waitFor((m) => m.body.includes('may now use the network'), '/net on');
  p.claude.enqueue(reply([toolUse('Bash', { command: connect })]), reply([text('Reached it.')]));
  await p.phone.say('try again');
  await p.phone.waitFor((m) => m.body.includes('Reached it.'), 'the second answer');
  assert.equal(connections, 1, 'with the network on, the same command reached the server');

  await p.phone.say('/status');
  const status = await p.phone.waitFor((m) => m.body.includes('Commands run sandboxed'), '/status');
  assert.match(status.body, /Commands run sandboxed \(bubblewrap\): project folder writable, home hidden, network on/);
});
