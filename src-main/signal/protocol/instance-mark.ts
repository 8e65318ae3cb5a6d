// How instances of this app recognise each other's messages, so that two computers linked to one
// account never take each other's replies for the owner's input (issue 16: without this, each
// answered the other's Note-to-Self transcripts and the account flooded itself without end).
//
// Every Content this app sends carries a small `InstanceMark` in a protobuf field Signal does not
// use (Content field 7331, far above Signal's own numbers). Official clients skip unknown fields,
// so the owner sees nothing; an instance that finds the mark knows the message was written by a
// program, whichever device sent it. The decision rests on the mark alone, not on a list of device
// ids: the server hands out the lowest free device id when a device links, so after an instance
// is unlinked a Signal Desktop linked later may inherit its id, and a relinked instance gets a new
// one. The mark travels inside the end-to-end encrypted content (nobody but the account's own
// devices can add or read it) and holds whatever the device is called now, so unlink, relink and
// rename need no bookkeeping. Device ids are kept only to show other computers (`/computers`).
import { z } from 'zod';
import { U64 } from './wire-schemas.js';

/** Bumped when the mark's meaning changes; an instance reads every version it knows. */
export const INSTANCE_MARK_VERSION = 1;

export interface InstanceMark {
  /** The sending computer's linked-device name. */
  readonly computer: string;
  /** Its project names, so the other computers know where `@project` goes. */
  readonly projects?: readonly string[];
  /** The project it holds as current (where unaddressed instructions go), if any. */
  readonly current?: string;
  /**
   * When the owner chose it: the timestamp of the owner's message (the phone's clock), so that
   * computers whose clocks differ still agree which choice is the latest.
   */
  readonly currentSince?: number;
  /**
   * A random id of this installation, kept in its data folder: a relinked computer keeps it (so
   * it replaces its old entry elsewhere), two computers that share a name differ in it.
   */
  readonly instance?: string;
}

/** What the rest of the app adds to the mark (the name comes from the linked account). */
export type InstanceMarkDetails = Omit<InstanceMark, 'computer'>;

/** The mark as it is encoded into Content.signalClaudeInstance. */
export function instanceMarkWire(mark: InstanceMark): Record<string, unknown> {
  return {
    computer: mark.computer,
    version: INSTANCE_MARK_VERSION,
    ...(mark.projects?.length ? { projects: [...mark.projects] } : {}),
    ...(mark.current ? { current: mark.current } : {}),
    ...(mark.current && mark.currentSince ? { currentSince: mark.currentSince } : {}),
    ...(mark.instance ? { instance: mark.instance } : {}),
  };
}

/** The decoded field (zod at the boundary: it came from the network). */
export const InstanceMarkWire = z.object({
  computer: z.string().max(200).optional(),
  version: z.number().int().optional(),
  projects: z.array(z.string().max(200)).max(500).default([]),
  current: z.string().max(200).optional(),
  currentSince: U64.optional(),
  instance: z.string().max(64).optional(),
});

/** What a received mark says (a present but empty mark still means "written by an instance"). */
export function readInstanceMark(wire: z.infer<typeof InstanceMarkWire>): { computer: string; projects: string[]; current?: string; currentSince?: number; instance?: string } {
  return {
    computer: wire.computer?.trim() || 'another computer',
    projects: [...wire.projects],
    ...(wire.current ? { current: wire.current } : {}),
    ...(wire.current && wire.currentSince ? { currentSince: wire.currentSince } : {}),
    ...(wire.instance ? { instance: wire.instance } : {}),
  };
}
