// Fuzzing what arrives from Signal. 10,000 generated Content payloads (structured with odd values
// and unknown fields, truncated, bit-flipped, noise) through the content parser: each is an
// event the chat layer can trust (it passes the stored-event schema, its ranges lie inside the
// body, a stranger's message never looks like the owner's Note to Self), something ignored, or a
// SIGNAL_MALFORMED error with a sentence — never anything else. Then contents generated in the
// mock's own message shape go through the whole receive path of a running daemon (decrypt,
// store, ack, chat), from the owner and from a stranger: the daemon keeps working and nothing a
// stranger sends reaches a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Aci } from '@signalapp/libsignal-client';
import { parseContent } from '../../src-main/signal/receive/content-parser.js';
import { SignalError } from '../../src-main/signal/errors.js';
import { StoredEventSchema } from '../../src-main/signal/receive/inbound-events.js';
import { sendContent } from '../helpers/mock-signal.js';
import { startProduct } from '../helpers/product.js';
import { contentBytes } from './helpers/wire.js';
import { scenarioSeed } from './helpers/seed.js';
import { Owner } from './helpers/owner.js';
import { reply, text } from '../helpers/anthropic-server.js';

const RUNS = 10_000;
const E2E_RUNS = 120;

test(`${RUNS} generated Signal contents through the content parser: an event, ignored, or a clear SIGNAL_MALFORMED`, () => {
  const seed = scenarioSeed('fuzz-content');
  const ownBytes = Aci.parseFromServiceIdString(randomUUID()).getServiceIdBinary();
  const ownAci = Aci.fromUuidBytes(ownBytes).getServiceIdString();
  const strangerAci = randomUUID();
  const outcomes = { event: 0, ignored: 0, malformed: 0 };
  const reasons = new Map<string, number>();
  fc.assert(
    fc.property(contentBytes(ownBytes), fc.boolean(), (bytes, fromOwner) => {
      const ctx = { ownAci, sourceAci: fromOwner ? ownAci : strangerAci, sourceDevice: 2, sentAt: 1_700_000_000_000, receivedAt: 1_700_000_000_100, sealed: !fromOwner };
      let parsed;
      try {
        parsed = parseContent(bytes, ctx);
      } catch (error) {
        assert.ok(error instanceof SignalError, `only SignalError escapes, got ${String(error)}`);
        assert.equal(error.code, 'SIGNAL_MALFORMED');
        assert.match(error.message, /^[A-Z].{10,}\.$/, 'a sentence');
        outcomes.malformed++;
        return;
      }
      if (parsed.kind === 'ignored' || parsed.kind === 'retry-request' || parsed.kind === 'pni-change') {
        outcomes.ignored++;
        const reason = parsed.kind === 'ignored' ? parsed.reason : parsed.kind;
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        return;
      }
      outcomes.event++;
      const event = StoredEventSchema.parse(parsed.event);
      if (!fromOwner) {
        assert.equal(event.fromOwnAccount, false);
        assert.notEqual(event.conversation.kind, 'note-to-self', "a stranger's message never lands in Note to Self");
      }
      // With a long-text attachment the ranges are the full text's (cut to it once it is fetched).
      if ((event.type === 'message' || event.type === 'edit') && !parsed.attachments.some((a) => a.longText)) {
        for (const r of event.bodyRanges) assert.ok(r.start + r.length <= event.body.length, `range ${r.start}+${r.length} inside a body of ${event.body.length}`);
      }
      for (const a of parsed.attachments) assert.ok(a.pointer instanceof Uint8Array);
    }),
    { numRuns: RUNS, seed, includeErrorInReport: true },
  );
  console.log(`[fuzz-content] seed ${seed}: ${RUNS} contents → ${outcomes.event} events, ${outcomes.ignored} ignored (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}), ${outcomes.malformed} malformed`);
  assert.ok(outcomes.event > RUNS / 10 && outcomes.malformed > RUNS / 20 && outcomes.ignored > RUNS / 20, 'the generator reaches all three outcomes');
});

