// The conversation's own state: which project plain messages go to.
import { z } from 'zod';
import type { AppStateRepo } from '../store/app-state-repo.js';

const CURRENT_PROJECT = 'chat.currentProjectId';
const BOT_PEER = 'chat.botPeerAci';

export class ChatState {
  constructor(private readonly settings: AppStateRepo) {}

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

  setCurrentProject(id: string | undefined): void {
    if (id === undefined) this.settings.delete(CURRENT_PROJECT);
    else this.settings.set(CURRENT_PROJECT, id);
  }
}
