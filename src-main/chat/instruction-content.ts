// Turns a phone message (text and attachments) into the content of a Claude turn: images and
// readable documents go to Claude directly; other files wait for the owner's say-so.
import { prepareInbound, renderSaveProposal, type IncomingAttachment } from '../display/inbound.js';
import { LONG_TEXT_CONTENT_TYPE, type RenderedMessage } from '../display/types.js';
import { UserBlockSchema, type UserBlock } from '../agent/index.js';
import type { InboundAttachment } from '../signal/receive/inbound-events.js';
import type { Project } from '../store/projects-repo.js';
import type { SaveProposals } from './save-proposals.js';
import { attachmentMissing } from '../display/wording/index.js';

/** Bytes of received attachments (SignalService.readAttachment). */
export interface Attachments {
  read(id: number): Uint8Array | undefined;
}

export type Reply = string | readonly RenderedMessage[];

/** Runs inside the transaction that marks the message handled; returns the reply and after-commit work. */
export type Decision = () => { reply?: Reply | undefined; after?: (() => void | Promise<void>) | undefined; detached?: boolean | undefined };

export interface InstructionContent {
  readonly blocks: UserBlock[];
  /** Lines for the owner (files that could not be used, files waiting for a decision). */
  readonly notes: string[];
  /** Inside the transaction: remember the save proposals made. */
  remember(): void;
}

export async function instructionContent(
  text: string,
  received: readonly InboundAttachment[],
  attachments: Attachments,
  project: Project,
  proposals: SaveProposals,
): Promise<InstructionContent> {
  const notes: string[] = [];
  const files: Array<IncomingAttachment & { id: number }> = [];
  for (const a of received) {
    const data = a.status === 'ready' ? attachments.read(a.id) : undefined;
    if (!data) {
      notes.push(attachmentMissing(a.fileName, a.error));
      continue;
    }
    files.push({ id: a.id, fileName: a.fileName, contentType: a.contentType, data });
  }
  const hasLongText = files.some((f) => f.contentType === LONG_TEXT_CONTENT_TYPE);
  const prepared = prepareInbound(files);
  const blocks: UserBlock[] = [];
  // A long message arrives as a prefix in the body plus the whole text as an attachment.
  if (text && !hasLongText) blocks.push({ type: 'text', text });
  for (const block of prepared.blocks) {
    const parsed = UserBlockSchema.safeParse(block);
    if (parsed.success) blocks.push(parsed.data);
  }
  const pending: Array<{ attachmentId: number; proposal: (typeof prepared.proposals)[number] }> = [];
  for (const p of prepared.proposals) {
    const source = files.find((f) => (f.fileName ?? '') === p.fileName) ?? files.find((f) => f.data.byteLength === p.size);
    if (!source) continue;
    pending.push({ attachmentId: source.id, proposal: p });
    notes.push(renderSaveProposal(p).text);
    if (blocks.length > 0) blocks.push({ type: 'text', text: `(The owner also sent ${p.fileName}, ${p.contentType}; it is not saved in the project unless they say so.)` });
  }
  return {
    blocks,
    notes,
    remember: () => {
      for (const p of pending) proposals.add(project.id, p.attachmentId, p.proposal);
    },
  };
}
