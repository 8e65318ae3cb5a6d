// /websearch [on|off]: whether Claude may search the web in the project with Anthropic's web
// search (a server tool: it runs on Anthropic's side, billed per search), off by default. A
// change takes effect from the next instruction (the worker is replaced, the conversation
// kept), like /think and /model, since the tool list is part of the cached request prefix.
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectWebSearch, setProjectWebSearch } from '../../sessions/project-web-search.js';
import { webSearchChanged, webSearchState, webSearchUsage } from '../../display/wording/web-search-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const webSearchCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'websearch',
    usage: '/websearch [on|off]',
    summary: "let Claude search the web (billed per search)",
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const current = projectWebSearch(state, project.id);
      const word = input.args[0]?.toLowerCase();
      if (word === undefined) return { reply: webSearchState(project.name, current) };
      if (word !== 'on' && word !== 'off') return { reply: webSearchUsage };
      const on = word === 'on';
      if (on === current) return { reply: webSearchState(project.name, current) };
      setProjectWebSearch(state, project.id, on);
      const running = s.supervisor.existingSessionFor(project.id)?.turnProgress !== undefined;
      return { reply: webSearchChanged(project.name, on, running), after: () => void s.supervisor.reloadWorker(project.id) };
    },
  });
