// Who answers what when several computers share one Signal account (issue 16). Every computer
// reads every message the owner writes; each decides alone, from what it knows of the others
// (chat/computers.ts), whether the message is its own, another's, or nobody's. The rules are
// symmetric, so the computers agree without talking: the one addressed or holding the project
// answers; what belongs to nobody (an unknown name, a name two computers use, /help) is answered
// by the "speaker" (the lowest device id) alone. See docs/several-computers.md.
import { computerSilent, formatAgo, noComputerCalled, sameComputerName, sameProjectName, whichComputerToRename } from '../display/wording/index.js';
import type { Project } from '../store/projects-repo.js';
import type { ChatServices } from './command.js';
import { addressable, type Computers, type Peer } from './computers.js';
import type { Decision } from './instruction-content.js';
import { nothing, say, type Outcome } from './outcome.js';
import { parseInput, type CommandName, type ParsedInput } from './parse-input.js';

/** Commands one computer answers for all when several are linked (the speaker). */
const SPEAKER_COMMANDS: readonly CommandName[] = ['help', 'computers'];

/** Who `@first` (a computer name, maybe `name#device`) means. */
type Named = { readonly kind: 'me' } | { readonly kind: 'peer'; readonly peer: Peer } | { readonly kind: 'other'; readonly outcome: Outcome } | { readonly kind: 'none' };
/** Commands every computer answers for itself (its reply is tagged with its name). */
const EACH_COMMANDS: readonly CommandName[] = ['status', 'projects', 'cost'];

export interface RoutingTiming {
  /** How long the speaker waits for another computer to register a path it cannot (`/add`). */
  readonly addGraceMs: number;
  /** How long a message for another computer may go unanswered before the owner hears it may be off. */
  readonly answerGraceMs: number;
}

export const ROUTING_TIMING: RoutingTiming = { addGraceMs: 8_000, answerGraceMs: 30_000 };

export interface Addressed {
  readonly parsed: ParsedInput;
  /** The message named this computer (`@laptop …`): it answers whatever the others know. */
  readonly here: boolean;
}

/** What to do with a command not addressed to one computer. */
export type CommandRoute =
  | { readonly kind: 'here'; readonly args?: readonly string[] }
  | { readonly kind: 'instead'; readonly outcome: Outcome }
  /** Run it here after `ms`, unless `unless()` says another computer did it meanwhile. */
  | { readonly kind: 'later'; readonly ms: number; readonly unless: () => boolean };

const here: CommandRoute = { kind: 'here' };
const silent: CommandRoute = { kind: 'instead', outcome: nothing };
const instead = (outcome: Outcome): CommandRoute => ({ kind: 'instead', outcome });

export class ComputerRouting {
  /** Computers the owner was told are silent, with the last-seen time told (told again once it changed). */
  private readonly toldSilent = new Map<number, number>();
  private readonly timing: RoutingTiming;

  constructor(
    private readonly computers: Computers,
    private readonly services: ChatServices,
    /** Runs `decision` after `ms` in its own transaction and sends its reply. */
    private readonly later: (ms: number, decision: Decision) => void,
    timing: Partial<RoutingTiming> = {},
  ) {
    this.timing = { ...ROUTING_TIMING, ...timing };
  }

  /** `@computer …` and `@computer/project …`: this computer's (address removed), or what to do instead. */
  address(parsed: ParsedInput, body: string, receivedAt: number): Addressed | Outcome {
    const c = this.computers;
    if ((parsed.kind !== 'command' && parsed.kind !== 'instruction') || !parsed.project) return { parsed, here: false };
    const [first = '', rest] = parsed.project.split('/');
    const named = this.named(first);
    if (named.kind === 'me') {
      return { here: true, parsed: rest !== undefined ? { ...parsed, project: rest } : parseInput(body.trim().slice(1 + first.length)) };
    }
    if (named.kind === 'peer') return this.forPeer(named.peer, receivedAt);
    if (named.kind === 'other') return named.outcome;
    if ((rest !== undefined || first.includes('#')) && c.several()) return this.bySpeaker(noComputerCalled(first, this.names()));
    return { parsed, here: false };
  }

  /**
   * `first` as a computer name: this one, another, or a name several computers share (then the
   * speaker asks which one and nobody acts). `name#3` picks the one with device id 3.
   */
  private named(first: string): Named {
    const c = this.computers;
    const [name = '', qualifier] = first.split('#');
    if (qualifier !== undefined) {
      const device = Number(qualifier);
      if (c.isMe(name) && c.selfDevice() === device) return { kind: 'me' };
      const peer = c.peers().find((p) => p.device === device && addressable(p.name) === addressable(name));
      return peer ? { kind: 'peer', peer } : { kind: 'none' };
    }
    const devices = c.devicesCalled(name);
    if (devices.length > 1) return { kind: 'other', outcome: this.bySpeaker(sameComputerName(name, devices)) };
    if (c.isMe(name)) return { kind: 'me' };
    const peer = c.named(name);
    return peer ? { kind: 'peer', peer } : { kind: 'none' };
  }

