// /add-dir [PATH] | /add-dir remove PATH: Claude Code's /add-dir from the phone. The folder joins
// the project's reach (file tools, sandboxed commands, cd) from the next instruction, for every
// later session too; the owner typed it, so nothing more is asked. A folder that does not exist,
// is a file, lies in the project, is or holds the app's own data folder, or holds or lies in
// ~/.claude (whose settings are trusted without a question: agent/worker/added-folders.ts) is
// refused.
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInside } from '../../agent/index.js';
import type { AppStateRepo } from '../../store/app-state-repo.js';
import { projectDirs, setProjectDirs } from '../../sessions/project-dirs.js';
import { addDirAdded, addDirAlready, addDirList, addDirNotAdded, addDirRefused, addDirRemoved, addDirUsage } from '../../display/wording/add-dir-replies.js';
import { defineCommand, NO_PROJECT } from '../command.js';

type Plan = { readonly dir: string } | { readonly refused: string };

export const addDirCommand = (state: AppStateRepo) =>
  defineCommand<Plan>({
    name: 'add-dir',
    usage: '/add-dir [path]',
    summary: 'another folder for Claude',
    prepare: async (s, input) => {
      const removing = input.args[0]?.toLowerCase() === 'remove';
      const written = (removing ? input.rest.slice('remove'.length) : input.rest).trim();
      if (!input.project || written === '') return { refused: '' };
      const path = written === '~' || written.startsWith('~/') ? join(homedir(), written.slice(1)) : resolve(input.project.path, written);
      const real = await realpath(path).catch(() => undefined);
      // A folder deleted since it was added can still be taken back by the name it was added under.
      if (removing) return { dir: real ?? path };
      if (!real) return { refused: addDirRefused(written, 'it does not exist') };
      if (!(await stat(real)).isDirectory()) return { refused: addDirRefused(written, 'it is not a folder') };
      const root = await realpath(input.project.path).catch(() => input.project!.path);
      if (isInside(root, real)) return { refused: addDirRefused(written, `it is part of ${input.project.name} already`) };
      const data = await realpath(s.settings().dataDir).catch(() => s.settings().dataDir);
      if (isInside(real, data) || isInside(data, real)) return { refused: addDirRefused(written, "it holds the app's own data") };
      const claude = join(await realpath(homedir()).catch(() => homedir()), '.claude');
      if (isInside(real, claude) || isInside(claude, real)) return { refused: addDirRefused(written, 'Claude must not change the settings in ~/.claude') };
      return { dir: real };
    },
    run: (s, input, plan) => {
      if (!input.project) return { reply: NO_PROJECT };
      const project = input.project;
      const dirs = projectDirs(state, project.id);
      if (input.args.length === 0) return { reply: addDirList(project.name, dirs) };
      if (!plan || 'refused' in plan) return { reply: plan?.refused || addDirUsage };
      const reload = () => void s.supervisor.reloadWorker(project.id);
      if (input.args[0]?.toLowerCase() === 'remove') {
        if (!dirs.includes(plan.dir)) return { reply: addDirNotAdded(project.name, plan.dir) };
        setProjectDirs(state, project.id, dirs.filter((d) => d !== plan.dir));
        return { reply: addDirRemoved(project.name, plan.dir), after: reload };
      }
      if (dirs.includes(plan.dir)) return { reply: addDirAlready(project.name, plan.dir) };
      setProjectDirs(state, project.id, [...dirs, plan.dir]);
      return { reply: addDirAdded(project.name, plan.dir), after: reload };
    },
  });
