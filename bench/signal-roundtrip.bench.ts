// Round trip: the phone (its own process) sends a text; the app stores it (persist before ack),
// hands it to an echo handler that marks it handled and queues the reply in one transaction,
// and the outbox job sends the reply to Note to Self; timed until the phone has decrypted the
// echo. Next to it, in the same run: a bare request/response on the same chat socket
// (GET /v1/keepalive), the transport's floor.
import { isMain, ms, percentile, printTable, ratio, type BenchRow } from './lib/report.js';
import { linkedApp, startPhoneHost } from './lib/signal-setup.js';

const N = 200;
const WARMUP = 20;

export async function run(): Promise<BenchRow[]> {
  const host = await startPhoneHost();
  const app = await linkedApp(host);
  const stop = new AbortController();
  try {
    const { service, store } = app;
    const echo = (async () => {
      for await (const event of service.inbound(stop.signal)) {
        store.transaction(() => {
          service.markHandled(event.inboxId);
          if (event.type === 'message') service.send({ to: { kind: 'note-to-self' }, notify: true, body: event.body });
        });
      }
    })();

    await host.request({ cmd: 'pingpong', deviceKey: app.deviceKey, n: WARMUP });
    const { latencies } = await host.request<{ latencies: number[] }>({ cmd: 'pingpong', deviceKey: app.deviceKey, n: N });

    const connection = service.linkedSession?.connection;
    if (!connection) throw new Error('not connected');
    const floor: number[] = [];
    for (let i = 0; i < N; i++) {
      const started = performance.now();
      await connection.request('GET', '/v1/keepalive');
      floor.push(performance.now() - started);
    }
    stop.abort();
    await echo;

    const [p50, p99, f50, f99] = [percentile(latencies, 50), percentile(latencies, 99), percentile(floor, 50), percentile(floor, 99)];
    return [
      { figure: `round trip phone → app echo → phone, p50 (${N} msgs)`, value: ms(p50), goal: '≤ 25 ms', baseline: `keepalive request p50 ${ms(f50)} (${ratio(p50, f50)})` },
      { figure: `round trip phone → app echo → phone, p99 (${N} msgs)`, value: ms(p99), goal: '≤ 100 ms', baseline: `keepalive request p99 ${ms(f99)} (${ratio(p99, f99)})` },
    ];
  } finally {
    stop.abort();
    await app.close();
    await host.close();
  }
}

if (isMain(import.meta.url)) printTable(await run());
