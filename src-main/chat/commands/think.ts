// /think [on|off|BUDGET]: extended thinking per project, as Claude Code's thinking toggle. Shown
// without an argument; a change takes effect from the next instruction (a running turn finishes
// first, then the worker is replaced with the conversation kept), like /model.
import { DEFAULT_THINKING_BUDGET, MIN_THINKING_BUDGET, thinkingSupport } from '../../agent/index.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectThinking, setProjectThinking, type ProjectThinking } from '../../sessions/project-thinking.js';
import { thinkChanged, thinkState, thinkUnchanged, thinkUsage } from '../../display/wording/think-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

const MAX_BUDGET = 128_000;

/** "on", "off", "16000", "16k"; null when the word means nothing here. */
function parseSetting(word: string): ProjectThinking | undefined | null {
  const w = word.toLowerCase();
  if (w === 'on') return 'on';
  if (w === 'off') return undefined;
  const m = /^(\d+)(k)?$/.exec(w);
  if (!m) return null;
  const n = Number(m[1]) * (m[2] ? 1000 : 1);
  return n >= MIN_THINKING_BUDGET && n <= MAX_BUDGET ? n : null;
}

export const thinkCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'think',
    usage: '/think [on|off|budget]',
    summary: 'extended thinking',
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const model = project.model ?? s.settings().model;
      const support = thinkingSupport(model);
      const current = projectThinking(state, project.id);
      const word = input.args[0];
      if (word === undefined) return { reply: thinkState(project.name, current, model, support, DEFAULT_THINKING_BUDGET) };
      const wanted = parseSetting(word);
      if (wanted === null) return { reply: thinkUsage(MIN_THINKING_BUDGET, MAX_BUDGET) };
      if (wanted === current) return { reply: thinkUnchanged(project.name, current, support, DEFAULT_THINKING_BUDGET) };
      setProjectThinking(state, project.id, wanted);
      const running = s.supervisor.existingSessionFor(project.id)?.turnProgress !== undefined;
      return {
        reply: thinkChanged(project.name, wanted, model, support, DEFAULT_THINKING_BUDGET, running),
        after: () => void s.supervisor.reloadWorker(project.id),
      };
    },
  });
