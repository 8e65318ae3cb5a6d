// Claude Code's settings files, where Claude Code reads them: the owner's ~/.claude/settings.json
// (every project), then the project's .claude/settings.json and .claude/settings.local.json.
// Their permission rules all apply together (a deny in any of them wins, as in Claude Code), and
// their hooks all run (hooks/hook-config.ts; each one confirmed by the owner first).
// `permissions.defaultMode` and `env` follow Claude Code's precedence (local over project over
// the owner's file), with two limits because Claude can edit the project's files: a project file
// cannot choose bypassPermissions, and its `env` reaches sandboxed commands only (shell-state.ts),
// never a command the owner approves to run outside the sandbox.
// `permissions.additionalDirectories` of every file add folders (added-folders.ts: the project
// files' ones wait for the owner's confirmation).
// Files are outside input: parsed with zod; a broken file is reported as a warning and ignored
// rather than stopping the session.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { systemErrorCode } from '../../shared/errors.js';
import type { RuleSet } from './permissions.js';
import { parseHooks, type HookEntry } from './hooks/hook-config.js';
import type { ResolvedAgentConfig } from '../protocol.js';
import { PERMISSION_MODES, type PermissionMode } from '../../shared/config.js';
import { readAddedFolder, type AddedFolder } from './added-folders.js';

const SettingsFileSchema = z.looseObject({
  permissions: z
    .looseObject({
      allow: z.array(z.string()).optional(),
      ask: z.array(z.string()).optional(),
      deny: z.array(z.string()).optional(),
      defaultMode: z.string().optional(),
      additionalDirectories: z.array(z.string()).optional(),
    })
    .optional(),
  sandbox: z.looseObject({ enabled: z.boolean().optional(), excludedCommands: z.array(z.string()).optional() }).optional(),
  hooks: z.unknown().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export interface ProjectSettings {
  readonly rules: RuleSet[];
  readonly warnings: string[];
  /**
   * Claude Code's sandbox settings. A project file may turn the sandbox on and list excluded
   * commands (each still asks); it cannot turn the sandbox off — a file Claude can edit must not
   * widen what Claude's commands reach. Only the owner's preferences can.
   */
  readonly sandbox: { readonly enable: boolean; readonly excludedCommands: string[] };
  /** Every file's hooks, the owner's file first. */
  readonly hooks: HookEntry[];
  /** `permissions.defaultMode` of the nearest file that sets one, and that file. */
  readonly defaultMode?: { readonly mode: PermissionMode; readonly source: string } | undefined;
  /** `env`: the owner's file's (every command), the project files' (sandboxed commands only). */
  readonly env: { readonly owner: Record<string, string>; readonly project: Record<string, string> };
  /** `permissions.additionalDirectories` of every file, as real folders (the owner's file first). */
  readonly addedFolders: AddedFolder[];
}

/** The worker's sandbox settings with the project's (it may only enable and exclude). */
export function withProjectSandbox(config: ResolvedAgentConfig, settings: ProjectSettings): ResolvedAgentConfig {
  const own = config.sandbox ?? {};
  return {
    ...config,
    sandbox: {
      ...own,
      ...(settings.sandbox.enable ? { enabled: true } : {}),
      excludedCommands: [...(own.excludedCommands ?? []), ...settings.sandbox.excludedCommands],
    },
  };
}

export const PROJECT_SETTINGS_FILES = ['.claude/settings.json', '.claude/settings.local.json'] as const;

/** The owner's own settings file, under their home folder (Claude can neither read nor write it). */
export const USER_SETTINGS_FILE = '.claude/settings.json';

/** The settings of the project at `root`, with the owner's user settings from `home` when given. */
export async function loadProjectSettings(root: string, home?: string): Promise<ProjectSettings> {
  const rules: RuleSet[] = [];
  const warnings: string[] = [];
  const sandbox = { enable: false, excludedCommands: [] as string[] };
  const hooks: HookEntry[] = [];
  const env = { owner: {} as Record<string, string>, project: {} as Record<string, string> };
  const addedFolders: AddedFolder[] = [];
  let defaultMode: ProjectSettings['defaultMode'];
  const files = [...(home ? [{ rel: `~/${USER_SETTINGS_FILE}`, path: join(home, USER_SETTINGS_FILE), owner: true }] : []), ...PROJECT_SETTINGS_FILES.map((rel) => ({ rel, path: join(root, rel), owner: false }))];
  for (const { rel, path, owner } of files) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (systemErrorCode(error) !== 'ENOENT') warnings.push(`Could not read ${rel}: ${(error as Error).message}`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      warnings.push(`${rel} is not valid JSON; its permission rules are ignored.`);
      continue;
    }
    const parsed = SettingsFileSchema.safeParse(json);
    if (!parsed.success) {
      warnings.push(`${rel} has an unexpected shape; its permission rules are ignored.`);
      continue;
    }
    const p = parsed.data.permissions;
    if (p) rules.push({ allow: p.allow ?? [], ask: p.ask ?? [], deny: p.deny ?? [] });
    const s = parsed.data.sandbox;
    if (s?.enabled === true) sandbox.enable = true;
    if (s?.enabled === false) warnings.push(`${rel} turns the sandbox off; ignored (only the owner can, in Preferences).`);
    sandbox.excludedCommands.push(...(s?.excludedCommands ?? []));
    const found = parseHooks(parsed.data.hooks, rel);
    hooks.push(...found.hooks);
    warnings.push(...found.warnings);
    Object.assign(owner ? env.owner : env.project, parsed.data.env ?? {});
    for (const entry of p?.additionalDirectories ?? []) {
      const folder = await readAddedFolder(entry, { root, home, source: rel, owner });
      if ('warning' in folder) warnings.push(folder.warning);
      else addedFolders.push(folder);
    }
    const mode = p?.defaultMode;
    if (mode === undefined) continue;
    if (!(PERMISSION_MODES as readonly string[]).includes(mode)) warnings.push(`${rel}: defaultMode ${JSON.stringify(mode)} is not one of ${PERMISSION_MODES.join(', ')}; ignored.`);
    else if (mode === 'bypassPermissions' && !owner) warnings.push(`${rel} asks for bypassPermissions; ignored (only your own ~/.claude/settings.json or /mode can).`);
    else defaultMode = { mode: mode as PermissionMode, source: rel };
  }
  return { rules, warnings, sandbox, hooks, env, addedFolders, ...(defaultMode ? { defaultMode } : {}) };
}
