// /model [NAME|default]: the models to pick from with their prices (the project's marked), or a
// switch. A running session finishes its turn, then its worker is replaced (conversation kept).
import { knownModel, modelChoices } from '../../agent/index.js';
import { modelChanged, modelList, modelUnchanged, unknownModel } from '../../display/wording/model-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

export const modelCommand = defineCommand({
  name: 'model',
  usage: '/model [name|default]',
  summary: "the project's model, with prices",
  run: (s, input) => {
    if (!input.project) return { reply: NO_PROJECT };
    const project = input.project;
    const appDefault = s.settings().model;
    const current = project.model ?? appDefault;
    const wanted = input.args[0];
    if (wanted === undefined) return { reply: modelList(project.name, current, project.model === undefined, modelChoices()) };
    const model = wanted.toLowerCase() === 'default' ? undefined : knownModel(wanted);
    if (model === undefined && wanted.toLowerCase() !== 'default') return { reply: unknownModel(wanted, modelChoices()) };
    if (model === project.model) return { reply: modelUnchanged(project.name, current) };
    s.projects.setModel(project.id, model);
    const running = s.supervisor.existingSessionFor(project.id)?.turnProgress !== undefined;
    return { reply: modelChanged(project.name, model ?? appDefault, running), after: () => void s.supervisor.reloadWorker(project.id) };
  },
});
