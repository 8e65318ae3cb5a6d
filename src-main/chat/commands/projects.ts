// /projects, /add, /use: the registry of project folders and which one plain messages go to.
import { describeError } from '../../shared/errors.js';
import { defineCommand } from '../command.js';
import { addUsage, failed, noProjectsYet, noSuchProject, nowTalkingTo, projectAdded, projectList, useUsage } from '../../display/wording/index.js';

export const projectsCommand = defineCommand({
  name: 'projects',
  usage: '/projects',
  summary: 'projects and their sessions',
  run: (s) => {
    const list = s.projects.list();
    if (list.length === 0) return { reply: noProjectsYet };
    const current = s.chatState.currentProjectId();
    const lines = list.map((p) => {
      const session = s.supervisor.existingSessionFor(p.id);
      const record = session?.currentRecord();
      return {
        name: p.name,
        current: p.id === current,
        state: session?.state,
        activity: record,
      };
    });
    return { reply: projectList(lines, s.clock.now()) };
  },
});

export const addCommand = defineCommand({
  name: 'add',
  usage: '/add <path> [name]',
  summary: 'register a folder as a project',
  run: (s, input) => {
    const [path, name] = input.args;
    if (!path) return { reply: addUsage };
    try {
      const project = s.projects.add(path, name);
      s.chatState.setCurrentProject(project.id, input.sentAt);
      return { reply: projectAdded(project.name, project.path) };
    } catch (error) {
      return { reply: failed(describeError(error)) };
    }
  },
});

export const useCommand = defineCommand({
  name: 'use',
  usage: '/use <project>',
  summary: 'switch the current project',
  run: (s, input) => {
    const name = input.args[0];
    if (!name) return { reply: useUsage };
    const project = s.projects.find(name);
    if (!project) return { reply: noSuchProject(name) };
    s.chatState.setCurrentProject(project.id, input.sentAt);
    return { reply: nowTalkingTo(project.name) };
  },
});
