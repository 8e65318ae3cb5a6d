// Generators of Signal Content bytes for fuzzing, written with a tiny protobuf writer of our own
// (not the schema's encoder, which would refuse what we want to send): real field numbers with
// odd values (huge bodies, body ranges past the end, 64-bit timestamps, invalid UTF-8, wrong
// wire types), unknown fields anywhere, truncated and bit-flipped encodings, and plain noise.
import fc from 'fast-check';

type Field = Uint8Array;

function varint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const tag = (field: number, wire: number) => varint(BigInt(field) * 8n + BigInt(wire));
export const vint = (field: number, value: bigint): Field => concat([tag(field, 0), varint(value)]);
export const bytesField = (field: number, value: Uint8Array): Field => concat([tag(field, 2), varint(BigInt(value.length)), value]);
export const str = (field: number, value: string): Field => bytesField(field, new TextEncoder().encode(value));
export const msg = (field: number, parts: readonly Field[]): Field => bytesField(field, concat(parts));
const fixed64 = (field: number, value: bigint): Field => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return concat([tag(field, 1), b]);
};

/** Any 64-bit value: mostly plausible (timestamps, small numbers), sometimes the edges. */
const u64 = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(BigInt) },
  { weight: 2, arbitrary: fc.nat(1000).map(BigInt) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 2n ** 31n - 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) },
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 300, unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 100, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.constantFrom('/help', '/add ../../etc', '@shop do it', 'yes abcd', '/mode bypassPermissions', '/stop', '/new', '', '\u0000', '\u202e/evil') },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 600_000 }).map((n) => 'x'.repeat(n)) },
);
const stringBytes = fc.oneof(text.map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 64 }));
const aciBytes = fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 20 }));

/** Fields nobody defined: any number, any wire type. */
const unknownField: fc.Arbitrary<Field> = fc.oneof(
  fc.tuple(fc.integer({ min: 20, max: 536_870_911 }), u64).map(([f, v]) => vint(f, v)),
  fc.tuple(fc.integer({ min: 20, max: 536_870_911 }), fc.uint8Array({ maxLength: 40 })).map(([f, v]) => bytesField(f, v)),
  fc.tuple(fc.integer({ min: 20, max: 100_000 }), u64).map(([f, v]) => fixed64(f, v)),
);
const withUnknown = (known: fc.Arbitrary<Field[]>): fc.Arbitrary<Field[]> =>
  fc.tuple(known, fc.array(unknownField, { maxLength: 3 })).map(([k, u]) => [...k, ...u]);

const bodyRange = withUnknown(
  fc.tuple(fc.option(u64), fc.option(u64), fc.option(text), fc.option(fc.integer({ min: 0, max: 300 })), fc.option(aciBytes)).map(([start, length, mention, style, mentionBin]) => [
    ...(start === null ? [] : [vint(1, start)]),
    ...(length === null ? [] : [vint(2, length)]),
    ...(mention === null ? [] : [str(3, mention)]),
    ...(style === null ? [] : [vint(4, BigInt(style))]),
    ...(mentionBin === null ? [] : [bytesField(5, mentionBin)]),
  ]),
);
const attachment = withUnknown(
  fc.tuple(fc.option(text), fc.option(fc.uint8Array({ maxLength: 64 })), fc.option(u64), fc.option(text), fc.option(fc.uint8Array({ maxLength: 40 })), fc.option(text)).map(
    ([cdnKey, key, size, contentType, digest, fileName]) => [
      ...(cdnKey === null ? [] : [str(15, cdnKey)]),
      ...(key === null ? [] : [bytesField(3, key)]),
      ...(size === null ? [] : [vint(4, size)]),
      ...(contentType === null ? [] : [str(2, contentType)]),
      ...(digest === null ? [] : [bytesField(6, digest)]),
      ...(fileName === null ? [] : [str(7, fileName)]),
    ],
  ),
);

