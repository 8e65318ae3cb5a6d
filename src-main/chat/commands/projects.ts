// /projects, /add, /use: the registry of project folders and which one plain messages go to.
import { describeError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { formatAgo, formatCost, STATE_ICONS } from '../../display/wording/format.js';

export const projectsCommand = defineCommand({
  name: 'projects',
  usage: '/projects',
  summary: 'list projects and their sessions',
  run: (s) => {
    const list = s.projects.list();
    if (list.length === 0) return { reply: 'No projects yet. Register a folder with `/add <path> [name]`.' };
    const current = s.chatState.currentProjectId();
    const now = s.clock.now();
    const lines = list.map((p) => {
      const session = s.supervisor.existingSessionFor(p.id);
      const record = session?.currentRecord();
      const state = session ? `${STATE_ICONS[session.state] ?? ''} ${session.state}` : 'no session';
      const activity = record ? ` · ${formatAgo(record.lastActivityAt, now)} · ${formatCost(record.costUsd)}` : '';
      return `${p.id === current ? '▶' : '•'} **${p.name}** — ${state}${activity}`;
    });
    return { reply: ['**Projects**', ...lines].join('\n') };
  },
});

export const addCommand = defineCommand({
  name: 'add',
  usage: '/add <path> [name]',
  summary: 'register a folder as a project',
  run: (s, input) => {
    const [path, name] = input.args;
    if (!path) return { reply: 'Usage: `/add <path> [name]` — a folder under one of the allowed project roots.' };
    try {
      const project = s.projects.add(path, name);
      s.chatState.setCurrentProject(project.id);
      return { reply: `✅ Added **${project.name}** (\`${project.path}\`). It is now the current project: just write what Claude should do.` };
    } catch (error) {
      return { reply: `❌ ${describeError(error)}` };
    }
  },
});

export const useCommand = defineCommand({
  name: 'use',
  usage: '/use <project>',
  summary: 'make a project the current one',
  run: (s, input) => {
    const name = input.args[0];
    if (!name) return { reply: 'Usage: `/use <project>`. `/projects` lists them.' };
    const project = s.projects.find(name);
    if (!project) return { reply: `No project "${name}". \`/projects\` lists them.` };
    s.chatState.setCurrentProject(project.id);
    return { reply: `▶ Now talking to **${project.name}**.` };
  },
});
