// The conversation's own state: which project plain messages go to.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const CURRENT_PROJECT = 'chat.currentProjectId';
const BOT_PEER = 'chat.botPeerAci';
const CURRENT_SET_AT = 'chat.currentProjectSetAt';

export class ChatState {
  constructor(
    private readonly settings: AppStateRepo,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * When the owner last chose the current project here: the timestamp of the owner's message
   * (the phone's clock, which every computer reads alike; several computers: the latest wins).
   */
  currentSetAt(): number {
    return this.settings.get(CURRENT_SET_AT, z.number()) ?? 0;
  }

  currentProjectId(): string | undefined {
    return this.settings.get(CURRENT_PROJECT, z.string());
  }

  /** Bot mode: the allowlisted account that wrote last, whom replies go to. */
  botPeer(): string | undefined {
    return this.settings.get(BOT_PEER, z.string());
  }

  setBotPeer(aci: string): void {
    if (this.botPeer() !== aci) this.settings.set(BOT_PEER, aci);
  }

  /** The owner chose `id` with the message written at `chosenAt` (the phone's clock). */
  setCurrentProject(id: string, chosenAt: number = this.now()): void {
    this.settings.set(CURRENT_SET_AT, chosenAt);
    this.settings.set(CURRENT_PROJECT, id);
  }

  /**
   * Another computer holds the current project now. When this one last chose is kept: it is not
   * a newer choice, and stamping it now would outrank the other computer's (issue 16).
   */
  letGo(): void {
    this.settings.delete(CURRENT_PROJECT);
  }
}
