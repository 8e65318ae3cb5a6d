// Every phone command, in the order /help lists them.
import type { AppStateRepo } from '../../store/app-state-repo.js';
import type { Command } from '../command.js';
import type { CommandName } from '../parse-input.js';
import { allowCommand, denyCommand } from './approvals.js';
import { diffCommand } from './diff.js';
import { helpCommand } from './help.js';
import { addCommand, projectsCommand, useCommand } from './projects.js';
import { modeCommand, newCommand, restartCommand, stopCommand } from './session-control.js';
import { costCommand, historyCommand, statusCommand } from './status.js';
import { undoCommand } from './undo.js';
import { netCommand } from './net.js';
import { computersCommand } from './computers.js';
import { undeliveredCommand } from './undelivered.js';
import type { Undelivered } from '../undelivered.js';
import { notifyCommand } from './notify.js';
import { modelCommand } from './model.js';
import { forgetCommand } from './forget.js';
import { clearCommand } from './clear.js';
import type { ProjectRemoval } from '../../sessions/project-removal.js';
import { nameCommand } from './name.js';
import { captchaCommand } from './captcha.js';
import { compactCommand } from './compact.js';
import { thinkCommand } from './think.js';
import { resumeCommand } from './resume.js';
import { effortCommand } from './effort.js';
import { webSearchCommand } from './websearch.js';
import { addDirCommand } from './add-dir.js';

export function createCommands(settings: AppStateRepo, undelivered: Undelivered, removal: ProjectRemoval): ReadonlyMap<CommandName, Command> {
  const list: Command[] = [];
  list.push(
    helpCommand(() => list),
    projectsCommand,
    addCommand,
    useCommand,
    statusCommand(settings) as Command,
    newCommand,
    clearCommand(settings) as Command,
    forgetCommand(settings, removal) as Command,
    stopCommand,
    restartCommand,
    modeCommand,
    modelCommand as Command,
    compactCommand as Command,
    resumeCommand as Command,
    thinkCommand(settings) as Command,
    effortCommand(settings) as Command,
    webSearchCommand(settings) as Command,
    netCommand(settings) as Command,
    addDirCommand(settings) as Command,
    notifyCommand(settings) as Command,
    allowCommand as Command,
    denyCommand as Command,
    diffCommand as Command,
    undoCommand(settings) as Command,
    costCommand,
    historyCommand,
    computersCommand,
    nameCommand as Command,
    undeliveredCommand(undelivered) as Command,
    captchaCommand as Command,
  );
  return new Map(list.map((c) => [c.name, c]));
}
