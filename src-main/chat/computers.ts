// The other computers linked to the same account, as this one knows them (issue 16). Nothing is
// asked of the server: every message an instance sends carries its instance mark (name, project
// names, current project; signal/protocol/instance-mark.ts), and each computer announces itself
// with an invisible presence message when it starts. Peers are kept by device id in app state;
// a relinked computer (new device id, same installation id in its mark) replaces its old entry, a
// renamed one (same device id) is updated in place, and two computers that share a name are both
// kept, so the clash can be shown and `@name` asks which one is meant. A computer the server no
// longer lists among the account's devices (a 409 on a send to the own account names it) is kept
// as gone: shown by /computers, never routed to. What is known here decides who answers what: a computer never
// answers for a project, approval or message that belongs to another one, and the one with the
// lowest device id (the "speaker") answers what belongs to nobody, so the owner hears it once.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const PEERS = 'computers.peers';
const PEER_MESSAGES = 'computers.peerMessages';
const INSTANCE_ID = 'computers.instanceId';
/** Timestamps of the other computers' recent messages (a quote of one is not for us). */
const MAX_PEER_MESSAGES = 500;

const PeerSchema = z.object({
  device: z.number().int(),
  name: z.string(),
  projects: z.array(z.string()),
  current: z.string().optional(),
  /** When the owner chose `current` (the phone's clock). */
  currentAt: z.number().int().optional(),
  lastSeen: z.number().int(),
  /** Its installation id (from its mark; older versions do not send one). */
  instance: z.string().optional(),
  /** When this computer learnt that the server no longer has that device (unlinked). */
  goneAt: z.number().int().optional(),
});
export type Peer = z.infer<typeof PeerSchema>;

export interface Sighting {
  readonly device: number;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly instance: {
    readonly computer: string;
    readonly projects: readonly string[];
    readonly current?: string | undefined;
    readonly currentSince?: number | undefined;
    readonly instance?: string | undefined;
  };
}

export interface ThisComputer {
  readonly name: string;
  readonly device: number | undefined;
}

