import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificates } from '@signalapp/mock-server';
import { ConfigError } from '../../src-main/shared/errors.js';
import { createNet } from '../../src-main/signal/connection/net-factory.js';
import { loadServerConfig, parseServerConfig, PRODUCTION_SERVER_CONFIG } from '../../src-main/signal/server-config.js';
import { tempDir } from '../helpers/temp.js';

async function mockConfig(url = 'https://127.0.0.1:4443') {
  return { chatUrl: url, storageUrl: url, cdnUrls: { '0': url, '2': url, '3': `${url}/cdn3/` }, ...(await loadCertificates()) };
}

test('a --signal-config file shaped like the outside contract is accepted (mock server values)', async (t) => {
  const path = join(tempDir(t), 'signal.json');
  writeFileSync(path, JSON.stringify(await mockConfig()));
  const config = loadServerConfig(path);
  assert.equal(config.environment, 'custom');
  assert.equal(config.chatUrl, 'https://127.0.0.1:4443');
  assert.equal(config.cdnUrls[3], 'https://127.0.0.1:4443/cdn3', 'trailing slash dropped');
  assert.equal(config.serverTrustRoots.length, 1);
  assert.match(config.certificateAuthority ?? '', /BEGIN CERTIFICATE/);
});

test('without the flag the app talks to Signal itself', () => {
  assert.equal(loadServerConfig(undefined), PRODUCTION_SERVER_CONFIG);
  assert.equal(PRODUCTION_SERVER_CONFIG.chatUrl, 'https://chat.signal.org');
  assert.equal(PRODUCTION_SERVER_CONFIG.serverTrustRoots.length, 2);
});

test('a broken config names the field and the file', async (t) => {
  const good = await mockConfig();
  const cases: Array<[unknown, RegExp]> = [
    [{ ...good, chatUrl: 'http://127.0.0.1:1' }, /chatUrl should be an https:\/\/ URL/],
    [{ ...good, serverTrustRoots: ['AAAA'] }, /serverTrustRoots\.0 should be a trust root of 33 bytes/],
    [{ ...good, cdnUrls: { '0': good.chatUrl } }, /cdnUrls\.2/],
    [{ ...good, certificateAuthority: 'not a pem' }, /certificateAuthority should be a PEM certificate/],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => parseServerConfig(json, 'test.json'), (e: unknown) => e instanceof ConfigError && e.code === 'CONFIG_INVALID' && message.test(e.message) && e.message.includes('test.json'));
  }
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bad.json'), '{ not json');
  assert.throws(() => loadServerConfig(join(dir, 'bad.json')), /not valid JSON/);
  assert.throws(() => loadServerConfig(join(dir, 'missing.json')), (e: unknown) => e instanceof ConfigError && e.code === 'CONFIG_UNREADABLE');
});

test('a non-production server must be on this machine (libsignal\u2019s local mode)', async () => {
  const config = parseServerConfig(await mockConfig('https://signal.example.org:443'), 'remote.json');
  assert.throws(() => createNet(config, 'test'), /not this machine/);
});
