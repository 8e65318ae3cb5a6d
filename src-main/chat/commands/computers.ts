// /computers: the computers on this Signal account that run Signal Claude, as this one knows them
// (from their instance marks: name, projects, when last seen). One computer answers for all.
import { computerList } from '../../display/wording/index.js';
import { defineCommand } from '../command.js';

export const computersCommand = defineCommand({
  name: 'computers',
  usage: '/computers',
  summary: 'the computers on this account that run Signal Claude',
  run: (s) => {
    const self = { name: s.computers?.selfName() ?? 'this computer', projects: s.projects.list().map((p) => p.name), lastSeen: undefined, self: true };
    const peers = (s.computers?.peers() ?? []).map((p) => ({ name: p.name, projects: p.projects, lastSeen: p.lastSeen, self: false }));
    return { reply: computerList([self, ...peers], s.clock.now()) };
  },
});
