// A service id's string form from its binary form, remembered: every envelope names its sender
// and every sync transcript its destination in binary, the same few accounts over and over, and
// each conversion is two calls into libsignal (parse, then format), about 2 µs an envelope.
import { ServiceId } from '@signalapp/libsignal-client';

const KEPT = 256;
const known = new Map<string, string>();

/** `ACI` as a bare UUID, a PNI as `PNI:<uuid>`, as libsignal writes them; throws on bytes that are not a service id. */
export function serviceIdStringFromBinary(binary: Uint8Array): string {
  // latin1 maps each byte to one character, so equal keys are equal bytes.
  const key = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).toString('latin1');
  let id = known.get(key);
  if (id === undefined) {
    id = ServiceId.parseFromServiceIdBinary(new Uint8Array(binary)).getServiceIdString();
    if (known.size >= KEPT) known.clear();
    known.set(key, id);
  }
  return id;
}
