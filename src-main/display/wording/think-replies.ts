// What the phone reads about /think (extended thinking per project) and the one progress line
// shown while Claude thinks (its thinking text is never sent as a message).

/** The progress message's line while Claude thinks. */
export const thinkingLine = '💭 Thinking…';

export type ThinkSupport = 'adaptive' | 'manual' | 'none';

/** "off", "on (Claude decides how much)", "up to 16000 tokens". */
function describe(setting: 'on' | number | undefined, support: ThinkSupport, defaultBudget: number): string {
  if (setting === undefined) return 'off';
  if (setting === 'on') return support === 'adaptive' ? 'on (Claude decides how much to think)' : `on (up to ${defaultBudget} tokens)`;
  return `on, up to ${setting} tokens`;
}

function supportNote(model: string, support: ThinkSupport): string {
  return support === 'none' ? ` \`${model}\` cannot think, so it applies once the project uses a model that can (\`/model\`).` : '';
}

export function thinkState(projectName: string, setting: 'on' | number | undefined, model: string, support: ThinkSupport, defaultBudget: number): string {
  return `💭 Thinking in **${projectName}** is ${describe(setting, support, defaultBudget)}.${supportNote(model, support)}\n\`/think on\`, \`/think off\` or \`/think 16000\` (a budget in tokens, at least 1024).`;
}

/** `running`: a turn is in progress, so the change waits for it to end. */
export function thinkChanged(projectName: string, setting: 'on' | number | undefined, model: string, support: ThinkSupport, defaultBudget: number, running: boolean): string {
  const when = running ? 'from the next instruction (the running one finishes first)' : 'from the next instruction';
  return `💭 Thinking in **${projectName}** is now ${describe(setting, support, defaultBudget)} ${when}; the conversation is kept.${supportNote(model, support)}`;
}

export const thinkUnchanged = (projectName: string, setting: 'on' | number | undefined, support: ThinkSupport, defaultBudget: number): string =>
  `Thinking in **${projectName}** is already ${describe(setting, support, defaultBudget)}.`;

export const thinkUsage = (min: number, max: number): string =>
  `Use \`/think on\`, \`/think off\` or \`/think N\` with a budget of ${min} to ${max} tokens (\`16k\` works too).`;

/** The /status line for a project's thinking and effort; undefined when both are the defaults. */
export function thinkStatusLine(setting: 'on' | number | undefined, effort: string | undefined, support: ThinkSupport, defaultBudget: number): string | undefined {
  if (setting === undefined && effort === undefined) return undefined;
  const parts = [`💭 Thinking ${describe(setting, support, defaultBudget)}`];
  if (effort !== undefined) parts.push(`effort ${effort}`);
  return parts.join(' · ');
}

const effortNote = (model: string, supported: boolean): string =>
  supported ? '' : ` \`${model}\` has no effort setting, so it applies once the project uses a model that has one (\`/model\`).`;

export function effortState(projectName: string, effort: string | undefined, model: string, supported: boolean): string {
  return `⚙️ Effort in **${projectName}** is ${effort ?? 'high (the default)'}.${effortNote(model, supported)}\n\`/effort low\` answers faster and spends fewer tokens, \`/effort medium\`, \`/effort high\` works hardest (the default).`;
}

export function effortChanged(projectName: string, effort: string | undefined, model: string, supported: boolean, running: boolean): string {
  const when = running ? 'from the next instruction (the running one finishes first)' : 'from the next instruction';
  return `⚙️ Effort in **${projectName}** is now ${effort ?? 'high (the default)'} ${when}; the conversation is kept.${effortNote(model, supported)}`;
}

export const effortUsage = 'Use `/effort low`, `/effort medium` or `/effort high` (the default).';
