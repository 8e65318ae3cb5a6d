// What the phone reads when a message cannot simply be carried out: edits, unknown commands and
// projects, a queued instruction, a failure while handling it.
export const editedMessage = '✏️ Edited messages are not run again. Send the corrected instruction as a new message.';

export const handlingFailed = (error: string): string => `❌ Something went wrong handling that message (${error}). Nothing was run.`;

export const unknownCommand = (name: string, commands: readonly string[]): string =>
  `Unknown command /${name}. Commands: ${commands.map((c) => `/${c}`).join(' ')} — \`/help\` explains them.`;

export const noProjectCalled = (name: string): string => `No project called "${name}". \`/projects\` lists them.`;

/** Reply for commands and instructions that need a project when none is chosen. */
export const NO_PROJECT =
  'No project is selected. `/projects` lists them, `/add <path>` registers a folder, `/use <name>` picks one — or start a message with `@name`.';

export const queuedBehind = (projectName: string, ahead: number): string =>
  `⏳ Queued for **${projectName}** behind ${ahead} earlier instruction${ahead === 1 ? '' : 's'}.`;

/** An instruction refused because the project's queue is full (nothing was queued or lost). */
export const queueFull = (projectName: string, waiting: number): string =>
  `✋ **${projectName}** already has ${waiting} instructions waiting, so this one was not queued. Send it again when some are done (/status shows how many wait), or /stop to drop them.`;

/** /help: what the app is, every command, and how to address projects and answer approvals. */
export function helpText(commands: readonly { readonly usage: string; readonly summary: string }[]): string {
  return [
    '**Signal Claude** — write an instruction and Claude works on the current project.',
    '',
    ...commands.map((c) => `\`${c.usage}\` — ${c.summary}`),
    '',
    'Start a message with `@project` to address another project, or reply to one of its messages.',
    'Approvals: reply `yes ID`, `always ID` or `no ID`, or react 👍 / ♾️ / 👎.',
  ].join('\n');
}

/** A command name the parser did not recognise at all (no slash-command of that shape). */
export const unknownCommandShort = 'Unknown command.';

export const attachmentMissing = (fileName: string | undefined, error: string | undefined): string =>
  `📎 ${fileName ?? 'An attachment'} could not be downloaded${error ? ` (${error})` : ''}; Claude did not get it.`;

// Saving a phone attachment into the project (`save <id>` / `no <id>`).
export const saveNoLongerWaiting = 'That file is no longer waiting.';
export const notSaved = (fileName: string): string => `Not saved: ${fileName}.`;
export const cannotSave = (fileName: string, projectRemoved: boolean): string =>
  `Cannot save ${fileName}: ${projectRemoved ? 'its project was removed' : 'the file is no longer stored'}.`;
export const couldNotSave = (fileName: string, error: string): string => `❌ Could not save ${fileName}: ${error}`;
export const savedInto = (saved: string, projectName: string): string => `💾 Saved as \`${saved}\` in **${projectName}**; Claude has been told.`;