  /**
   * `@name` (not addressed to a computer), where `project` is what this computer found by that
   * name. Undefined: go on here (with `project`, or saying no project has that name).
   */
  mention(mention: string, project: Project | undefined, receivedAt: number): Outcome | undefined {
    const c = this.computers;
    const mine = project !== undefined && project.name.toLowerCase() === mention.toLowerCase();
    const peers = c.holdingAll(mention);
    const holders = [...(mine ? [c.selfName()] : []), ...peers.map((p) => p.name)];
    if (holders.length >= 2) return this.bySpeaker(sameProjectName(mention, holders));
    if (holders.length === 1) return mine ? undefined : this.forPeer(peers[0]!, receivedAt);
    // Nobody has that exact name: a unique prefix here goes on, otherwise the speaker says so.
    if (project) return undefined;
    return c.speaker() && !c.startingWith(mention) ? undefined : nothing;
  }

  /** A command not addressed to one computer (`speaks`: this one holds the current project). */
  command(name: CommandName, args: readonly string[], speaks: boolean): CommandRoute {
    const c = this.computers;
    if (EACH_COMMANDS.includes(name)) return here;
    if (SPEAKER_COMMANDS.includes(name)) return c.speaker() ? here : silent;
    if (name === 'use') return this.use(args[0] ?? '');
    if (name === 'add') return this.add(args);
    if (name === 'forget' && args[0]) return this.holder(args[0]);
    // Renaming is for one computer: several linked, the owner says which (`@laptop /name …`).
    if (name === 'name') return c.several() ? instead(this.bySpeaker(whichComputerToRename(this.names()))) : here;
    return speaks ? here : silent;
  }

  /** A command about a project by name (/forget name): the computer that has it answers; nobody's, the speaker. */
  private holder(wanted: string): CommandRoute {
    const found = this.services.projects.find(wanted);
    if (found && found.name.toLowerCase() === wanted.toLowerCase()) return here;
    return this.computers.holdingAll(wanted).length === 0 && this.computers.speaker() ? here : silent;
  }

  /** `/use name` or `/use computer/project`: the computer that has it takes it; the others let go. */
  private use(wanted: string): CommandRoute {
    const c = this.computers;
    const s = this.services;
    const letGo = instead({ commit: () => (s.chatState.letGo(), {}) });
    if (!wanted) return c.speaker() ? here : silent;
    const [first = '', rest] = wanted.split('/');
    if (rest !== undefined) {
      const named = this.named(first);
      if (named.kind === 'me') return { kind: 'here', args: [rest] };
      if (named.kind === 'peer') return letGo;
      if (named.kind === 'other') return instead(named.outcome);
      return instead(this.bySpeaker(noComputerCalled(first, this.names())));
    }
    const found = s.projects.find(wanted);
    const mine = found !== undefined && found.name.toLowerCase() === wanted.toLowerCase();
    const peers = c.holdingAll(wanted);
    if (peers.length + (mine ? 1 : 0) >= 2) return instead(this.bySpeaker(sameProjectName(wanted, [...(mine ? [c.selfName()] : []), ...peers.map((p) => p.name)])));
    if (mine) return here;
    // Another computer's project: the current project is now there.
    if (peers.length === 1 || (!found && c.startingWith(wanted))) return letGo;
    return found || c.speaker() ? here : silent;
  }

  /** `/add path`: the computer that can register it; a failure is told once, by the speaker. */
  private add(args: readonly string[]): CommandRoute {
    const c = this.computers;
    const [path, projectName] = args;
    if (!path) return c.speaker() ? here : silent;
    if (this.services.projects.check(path, projectName)) return here;
    if (!c.speaker()) return silent;
    // Another computer may have that folder: its answer (and mark) arrives within the grace.
    const before = c.projectKeys();
    return { kind: 'later', ms: this.timing.addGraceMs, unless: () => c.addedSince(before) };
  }

  /** Not addressed, no project here: the computer holding the current project does it (if any). */
  unaddressed(receivedAt: number): Outcome {
    const holder = this.computers.currentHolder(this.services.chatState.currentSetAt());
    return holder ? this.forPeer(holder, receivedAt) : nothing;
  }

  /**
   * A message another computer carries out: this one says nothing, unless that computer stays
   * silent past the grace (off or asleep); then one of the others (the lowest device id but the
   * silent one) tells the owner, once until that computer is seen again. The message itself waits
   * for it on the server: nobody does the work in its place.
   */
  private forPeer(peer: Peer, receivedAt: number): Outcome {
    if (!this.computers.speakerExcept(peer.device)) return nothing;
    return { commit: () => ({ after: () => this.later(this.timing.answerGraceMs, () => this.silentCheck(peer.device, receivedAt)) }) };
  }

  private silentCheck(device: number, since: number): ReturnType<Decision> {
    const peer = this.computers.peers().find((p) => p.device === device);
    if (!peer || peer.lastSeen >= since || this.toldSilent.get(device) === peer.lastSeen) return {};
    this.toldSilent.set(device, peer.lastSeen);
    return { reply: computerSilent(peer.name, formatAgo(peer.lastSeen, this.services.clock.now())) };
  }

  private bySpeaker(reply: string): Outcome {
    return this.computers.speaker() ? say(reply) : nothing;
  }

  private names(): string[] {
    return [this.computers.selfName(), ...this.computers.peers().map((p) => p.name)];
  }
}