/** A DataMessage's fields: a text (body, ranges, attachments, quote), a reaction, a delete, a group message. */
export function dataMessage(ownAci: Uint8Array): fc.Arbitrary<Field[]> {
  const target = fc.oneof(fc.constant(ownAci), aciBytes);
  const maybe = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { freq });
  const timestamp = maybe(u64.map((v) => vint(7, v)), 4);
  const plain = fc
    .tuple(
      fc.oneof({ weight: 5, arbitrary: text.map((s) => str(1, s)) }, { weight: 1, arbitrary: stringBytes.map((b) => bytesField(1, b)) }),
      fc.array(bodyRange.map((r) => msg(18, r)), { maxLength: 6 }),
      fc.array(attachment.map((a) => msg(2, a)), { maxLength: 2 }),
      maybe(fc.tuple(u64, fc.option(text), target).map(([id, t, aci]) => msg(8, [vint(1, id), ...(t === null ? [] : [str(3, t)]), bytesField(8, aci)]))),
      maybe(u64.map((v) => vint(4, v)), 6),
      timestamp,
    )
    .map(([body, ranges, attachments, quote, flags, ts]) => [body, ...ranges, ...attachments, quote, flags, ts].filter((f): f is Field => f !== null));
  const reaction = fc
    .tuple(maybe(fc.constantFrom('👍', '♾️', '👎', '😀', '', 'x'.repeat(500)), 8), maybe(fc.boolean()), maybe(u64, 8), maybe(target, 8), timestamp)
    .map(([emoji, remove, ts, aci, stamp]) => [
      msg(16, [...(emoji === null ? [] : [str(1, emoji)]), ...(remove === null ? [] : [vint(2, remove ? 1n : 0n)]), ...(ts === null ? [] : [vint(5, ts)]), ...(aci === null ? [] : [bytesField(6, aci)])]),
      ...(stamp === null ? [] : [stamp]),
    ]);
  const remove = fc.tuple(maybe(u64, 8), timestamp).map(([ts, stamp]) => [msg(17, ts === null ? [] : [vint(1, ts)]), ...(stamp === null ? [] : [stamp])]);
  const group = fc.tuple(fc.uint8Array({ maxLength: 32 }), text).map(([g, t]) => [bytesField(15, g), str(1, t)]);
  return withUnknown(fc.oneof({ weight: 6, arbitrary: plain }, { weight: 2, arbitrary: reaction }, { weight: 1, arbitrary: remove }, { weight: 1, arbitrary: group }));
}

/** Content bytes: structured, mutated or noise. `ownAci` is the linked account's ACI (16 bytes). */
export function contentBytes(ownAci: Uint8Array): fc.Arbitrary<Uint8Array> {
  const data = dataMessage(ownAci);
  const destination = fc.oneof(fc.constant(ownAci), aciBytes);
  const sent = withUnknown(
    fc.tuple(fc.option(destination), fc.option(text), fc.option(u64), fc.option(data), fc.option(fc.tuple(fc.option(u64), fc.option(data)))).map(([dest, destText, ts, message, edit]) => [
      ...(dest === null ? [] : [bytesField(12, dest)]),
      ...(destText === null ? [] : [str(7, destText)]),
      ...(ts === null ? [] : [vint(2, ts)]),
      ...(message === null ? [] : [msg(3, message)]),
      ...(edit === null ? [] : [msg(10, [...(edit[0] === null ? [] : [vint(1, edit[0])]), ...(edit[1] === null ? [] : [msg(2, edit[1])])])]),
    ]),
  );
  const structured: fc.Arbitrary<Uint8Array> = withUnknown(
    fc.oneof(
      { weight: 6, arbitrary: data.map((d) => [msg(1, d)]) },
      { weight: 6, arbitrary: sent.map((s) => [msg(2, [msg(1, s)])]) },
      { weight: 3, arbitrary: fc.tuple(u64, data).map(([ts, d]) => [msg(11, [vint(1, ts), msg(2, d)])]) },
      fc.uint8Array({ maxLength: 40 }).map((b) => [bytesField(3, b)]),
      fc.constant<Field[]>([msg(6, [vint(1, 1n)])]),
      fc.constant<Field[]>([msg(5, [vint(1, 1n), vint(2, 5n)])]),
      fc.constant<Field[]>([msg(4, [bytesField(1, new Uint8Array(10))])]),
      fc.uint8Array({ maxLength: 40 }).map((b) => [bytesField(9, b)]),
      fc.constant<Field[]>([]),
    ),
  ).map(concat);
  return fc.oneof(
    { weight: 6, arbitrary: structured },
    // A valid encoding truncated or with bytes flipped.
    { weight: 2, arbitrary: fc.tuple(structured, fc.nat(), fc.nat(255)).map(([b, i, x]) => (b.length === 0 ? b : Uint8Array.from(b, (v, j) => (j === i % b.length ? v ^ (x | 1) : v)))) },
    { weight: 1, arbitrary: fc.tuple(structured, fc.nat()).map(([b, n]) => b.subarray(0, b.length === 0 ? 0 : n % b.length)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}
