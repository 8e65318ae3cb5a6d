import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../src-main/shared/logger.js';
import { RotatingLogFile } from '../../src-main/shared/log-file.js';
import { tempDir } from '../helpers/temp.js';

function capture(debugContent: boolean) {
  const lines: string[] = [];
  const { logger } = createLogger({ level: 'info', debugContent, stream: { write: (l: string) => void lines.push(l) } });
  return { logger, lines };
}

test('keys, tokens, phone numbers and message bodies never reach the log', () => {
  const { logger, lines } = capture(false);
  logger.info({ apiKey: 'sk-ant-api03-aaaaaaaaaaaaaaaa', e164: '+14155550123', body: 'deploy the secret plan', nested: { token: 'abc', note: 'call +447700900123' } }, 'got message from +14155550123 with Bearer abcdefghijklmnop');
  const out = lines.join('');
  for (const secret of ['sk-ant-api03', '4155550123', 'deploy the secret plan', '"abc"', '7700900123', 'abcdefghijklmnop']) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
  assert.match(out, /"body":"\[22 chars\]"/);
  assert.match(out, /\+…23/);
});

test('--debug-log-content lets bodies through but still hides keys', () => {
  const { logger, lines } = capture(true);
  logger.info({ body: 'deploy the plan', apiKey: 'sk-ant-api03-aaaaaaaaaaaaaaaa' }, 'x');
  assert.match(lines.join(''), /deploy the plan/);
  assert.doesNotMatch(lines.join(''), /sk-ant-api03/);
});

test('errors keep their message and code, with secrets scrubbed', () => {
  const { logger, lines } = capture(false);
  const err = Object.assign(new Error('fetch http://h/?token=s3cr3tvalue failed'), { code: 'ECONNREFUSED' });
  logger.error({ err }, 'failed');
  const out = lines.join('');
  assert.match(out, /ECONNREFUSED/);
  assert.doesNotMatch(out, /s3cr3tvalue/);
});

test('the log file rotates by size and keeps a bounded number of files', (t) => {
  const dir = tempDir(t);
  const file = new RotatingLogFile({ path: join(dir, 'app.log'), maxBytes: 1000, keep: 2 });
  for (let i = 0; i < 100; i++) file.write(`${'x'.repeat(90)} ${String(i).padStart(3, '0')}\n`);
  file.close();
  assert.deepEqual(readdirSync(dir).sort(), ['app.log', 'app.log.1', 'app.log.2']);
  assert.match(readFileSync(join(dir, 'app.log'), 'utf8'), / 099\n$/);
});
