// Who the loopback server answers: a page on another site that resolves its name to 127.0.0.1
// (DNS rebinding) still sends its own Host and is refused, and no API call runs without the
// token printed at start-up, whether it comes as a Bearer header or as ?token=.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { isAllowedHost, presentedToken, tokenMatches } from '../../src-main/host/http-auth.js';

const PORT = 4321;
const request = (headers: IncomingMessage['headers']): IncomingMessage => ({ headers }) as IncomingMessage;
const url = (query = ''): URL => new URL(`http://127.0.0.1:${PORT}/api/status${query}`);

test('requests addressed to this machine are answered, on its port or without one', () => {
  for (const host of ['127.0.0.1', 'localhost', '[::1]', `127.0.0.1:${PORT}`, `localhost:${PORT}`, `[::1]:${PORT}`, ` LOCALHOST:${PORT} `]) {
    assert.equal(isAllowedHost(host, PORT), true, host);
  }
});

test('a DNS-rebinding page, another port, a look-alike name or no Host at all is refused', () => {
  for (const host of [
    undefined,
    '',
    'evil.example',
    `evil.example:${PORT}`,
    `127.0.0.1:${PORT + 1}`,
    `localhost:${PORT}0`,
    '127.0.0.1.evil.example',
    'localhost.evil.example',
    `127.0.0.2:${PORT}`,
    '[::2]',
    `[::1]:${PORT}:1`,
    `127.0.0.1:${PORT}x`,
    `127.0.0.1:`,
    `x127.0.0.1:${PORT}`,
    'evil:[::1]',
  ]) {
    assert.equal(isAllowedHost(host, PORT), false, String(host));
  }
});

test('the token is read from "Authorization: Bearer …" first, else from ?token=', () => {
  assert.equal(presentedToken(request({ authorization: 'Bearer  s3cret ' }), url()), 's3cret');
  assert.equal(presentedToken(request({ authorization: 'Bearer s3cret' }), url('?token=other')), 's3cret');
  assert.equal(presentedToken(request({}), url('?token=s3cret')), 's3cret');
  assert.equal(presentedToken(request({ authorization: 'Basic czNjcmV0' }), url('?token=q')), 'q', 'another scheme is not a token');
  assert.equal(presentedToken(request({ authorization: 'Basic czNjcmV0' }), url()), undefined);
  assert.equal(presentedToken(request({}), url()), undefined);
});

test('only the exact start-up token opens the API: a wrong, shorter, longer or missing one does not', () => {
  const token = 'a1b2c3d4e5';
  assert.equal(tokenMatches(token, token), true);
  for (const wrong of [undefined, '', 'a1b2c3d4e6', 'a1b2c3d4e', 'a1b2c3d4e55', 'A1B2C3D4E5']) {
    assert.equal(tokenMatches(wrong, token), false, String(wrong));
  }
});
