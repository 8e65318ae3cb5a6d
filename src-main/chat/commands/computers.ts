// /computers: the computers on this Signal account that run Signal Claude, as this one knows them
// (from their instance marks: name, projects, when last seen; unlinked ones as gone). One computer
// answers for all.
import { computerList } from '../../display/wording/index.js';
import { defineCommand } from '../command.js';

export const computersCommand = defineCommand({
  name: 'computers',
  usage: '/computers',
  summary: 'the computers running Signal Claude here',
  run: (s) => {
    const self = { name: s.computers?.selfName() ?? 'this computer', device: s.computers?.selfDevice(), projects: s.projects.list().map((p) => p.name), lastSeen: undefined, self: true };
    const peers = (s.computers?.known() ?? []).map((p) => ({ name: p.name, device: p.device, projects: p.projects, lastSeen: p.lastSeen, self: false, goneAt: p.goneAt }));
    return { reply: computerList([self, ...peers], s.clock.now()) };
  },
});
