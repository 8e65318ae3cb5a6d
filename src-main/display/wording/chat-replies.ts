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
