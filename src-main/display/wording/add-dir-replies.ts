// What the phone reads after /add-dir: the project's added folders, one added or removed, and why
// a folder cannot be added.
export const addDirUsage = 'Usage: `/add-dir PATH` adds a folder Claude may use (absolute, `~/…` or relative to the project), `/add-dir remove PATH` takes it back, `/add-dir` lists them.';

export function addDirList(projectName: string, dirs: readonly string[]): string {
  if (dirs.length === 0) return `📁 **${projectName}** has no folders added with /add-dir. ${addDirUsage}`;
  return [`📁 Folders Claude may use besides **${projectName}**:`, ...dirs.map((d) => `• ${d}`), 'Folders a settings file adds are listed by /status.'].join('\n');
}

export const addDirAdded = (projectName: string, dir: string): string =>
  `📁 Added ${dir} to **${projectName}**: Claude may read and change files there, and sandboxed commands may write there, from the next instruction. \`/add-dir remove ${dir}\` takes it back.`;

export const addDirRemoved = (projectName: string, dir: string): string => `📁 ${dir} is no longer added to **${projectName}** (from the next instruction).`;

export const addDirNotAdded = (projectName: string, dir: string): string => `${dir} was not added to **${projectName}** with /add-dir.`;

export const addDirAlready = (projectName: string, dir: string): string => `${dir} is already added to **${projectName}**.`;

export const addDirRefused = (dir: string, why: string): string => `⚠️ ${dir} cannot be added: ${why}.`;
