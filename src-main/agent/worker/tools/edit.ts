// Edit {file_path, old_string, new_string, replace_all}: exact string replacement. Fails
// clearly when the text is missing or not unique (unless replace_all), so the model adds
// context instead of editing the wrong place. An empty old_string creates a new file. An
// existing file must have been read this session and be unchanged since (read-state.ts), and
// CRLF files stay CRLF.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { systemErrorCode } from '../../../shared/errors.js';
import { defineTool } from './define.js';
import { captureBefore } from '../../file-changes.js';
import { currentText, projectRelative } from './file-target.js';
import { displayPath, resolveInProject } from '../../paths.js';
import { failed, ok } from './types.js';

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** True when most line breaks in `text` are CRLF (a mixed file follows its majority). */
function usesCrlf(text: string): boolean {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf;
}

function withEol(text: string, eol: string): string {
  const lf = text.replaceAll('\r\n', '\n');
  return eol === '\n' ? lf : lf.replaceAll('\n', eol);
}

/** A few numbered lines around the first change, so the model sees the result. */
function snippet(text: string, at: number, length: number): string {
  const startLine = text.slice(0, at).split('\n').length;
  const endLine = startLine + text.slice(at, at + length).split('\n').length - 1;
  const lines = text.split('\n');
  const from = Math.max(1, startLine - 3);
  const to = Math.min(lines.length, endLine + 3);
  return lines
    .slice(from - 1, to)
    .map((l, i) => `${String(from + i).padStart(6)}\t${l.replace(/\r$/, '')}`)
    .join('\n');
}

export const editTool = defineTool({
  name: 'Edit',
  kind: 'edit',
  description:
    'Replaces exact text in a file you have Read. old_string must match the file exactly (including indentation) and be unique ' +
    'unless replace_all is true. Use an empty old_string to create a new file with new_string as its content.',
  inputSchema: {
    type: 'object',
    properties: {
      file_path: { type: 'string', description: 'The path of the file to modify' },
      old_string: { type: 'string', description: 'The text to replace' },
      new_string: { type: 'string', description: 'The text to replace it with (must be different from old_string)' },
      replace_all: { type: 'boolean', description: 'Replace all occurrences of old_string (default false)' },
    },
    required: ['file_path', 'old_string', 'new_string'],
    additionalProperties: false,
  },
  parse: z.object({
    file_path: z.string().min(1),
    old_string: z.string(),
    new_string: z.string(),
    replace_all: z.boolean().optional(),
  }),
  ruleTarget: (input, root, reach) => projectRelative(root, input.file_path, reach),
  summarize: (input, target) => `edit ${target}${input.replace_all ? ' (all occurrences)' : ''}`,
  subject: async (input, ctx) => {
    const file = await currentText(ctx.root, input.file_path, ctx.reach);
    if (!file) return undefined;
    const edit = applyEdit(file.text ?? undefined, input, file.rel);
    return 'error' in edit ? undefined : { kind: 'change', path: file.rel, before: file.text, after: edit.text };
  },
  async run(input, ctx) {
    if (input.old_string === input.new_string) return failed('old_string and new_string are the same; nothing to change.');
    const abs = await resolveInProject(ctx.root, input.file_path, ctx.reach);
    const rel = displayPath(ctx.root, abs);
    let text: string | undefined;
    try {
      text = await readFile(abs, 'utf8');
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') throw error;
    }
    if (text !== undefined && input.old_string !== '') {
      const refusal = await ctx.files.refusal(abs);
      if (refusal) return failed(refusal);
    }
    const edit = applyEdit(text, input, rel);
    if ('error' in edit) return failed(edit.error);
    const change = await captureBefore(rel, abs);
    if (text === undefined) await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, edit.text);
    await ctx.files.wrote(abs, edit.text);
    if (text === undefined) return ok(`Created ${rel}.`, [change]);
    if (input.old_string === '') return ok(`Updated ${rel}.`, [change]);
    const what = edit.count > 1 ? `Replaced ${edit.count} occurrences in ${rel}.` : `Edited ${rel}:`;
    return ok(`${what}\n${snippet(edit.text, edit.at, edit.length)}`, [change]);
  },
});

interface EditInput {
  readonly old_string: string;
  readonly new_string: string;
  readonly replace_all?: boolean | undefined;
}

/** The file after the edit (the same for the approval preview and the run), or why it cannot be made. */
function applyEdit(
  text: string | undefined,
  input: EditInput,
  rel: string,
): { text: string; at: number; count: number; length: number } | { error: string } {
  if (input.old_string === input.new_string) return { error: 'old_string and new_string are the same; nothing to change.' };
  if (text === undefined) {
    if (input.old_string !== '') return { error: `File does not exist: ${rel}` };
    return { text: input.new_string, at: 0, count: 1, length: input.new_string.length };
  }
  if (input.old_string === '') {
    if (text.length > 0) return { error: `old_string is empty but ${rel} already has content; give the text to replace.` };
    return { text: input.new_string, at: 0, count: 1, length: input.new_string.length };
  }
  // Claude reads and writes lines with \n; a CRLF file gets its edit in CRLF and stays CRLF.
  const eol = usesCrlf(text) ? '\r\n' : '\n';
  let oldString = withEol(input.old_string, eol);
  let newString = withEol(input.new_string, eol);
  if (!text.includes(oldString) && text.includes(input.old_string)) {
    // A mixed file whose LF part is edited: take the text as given.
    oldString = input.old_string;
    newString = input.new_string;
  }
  const count = countOccurrences(text, oldString);
  if (count === 0) return { error: `old_string was not found in ${rel}. Read the file and copy the text exactly.` };
  if (count > 1 && !input.replace_all) {
    return { error: `old_string occurs ${count} times in ${rel}. Include more surrounding lines to make it unique, or set replace_all to true.` };
  }
  const at = text.indexOf(oldString);
  const updated = input.replace_all ? text.split(oldString).join(newString) : text.slice(0, at) + newString + text.slice(at + oldString.length);
  return { text: updated, at, count, length: newString.length };
}