export class Computers {
  constructor(
    private readonly state: AppStateRepo,
    private readonly self: () => ThisComputer,
    /** What is known changed (the app's list of computers follows). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The other computers that are still on the account (the ones routing may send work to). */
  peers(): Peer[] {
    return this.known().filter((p) => p.goneAt === undefined);
  }

  /** Every other computer ever seen here, unlinked ones included (for /computers and the app). */
  known(): Peer[] {
    const own = this.self().device;
    return (this.state.get(PEERS, z.array(PeerSchema)) ?? []).filter((p) => p.device !== own);
  }

  /** This installation's random id, made once and kept in its database (carried in its mark). */
  instanceId(): string {
    const stored = this.state.get(INSTANCE_ID, z.string());
    if (stored) return stored;
    const made = randomBytes(8).toString('hex');
    this.state.set(INSTANCE_ID, made);
    return made;
  }

  /** The server no longer has these devices of the account: they are gone (never routed to). */
  gone(devices: readonly number[], at: number): void {
    const all = this.state.get(PEERS, z.array(PeerSchema)) ?? [];
    if (!all.some((p) => devices.includes(p.device) && p.goneAt === undefined)) return;
    this.state.set(
      PEERS,
      all.map((p) => (devices.includes(p.device) && p.goneAt === undefined ? { ...p, goneAt: at } : p)),
    );
    this.onChange();
  }

  /** Whether any other computer is known: only then do the several-computer rules apply. */
  several(): boolean {
    return this.peers().length > 0;
  }

  /** A message from another instance arrived: remember that computer; true when it is new here. */
  seen(s: Sighting): boolean {
    const name = s.instance.computer;
    const id = s.instance.instance;
    // The same installation under another device id was relinked: its old entry goes. Without
    // ids (an older version) a same-named entry is taken for the same computer, as before.
    const sameInstallation = (p: Peer): boolean =>
      id !== undefined && p.instance !== undefined ? p.instance === id : p.name.toLowerCase() === name.toLowerCase();
    const peers = this.known().filter((p) => p.device === s.device || !sameInstallation(p));
    const old = peers.find((p) => p.device === s.device);
    if (old && old.lastSeen > s.receivedAt) return false;
    const next: Peer = {
      device: s.device,
      name,
      projects: [...s.instance.projects],
      // When the owner chose it (older instances do not say: then when the mark was written).
      ...(s.instance.current ? { current: s.instance.current, currentAt: s.instance.currentSince ?? s.sentAt } : {}),
      lastSeen: s.receivedAt,
      ...(id ? { instance: id } : {}),
    };
    this.state.set(PEERS, [...peers.filter((p) => p.device !== s.device), next]);
    const messages = this.state.get(PEER_MESSAGES, z.array(z.number().int())) ?? [];
    this.state.set(PEER_MESSAGES, [...messages, s.sentAt].slice(-MAX_PEER_MESSAGES));
    this.onChange();
    return !old || old.goneAt !== undefined;
  }

  /** The peer called `name` (letter case aside; spaces in a name are written as "-" after @). */
  named(name: string): Peer | undefined {
    const n = addressable(name);
    return this.peers().find((p) => addressable(p.name) === n);
  }

  /** How many computers (this one included) answer to `name`: more than one is a clash. */
  calledCount(name: string): number {
    const n = addressable(name);
    return this.peers().filter((p) => addressable(p.name) === n).length + (this.isMe(name) ? 1 : 0);
  }

  /** Names two or more computers of the account share (each once, as first written). */
  clashes(): string[] {
    const names = [this.selfName(), ...this.peers().map((p) => p.name)];
    return names.filter((n, i) => this.calledCount(n) > 1 && names.findIndex((m) => addressable(m) === addressable(n)) === i);
  }

  /** A peer that has a project called `name`. */
  holding(project: string): Peer | undefined {
    return this.holdingAll(project)[0];
  }

  /** Every peer that has a project called `name` (letter case aside). */
  holdingAll(project: string): Peer[] {
    const n = project.toLowerCase();
    return this.peers().filter((p) => p.projects.some((x) => x.toLowerCase() === n));
  }

  /** Whether a peer has a project whose name starts with `prefix` (what `@prefix` finds there). */
  startingWith(prefix: string): boolean {
    const n = prefix.toLowerCase();
    return this.peers().some((p) => p.projects.some((x) => x.toLowerCase().startsWith(n)));
  }

  /** Every peer's projects as "device/name": compared later, it shows a project a peer added. */
  projectKeys(): Set<string> {
    return new Set(this.peers().flatMap((p) => p.projects.map((x) => `${p.device}/${x.toLowerCase()}`)));
  }

  /** Whether a peer has a project that was not in `before` (a snapshot of projectKeys()). */
  addedSince(before: ReadonlySet<string>): boolean {
    return [...this.projectKeys()].some((k) => !before.has(k));
  }

  /** Whether another computer took the current project after `since` (this one's last choice). */
  currentElsewhere(since: number): boolean {
    // `currentAt` is written together with `current`.
    return this.peers().some((p) => (p.currentAt ?? 0) > since);
  }

  /** Whether `sentAt` is the timestamp of a message another computer wrote. */
  isPeerMessage(sentAt: number): boolean {
    return this.state.get(PEER_MESSAGES, z.array(z.number().int()))?.includes(sentAt) ?? false;
  }

  /** The computer that answers what belongs to nobody: the lowest device id known. */
  speaker(): boolean {
    return this.speakerExcept(undefined);
  }

  /** Whether this is the lowest device id known, leaving out `device` (the one being waited for). */
  speakerExcept(device: number | undefined): boolean {
    const own = this.self().device;
    if (own === undefined) return true;
    return this.peers().every((p) => p.device === device || p.device > own);
  }

  /** The peer holding the current project (the owner's latest /use) when it is newer than `since`. */
  currentHolder(since: number): Peer | undefined {
    return this.peers()
      .filter((p) => p.current !== undefined && (p.currentAt ?? 0) > since)
      .sort((a, b) => (b.currentAt ?? 0) - (a.currentAt ?? 0))[0];
  }

  selfName(): string {
    return this.self().name;
  }

  selfDevice(): number | undefined {
    return this.self().device;
  }

  /** The device ids of every computer answering to `name` (this one included), lowest first. */
  devicesCalled(name: string): number[] {
    const n = addressable(name);
    const own = this.isMe(name) ? [this.self().device ?? 0] : [];
    return [...own, ...this.peers().filter((p) => addressable(p.name) === n).map((p) => p.device)].sort((a, b) => a - b);
  }

  isMe(name: string): boolean {
    return addressable(this.self().name) === addressable(name);
  }
}

/**
 * The first digit of this computer's approval ids: its device id in hex. Device ids of the
 * devices linked at one time differ (and stay far below 16), so two computers never give the same
 * id and "yes 4f2a" reaches exactly the one that asked. Unlinked: no digit (nobody else to clash with).
 */
export function approvalIdDigit(device: number | undefined): string | undefined {
  return device === undefined ? undefined : (device % 16).toString(16);
}

/** A computer name as the owner writes it after @: no letter case, spaces as dashes. */
export function addressable(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}
