// A --signal-config for a Signal server that is not there: real certificates (from Signal's
// mock server package) but a loopback port nobody listens on, so linking fails at once.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { tempDir } from './temp.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function unreachableSignalConfig(t: Pick<TestContext, 'after'>): Promise<string> {
  const { loadCertificates } = await import('@signalapp/mock-server');
  const url = `https://127.0.0.1:${await closedPort()}`;
  const config = { chatUrl: url, storageUrl: url, cdnUrls: { '0': url, '2': url, '3': `${url}/cdn3` }, ...(await loadCertificates()) };
  const path = join(tempDir(t), 'signal-config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}
