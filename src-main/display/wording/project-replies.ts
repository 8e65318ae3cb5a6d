// What the phone reads after /projects, /add and /use: the registry of project folders and
// which one plain messages go to.
import { formatAgo, formatCost, STATE_ICONS } from './format.js';

export const noProjectsYet = 'No projects yet. Register a folder with `/add <path> [name]`.';

export interface ProjectLine {
  readonly name: string;
  readonly current: boolean;
  /** The session's state, or undefined when the project has none. */
  readonly state: string | undefined;
  /** The session's record, when it has one. */
  readonly activity: { readonly lastActivityAt: number | undefined; readonly costUsd: number } | undefined;
}

export function projectList(projects: readonly ProjectLine[], now: number): string {
  const lines = projects.map((p) => {
    const state = p.state !== undefined ? `${STATE_ICONS[p.state] ?? ''} ${p.state}` : 'no session';
    const activity = p.activity ? ` · ${formatAgo(p.activity.lastActivityAt, now)} · ${formatCost(p.activity.costUsd)}` : '';
    return `${p.current ? '▶' : '•'} **${p.name}** — ${state}${activity}`;
  });
  return ['**Projects**', ...lines].join('\n');
}

export const addUsage = 'Usage: `/add <path> [name]` — a folder under one of the allowed project roots.';

export const projectAdded = (name: string, path: string): string =>
  `✅ Added **${name}** (\`${path}\`). It is now the current project: just write what Claude should do.`;

export const failed = (error: string): string => `❌ ${error}`;

export const useUsage = 'Usage: `/use <project>`. `/projects` lists them.';

export const noSuchProject = (name: string): string => `No project "${name}". \`/projects\` lists them.`;

export const nowTalkingTo = (name: string): string => `▶ Now talking to **${name}**.`;
