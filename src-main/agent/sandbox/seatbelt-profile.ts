// macOS: the Seatbelt profile (sandbox-exec -p PROFILE) for one sandboxed command, the same shape
// as bwrap-args.ts on Linux. Pure, so the exact text is unit-tested (it cannot run here):
//   - writes only into the project folder, the added folders the owner confirmed, the temp
//     folders and the terminal devices, and never to the protected paths in them;
//   - the home folder unreadable except those folders and the per-user tool folders;
//   - the app's data folder unreadable wherever it is;
//   - no IP networking unless the owner allowed it for the project.
// Seatbelt matches real paths (/tmp is /private/tmp), so callers pass resolved paths; a later
// rule wins over an earlier one. Unlike Linux there is no PID namespace: a process that leaves
// the command's process group (setsid) is not ended with it.
import { join } from 'node:path';
import { HOME_TOOL_DIRS, type SandboxPolicy } from './policy.js';

export interface SeatbeltInput {
  readonly policy: SandboxPolicy;
  /** Real paths of the temp folders commands may write in (/private/tmp, the user's TMPDIR). */
  readonly tempDirs: readonly string[];
}

/** A string literal in the profile language (a Scheme dialect). */
export function quote(path: string): string {
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function seatbeltProfile(input: SeatbeltInput): string {
  const { policy } = input;
  const lines = ['(version 1)', '(allow default)', '(deny file-write*)', '(allow file-write*'];
  lines.push(`  (subpath ${quote(policy.root)})`);
  for (const dir of policy.added ?? []) lines.push(`  (subpath ${quote(dir)})`);
  for (const dir of input.tempDirs) lines.push(`  (subpath ${quote(dir)})`);
  if (policy.state) lines.push(`  (subpath ${quote(policy.state)})`);
  lines.push('  (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper")', '  (regex #"^/dev/tty") (regex #"^/dev/fd/"))');
  if (policy.home && policy.home !== '/') {
    lines.push(`(deny file-read* (subpath ${quote(policy.home)}))`);
    // The home folder itself may be listed (tools stat it); what is in it stays hidden.
    lines.push(`(allow file-read-metadata (literal ${quote(policy.home)}))`);
    lines.push('(allow file-read*');
    for (const rel of HOME_TOOL_DIRS) lines.push(`  (subpath ${quote(join(policy.home, rel))})`);
    for (const dir of policy.added ?? []) lines.push(`  (subpath ${quote(dir)})`);
    lines.push(`  (subpath ${quote(policy.root)}))`);
  }
  // The protected paths inside the writable folders, existing or not (Seatbelt matches names).
  for (const path of policy.readOnly ?? []) lines.push(`(deny file-write* (subpath ${quote(path)}))`);
  for (const path of policy.hide) lines.push(`(deny file-read* file-write* (subpath ${quote(path)}))`);
  if (!policy.network) {
    lines.push('(deny network-outbound (remote ip))', '(deny network-inbound (local ip))', '(deny network-bind (local ip))');
  }
  return `${lines.join('\n')}\n`;
}
