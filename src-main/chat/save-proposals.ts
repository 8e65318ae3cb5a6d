// Files from the phone that Claude cannot read directly wait here for the owner's say-so
// ("save 4f2a" / "no 4f2a"). Saving writes the file into the project and tells Claude in a turn.
import { z } from 'zod';
import { saveIntoProject } from './inbound-save.js';
import { savedFileNote, type SaveProposal } from '../display/inbound.js';
import { describeError } from '../shared/errors.js';
import type { AppStateRepo } from '../store/app-state-repo.js';
import type { SessionSupervisor } from '../sessions/supervisor.js';
import type { ProjectRegistry } from '../sessions/projects.js';
import type { Attachments, Decision } from './instruction-content.js';
import { cannotSave, couldNotSave, notSaved, savedInto, saveNoLongerWaiting } from '../display/wording/index.js';

const KEY = 'chat.saveProposals';
const StoredSchema = z.record(
  z.string(),
  z.object({
    projectId: z.string(),
    attachmentId: z.number().int(),
    proposal: z.object({ id: z.string(), fileName: z.string(), suggestedPath: z.string(), contentType: z.string(), size: z.number(), reason: z.string() }),
  }),
);
type Stored = z.infer<typeof StoredSchema>;

export class SaveProposals {
  constructor(
    private readonly settings: AppStateRepo,
    private readonly attachments: Attachments,
    private readonly projects: ProjectRegistry,
    private readonly supervisor: () => SessionSupervisor,
  ) {}

  /** Inside a transaction: remember a proposal made to the owner. */
  add(projectId: string, attachmentId: number, proposal: SaveProposal): void {
    this.settings.set(KEY, { ...this.all(), [proposal.id]: { projectId, attachmentId, proposal } });
  }

  /** "save ID" or "no ID" naming a waiting proposal. */
  match(body: string): { id: string; save: boolean } | undefined {
    const m = /^\s*(save|no)\s+([0-9a-f]{4,8})\s*$/i.exec(body);
    if (!m || !this.all()[m[2]!.toLowerCase()]) return undefined;
    return { id: m[2]!.toLowerCase(), save: m[1]!.toLowerCase() === 'save' };
  }

  async answer(choice: { id: string; save: boolean }): Promise<Decision> {
    const entry = this.all()[choice.id];
    if (!entry) return () => ({ reply: saveNoLongerWaiting });
    const forget = () => {
      const rest = this.all();
      delete rest[choice.id];
      this.settings.set(KEY, rest);
    };
    if (!choice.save) return () => (forget(), { reply: notSaved(entry.proposal.fileName) });
    const project = this.projects.get(entry.projectId);
    const data = this.attachments.read(entry.attachmentId);
    if (!project || !data) return () => (forget(), { reply: cannotSave(entry.proposal.fileName, !project) });
    let saved: string;
    try {
      // Idempotent: a repeat after a crash writes the same bytes to the same place.
      saved = await saveIntoProject(project.path, entry.proposal.suggestedPath, data);
    } catch (error) {
      return () => ({ reply: couldNotSave(entry.proposal.fileName, describeError(error)) });
    }
    const supervisor = this.supervisor();
    return () => {
      forget();
      const queued = supervisor.enqueueTurn(project.id, undefined, [savedFileNote(saved, entry.proposal)]);
      return { reply: savedInto(saved, project.name), after: () => supervisor.kick(queued.runtime) };
    };
  }

  private all(): Stored {
    return this.settings.get(KEY, StoredSchema) ?? {};
  }
}
