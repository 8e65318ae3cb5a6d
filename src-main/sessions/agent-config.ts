// What a project's worker is started with: the app's settings, the project's overrides, the
// session's granted rules and the API key (from the environment or the encrypted store).
import { AppError } from '../shared/errors.js';
import type { Settings } from '../shared/config.js';
import { isFolderConfirmationRule, type AgentConfig, type SandboxSupport } from '../agent/index.js';
import type { Project } from '../store/projects-repo.js';
import type { SessionRecord } from '../store/sessions-repo.js';

/** What the daemon knows about sandboxing this project's commands. */
export interface SandboxFacts {
  /** The owner's /net choice for the project. */
  readonly network: boolean;
  /** What this computer can do (probed once by the main process). */
  readonly support?: SandboxSupport | undefined;
}

/**
 * `projectRules`: the rules granted in the project's sessions so far. Of those, the owner's
 * confirmations of added folders (additionalDirectories) carry over to every later session of the
 * project: a folder is asked about once per project, not once per session.
 */
export function buildAgentConfig(settings: Settings, apiKey: string | undefined, session: SessionRecord, project: Project, sandbox: SandboxFacts = { network: false }, projectRules: readonly string[] = []): AgentConfig {
  if (!apiKey) {
    throw new AppError('AGENT_API', 'No Anthropic API key is set, so Claude cannot start.', {
      hint: 'Set ANTHROPIC_API_KEY, or add the key in the app under Preferences.',
    });
  }
  return {
    sessionId: session.id,
    projectRoot: project.path,
    model: project.model ?? settings.model,
    permissionMode: project.permissionMode ?? settings.permissionMode,
    // No /mode for this project: the settings files' defaultMode may choose (the worker reads them).
    permissionModeFromOwner: project.permissionMode !== undefined,
    rules: {
      allow: [...settings.allowRules, ...project.rules.allow],
      ask: [...settings.askRules, ...project.rules.ask],
      deny: [...settings.denyRules, ...project.rules.deny],
    },
    sessionAllowRules: [...new Set([...session.sessionRules, ...projectRules.filter(isFolderConfirmationRule)])],
    apiKey,
    ...(settings.anthropicBaseUrl ? { baseUrl: settings.anthropicBaseUrl } : {}),
    approvalTimeoutMs: settings.approvalTimeoutSec * 1000,
    startedAt: session.createdAt,
    sandbox: {
      enabled: settings.sandboxEnabled,
      network: sandbox.network,
      excludedCommands: [...settings.sandboxExcludedCommands],
      askWhenUnsandboxed: settings.sandboxAskWhenUnsandboxed,
      // The app's own data (database, keys) is never visible to a command, wherever it lives.
      hide: [settings.dataDir],
      ...(sandbox.support ? { support: sandbox.support } : {}),
    },
  };
}