/** Content in the mock server's message shape (oneofs as nested objects), with odd values. */
function mockDataMessage(ownAci: Buffer) {
  const range = fc.record({ start: fc.nat(4000), length: fc.nat(100_000), associatedValue: fc.option(fc.record({ style: fc.integer({ min: 0, max: 5 }) }), { nil: undefined }) });
  return fc.record(
    {
      body: fc.oneof(fc.string({ maxLength: 400, unit: 'grapheme' }), fc.constantFrom('/help', '/status', '@nobody hi', 'yes abcd', '/projects'), fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'y'.repeat(n))),
      bodyRanges: fc.array(range, { maxLength: 4 }),
      quote: fc.option(fc.record({ id: fc.bigInt({ min: 0n, max: 2n ** 53n }), authorAciBinary: fc.constant(ownAci), text: fc.string({ maxLength: 40 }) }), { nil: undefined }),
      reaction: fc.option(fc.record({ emoji: fc.constantFrom('👍', '👎', '♾️', '🎉'), remove: fc.boolean(), targetAuthorAciBinary: fc.constant(ownAci), targetSentTimestamp: fc.bigInt({ min: 0n, max: 2n ** 50n }) }), { nil: undefined }),
      flags: fc.option(fc.nat(7), { nil: undefined }),
    },
    { requiredKeys: ['body'] },
  );
}

test(`${E2E_RUNS} generated contents through a running daemon's receiver, from the owner and a stranger`, { timeout: 240_000 }, async (t) => {
  const seed = scenarioSeed('fuzz-receive');
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' } });
  p.claude.fallback = () => reply([text('ok, noted')]);
  p.folder('fz');
  const owner = new Owner(p.phone);
  await owner.say('/add fz');
  await p.phone.waitFor((m) => m.body.includes('Added fz '), 'the /add confirmation');
  const stranger = await p.mock.createAccount('Stranger');
  await stranger.addSingleUseKey(p.phone.device, await p.phone.device.popSingleUseKey());
  const ownAci = Buffer.from(p.mock.phone.device.aciRawUuid);

  // Every turn queued, with the text it carried.
  const supervisor = p.daemon.services.supervisor;
  const queued: string[] = [];
  const enqueue = supervisor.enqueueTurn.bind(supervisor);
  supervisor.enqueueTurn = (projectId, inboxId, content) => {
    queued.push(JSON.stringify(content));
    return enqueue(projectId, inboxId, content);
  };

  let stamp = Date.now() - 10 * 60_000;
  const samples = fc.sample(fc.tuple(fc.boolean(), mockDataMessage(ownAci), fc.boolean()), { numRuns: E2E_RUNS, seed, includeErrorInReport: true });
  let fromStranger = 0;
  for (const [byStranger, data, asSync] of samples) {
    const timestamp = stamp++;
    const message = { timestamp: BigInt(timestamp), ...data, body: `${byStranger ? 'STRANGER ' : ''}${data.body}` };
    if (byStranger) {
      fromStranger++;
      await sendContent(stranger, p.phone.device, { content: { dataMessage: message } }, { timestamp });
    } else if (asSync) {
      await sendContent(p.mock.phone, p.phone.device, { content: { syncMessage: { content: { sent: { destinationServiceIdBinary: ownAci, timestamp: BigInt(timestamp), message } } } } }, { timestamp });
    } else {
      await sendContent(p.mock.phone, p.phone.device, { content: { dataMessage: message } }, { timestamp });
    }
  }
  // The daemon still works: a plain instruction gets its answer.
  p.claude.fallback = (request) => (JSON.stringify(request.body.messages.at(-1)).includes('final check') ? reply([text('FINAL-CHECK-OK')]) : reply([text('ok, noted')]));
  await owner.say('final check');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('FINAL-CHECK-OK'), 'the answer after the fuzzing', 120_000);
  const counts = p.daemon.services.signal.linkedSession?.receiver.counts;
  console.log(`[fuzz-receive] seed ${seed}: ${E2E_RUNS} contents (${fromStranger} from a stranger) → receiver ${JSON.stringify(counts)}; ${queued.length} turns queued`);
  assert.equal(counts?.failed, 0, 'nothing failed to store');
  assert.deepEqual(queued.filter((q) => q.includes('STRANGER')), [], "a stranger's message never reaches a session");
  assert.equal(p.daemon.health().ok, true);
});
