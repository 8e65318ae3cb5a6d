// Encoding and decoding of Signal's protobuf messages. Decoding yields plain objects (64-bit
// integers as bigint, bytes as Uint8Array) that the zod schemas in wire-schemas.ts check before
// anything else looks at them; encoding takes the plain objects this client builds.
import protobuf from 'protobufjs';
import { SIGNAL_PROTO } from './proto-schema.js';

export type ProtoTypeName =
  | 'Envelope'
  | 'Content'
  | 'DataMessage'
  | 'SyncMessage'
  | 'AttachmentPointer'
  | 'ProvisionEnvelope'
  | 'ProvisionMessage'
  | 'DeviceName'
  | 'GetUploadFormRequest'
  | 'GetUploadFormResponse';

/** The parsed schema is immutable data (like a compiled regular expression), shared by all users. */
const ROOT = protobuf.parse(SIGNAL_PROTO, { keepCase: true }).root;

const TYPES = new Map<ProtoTypeName, protobuf.Type>();

/** Looked up once per name: a lookup walks the namespace, and every envelope needs two. */
function type(name: ProtoTypeName): protobuf.Type {
  let found = TYPES.get(name);
  if (!found) {
    found = ROOT.lookupType(`signalservice.${name}`);
    TYPES.set(name, found);
  }
  return found;
}

/** Decodes bytes into a plain object; throws on malformed input. */
export function decodeProto(name: ProtoTypeName, bytes: Uint8Array): unknown {
  const t = type(name);
  const message = t.decode(bytes);
  return t.toObject(message, { longs: BigInt, bytes: Uint8Array, defaults: false, arrays: true });
}

/** Encodes a plain object built by this client (numbers or bigints for 64-bit fields). */
export function encodeProto(name: ProtoTypeName, value: Record<string, unknown>): Uint8Array {
  const t = type(name);
  const problem = t.verify(toVerifiable(value) as Record<string, unknown>);
  if (problem) throw new Error(`cannot encode ${name}: ${problem}`);
  return t.encode(t.fromObject(value)).finish();
}

// protobufjs' verify() does not know bigint; fromObject() accepts it, so verify a copy with
// bigints turned into numbers.
function toVerifiable(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toVerifiable);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toVerifiable(v)]));
}
