// /effort [low|medium|high]: how hard Claude works at an answer in the project, Claude Code's
// effort setting. Shown without an argument; a change takes effect from the next instruction
// (a running turn finishes first, then the worker is replaced with the conversation kept), like
// /think and /model. High is the API's default, so choosing it clears the setting.
import { EFFORT_LEVELS, effortSupported, type Effort } from '../../agent/index.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectEffort, setProjectEffort } from '../../sessions/project-thinking.js';
import { effortChanged, effortState, effortUsage } from '../../display/wording/think-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const effortCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'effort',
    usage: '/effort [low|medium|high]',
    summary: 'how hard Claude works (low: faster, cheaper)',
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const model = project.model ?? s.settings().model;
      const supported = effortSupported(model);
      const current = projectEffort(state, project.id);
      const word = input.args[0]?.toLowerCase();
      if (word === undefined) return { reply: effortState(project.name, current, model, supported) };
      const level = EFFORT_LEVELS.find((l) => l === word);
      if (!level) return { reply: effortUsage };
      const wanted: Effort | undefined = level === 'high' ? undefined : level;
      if (wanted === current) return { reply: effortState(project.name, current, model, supported) };
      setProjectEffort(state, project.id, wanted);
      const running = s.supervisor.existingSessionFor(project.id)?.turnProgress !== undefined;
      return { reply: effortChanged(project.name, wanted, model, supported, running), after: () => void s.supervisor.reloadWorker(project.id) };
    },
  });
