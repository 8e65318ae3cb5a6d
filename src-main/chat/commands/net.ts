// /net [on|off]: whether the project's Bash commands may use the network inside the sandbox.
// Takes effect for the next command of a running session and for every later session.
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectNetwork, setProjectNetwork } from '../../sessions/project-network.js';
import { netChanged, netState, netUsage } from '../../display/wording/command-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const netCommand = (state: AppStateRepo) =>
  defineCommand({
    name: 'net',
    usage: '/net [on|off]',
    summary: "network for the project's commands",
    run: (s, input) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const wanted = input.args[0]?.toLowerCase();
      if (wanted === undefined) return { reply: netState(project.name, projectNetwork(state, project.id), s.settings().sandboxEnabled) };
      if (wanted !== 'on' && wanted !== 'off') return { reply: netUsage };
      const network = wanted === 'on';
      setProjectNetwork(state, project.id, network);
      return { reply: netChanged(project.name, network, s.settings().sandboxEnabled), after: () => s.supervisor.setNetwork(project.id, network) };
    },
  });
