// Renaming this computer (issue 16), from the phone (`@laptop /name work-laptop`) or from the
// app's Preferences. A name is how the owner addresses a computer (`@name`), so it must be unique
// on the account: a name another computer has is refused. The new name is stored with the linked
// account (every later message's instance mark carries it, so the other computers learn it from
// the presence message sent at once) and on the Signal server, as Signal Desktop does, so the
// phone's Linked devices list shows it too.
import { addressable, type Computers } from './computers.js';

/** The longest name (the deviceName setting's limit). */
export const MAX_COMPUTER_NAME = 50;

export type RenameOutcome =
  | { readonly kind: 'renamed'; readonly name: string; readonly onServer: boolean }
  | { readonly kind: 'unchanged'; readonly name: string }
  | { readonly kind: 'taken'; readonly name: string }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface RenameDeps {
  readonly computers: Computers;
  /** Stores the name with the linked account and on the server; true when the server took it. */
  readonly rename: (name: string) => Promise<boolean>;
  /** Tells the other computers at once (an invisible presence message carrying the new mark). */
  readonly announce: () => void;
  /** Keeps the deviceName preference in step (the name a future relink uses). */
  readonly remember?: (name: string) => void;
}

/** What is wrong with `raw` as a computer name, or the name cleaned up. */
export function checkComputerName(raw: string): { readonly name: string } | { readonly reason: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) return { reason: 'The name is empty.' };
  if (name.length > MAX_COMPUTER_NAME) return { reason: `The name is longer than ${MAX_COMPUTER_NAME} characters.` };
  // "@laptop/web" and "@laptop#3" are how the owner addresses a computer: those signs cannot be part of a name.
  if (/[@/#]/.test(name)) return { reason: 'A name cannot contain @, / or #.' };
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(name)) return { reason: 'Use letters, digits, spaces, "-", "_" and "." (starting with a letter or digit).' };
  return { name };
}

export async function renameComputer(deps: RenameDeps, raw: string): Promise<RenameOutcome> {
  const checked = checkComputerName(raw);
  if ('reason' in checked) return { kind: 'invalid', reason: checked.reason };
  const { name } = checked;
  const { computers } = deps;
  if (computers.peers().some((p) => addressable(p.name) === addressable(name))) return { kind: 'taken', name };
  if (computers.selfName() === name) return { kind: 'unchanged', name };
  const onServer = await deps.rename(name);
  try {
    deps.remember?.(name);
  } catch {
    // An unreadable preferences file: the link's name holds anyway (the preference only matters for a relink).
  }
  deps.announce();
  return { kind: 'renamed', name, onServer };
}
