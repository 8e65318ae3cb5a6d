// Fuzzing the chat layer. 10,000 generated lines (commands with odd arguments, mentions, approval
// answers, Unicode tricks, huge text) through the input parser; then generated inbox events
// (any sender, any conversation, messages, edits, reactions, deletes, quotes of real and made-up
// messages, attachments that do not exist) through the running daemon's ChatService. It never
// throws and leaves no unhandled rejection; and — the property that matters — nothing reaches a
// session (a queued turn, an approval answer, a stop, a new session, a new project) unless it is
// the owner's own message in Note to Self.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { COMMAND_NAMES, parseInput } from '../../src-main/chat/parse-input.js';
import type { InboundEvent } from '../../src-main/signal/receive/inbound-events.js';
import { reply, text } from '../helpers/anthropic-server.js';
import { startProduct } from '../helpers/product.js';
import { Owner } from './helpers/owner.js';
import { scenarioSeed } from './helpers/seed.js';

const LINES = 10_000;
const EVENTS = 3_000;

const word = fc.oneof(fc.constantFrom('fz1', 'fz2', 'nope', '..', '../..', '/etc', '~', 'abcd', 'always', '-rf', '*', '$(id)', '`id`', ''), fc.string({ maxLength: 12 }));
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_NAMES, 'nosuch', 'HELP', 'Add', 'usr'), fc.array(word, { maxLength: 4 })).map(([c, args]) => `/${c} ${args.join(' ')}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('@fz1', '@fz2', '@nope', '@', '@@x', '@fz1/'), fc.string({ maxLength: 40 })).map(([m, t]) => `${m} ${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('yes', 'no', 'always', 'ok', 'y', 'n', 'deny', 'allow'), fc.oneof(fc.stringMatching(/^#?[0-9a-f]{4,8}$/), word), fc.string({ maxLength: 20 })).map((p) => p.join(' ')) },
  { weight: 3, arbitrary: fc.string({ maxLength: 200, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('\u202e/stop', '/stop\u0000', ' /help ', '//help', '/', '@fz1', '@fz1 /stop', '/add fz1 fz1', '/mode', '/mode yolo', '/history 999999999999', '/history -1', '/undo', '/diff ../../etc/passwd') },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 120_000 }).map((n) => `do ${'z'.repeat(n)}`) },
);

test(`${LINES} generated lines through the chat input parser`, () => {
  const seed = scenarioSeed('fuzz-parse');
  const kinds = new Map<string, number>();
  fc.assert(
    fc.property(line, (raw) => {
      const parsed = parseInput(raw);
      kinds.set(parsed.kind, (kinds.get(parsed.kind) ?? 0) + 1);
      if (parsed.kind === 'command') assert.ok((COMMAND_NAMES as readonly string[]).includes(parsed.name));
      if (parsed.kind === 'approval') assert.match(parsed.id, /^[0-9a-f]{4,8}$/);
      if (parsed.kind === 'instruction' && parsed.project !== undefined) assert.match(parsed.project, /^[\p{L}\p{N}_.-]+$/u);
      if (raw.trim() === '') assert.equal(parsed.kind, 'empty');
    }),
    { numRuns: LINES, seed, includeErrorInReport: true },
  );
  console.log(`[fuzz-parse] seed ${seed}: ${LINES} lines → ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
});

test(`${EVENTS} generated inbox events through the running ChatService: only the owner's Note to Self reaches a session`, { timeout: 400_000 }, async (t) => {
  const seed = scenarioSeed('fuzz-chat');
  const p = await startProduct(t, { settings: { permissionMode: 'bypassPermissions' } });
  p.claude.fallback = () => reply([text('ok, done')]);
  const owner = new Owner(p.phone);
  for (const name of ['fz1', 'fz2']) {
    p.folder(name);
    await owner.say(`/add ${name}`);
    await p.phone.waitFor((m) => m.body.includes(`Added ${name} `), `the /add ${name} confirmation`);
  }
  const ownAci = p.daemon.services.signal.ownAci();
  assert.ok(ownAci);

  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  t.after(() => process.off('unhandledRejection', onRejection));

  // What "reaching a session" means, recorded per event.
  const { supervisor, projects } = p.daemon.services;
  let current: InboundEvent | undefined;
  const reached: Array<{ what: string; event: InboundEvent }> = [];
  const spy = <T extends object, K extends keyof T>(target: T, key: K, what: string) => {
    const original = target[key] as unknown as (...args: unknown[]) => unknown;
    (target as Record<K, unknown>)[key] = ((...args: unknown[]) => {
      if (current) reached.push({ what, event: current });
      return original.apply(target, args);
    }) as T[K];
  };
  spy(supervisor, 'enqueueTurn', 'turn queued');
  spy(supervisor, 'answerApproval', 'approval answered');
  spy(supervisor, 'stopTurn', 'turn stopped');
  spy(supervisor, 'newSession', 'new session');
  spy(supervisor, 'setMode', 'mode changed');
  spy(projects, 'add', 'project added');

  // Timestamps of messages the app really sent (quotes and reactions may point at them).
  const sentStamps = () => p.phone.shown.map((m) => m.timestamp);
  const stranger = randomUUID();
  let inboxId = 1_000_000;
  const event: fc.Arbitrary<Omit<InboundEvent, 'inboxId'>> = fc
    .record({
      sourceAci: fc.oneof({ weight: 3, arbitrary: fc.constant(ownAci) }, fc.constant(stranger), fc.uuid(), fc.constant(ownAci.toUpperCase())),
      device: fc.integer({ min: 1, max: 5 }),
      fromOwnAccount: fc.boolean(),
      conversation: fc.oneof({ weight: 2, arbitrary: fc.constant({ kind: 'note-to-self' as const }) }, fc.oneof(fc.uuid(), fc.constant(ownAci), fc.constant(stranger)).map((aci) => ({ kind: 'direct' as const, aci }))),
      type: fc.constantFrom('message', 'message', 'message', 'edit', 'reaction', 'delete'),
      body: line,
      target: fc.oneof(fc.nat(), fc.constant(-1)),
      emoji: fc.constantFrom('👍', '👎', '♾️', '👍🏽', '🎉', ''),
      remove: fc.boolean(),
      quote: fc.boolean(),
      attachments: fc.array(fc.record({ id: fc.integer({ min: -5, max: 1_000_000 }), contentType: fc.constantFrom('image/png', 'text/plain', 'application/pdf', 'text/x-signal-plain'), size: fc.nat(), status: fc.constantFrom('pending', 'ready', 'failed') }), { maxLength: 2 }),
    })
    .map((r) => {
      const stamps = sentStamps();
      const targetSentAt = r.target >= 0 && stamps.length > 0 ? stamps[r.target % stamps.length]! : Date.now() + r.target;
      const common = { source: { aci: r.sourceAci, device: r.device }, sentAt: Date.now(), receivedAt: Date.now(), sealed: r.sourceAci !== ownAci, fromOwnAccount: r.fromOwnAccount, conversation: r.conversation };
      switch (r.type) {
        case 'reaction':
          return { ...common, type: 'reaction' as const, emoji: r.emoji, remove: r.remove, targetAuthorAci: ownAci, targetSentAt };
        case 'delete':
          return { ...common, type: 'delete' as const, targetSentAt };
        case 'edit':
          return { ...common, type: 'edit' as const, body: r.body, bodyRanges: [], attachments: [], targetSentAt };
        default:
          return { ...common, type: 'message' as const, body: r.body, bodyRanges: [], attachments: r.attachments, ...(r.quote ? { quote: { targetSentAt } } : {}) };
      }
    });

  const chat = p.daemon.services.chat;
  let authorized = 0;
  await fc.assert(
    fc.asyncProperty(event, async (generated) => {
      const e = { ...generated, inboxId: inboxId++ } as InboundEvent;
      const owners = e.source.aci.toLowerCase() === ownAci.toLowerCase() && e.fromOwnAccount && e.conversation.kind === 'note-to-self';
      if (owners) authorized++;
      const before = reached.length;
      current = e;
      try {
        await chat.handle(e);
      } finally {
        current = undefined;
      }
      if (!owners) assert.deepEqual(reached.slice(before).map((r) => r.what), [], `a message not from the owner's Note to Self reached a session: ${JSON.stringify(e).slice(0, 300)}`);
    }),
    { numRuns: EVENTS, seed, includeErrorInReport: true },
  );
  const kinds = new Map<string, number>();
  for (const r of reached) kinds.set(r.what, (kinds.get(r.what) ?? 0) + 1);
  console.log(`[fuzz-chat] seed ${seed}: ${EVENTS} events (${authorized} the owner's Note to Self) → ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; chat health: ${chat.health().detail}`);
  assert.ok((kinds.get('turn queued') ?? 0) > 0, 'some owner instructions reached a session (the property is not vacuous)');

  for (const project of projects.list()) assert.ok(project.path.startsWith(`${p.root}/`), `a project stays inside the allowed root: ${project.path}`);
  // Still working afterwards.
  assert.deepEqual(rejections, [], 'no unhandled rejection');
  assert.equal(chat.health().state, 'running');
  p.claude.fallback = (request) => (JSON.stringify(request.body.messages.at(-1)).includes('after the fuzz') ? reply([text('STILL-WORKING')]) : reply([text('ok, done')]));
  // The fuzzing may have filled fz2's queue to its limit (a 21st instruction is answered, not
  // queued): /stop drops what waits, as the owner would, then the next instruction runs.
  const shownBefore = p.phone.shown.length;
  await owner.say('@fz2 /stop');
  await p.phone.waitFor((m) => p.phone.shown.indexOf(m) >= shownBefore && /Stopped|Dropped|Nothing is running/.test(m.body), 'the /stop answer', 60_000);
  await owner.say('@fz2 after the fuzz');
  await p.phone.waitFor((m) => m.kind === 'notify' && m.body.includes('STILL-WORKING'), 'an answer after the fuzzing', 180_000);
});
