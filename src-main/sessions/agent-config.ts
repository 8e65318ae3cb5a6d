// What a project's worker is started with: the app's settings, the project's overrides, the
// session's granted rules and the API key (from the environment or the encrypted store).
import { AppError } from '../shared/errors.js';
import type { Settings } from '../shared/config.js';
import type { AgentConfig } from '../agent/index.js';
import type { Project } from '../store/projects-repo.js';
import type { SessionRecord } from '../store/sessions-repo.js';

export function buildAgentConfig(settings: Settings, apiKey: string | undefined, session: SessionRecord, project: Project): AgentConfig {
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
    rules: {
      allow: [...settings.allowRules, ...project.rules.allow],
      ask: [...settings.askRules, ...project.rules.ask],
      deny: [...settings.denyRules, ...project.rules.deny],
    },
    sessionAllowRules: [...session.sessionRules],
    apiKey,
    ...(settings.anthropicBaseUrl ? { baseUrl: settings.anthropicBaseUrl } : {}),
    approvalTimeoutMs: settings.approvalTimeoutSec * 1000,
    startedAt: session.createdAt,
  };
}
