// A loopback port that was free a moment ago: nothing listens there, so a client gets
// "connection refused" at once — an endpoint that cannot be reached, without a network to cut.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
