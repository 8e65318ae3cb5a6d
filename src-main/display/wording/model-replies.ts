// What the phone reads about /model: the models to pick from with their prices, the switch.
export interface PricedModel {
  readonly id: string;
  readonly inputUsd: number;
  readonly outputUsd: number;
}

const usd = (n: number): string => `$${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, '')}`;

/** "$3 in / $15 out per million tokens" */
export const modelPrice = (m: PricedModel): string => `${usd(m.inputUsd)} in / ${usd(m.outputUsd)} out`;

/** /model without an argument: every model with its price, the project's marked. */
export function modelList(projectName: string, current: string, fromDefault: boolean, models: readonly PricedModel[]): string {
  const lines = models.map((m) => `${m.id === current ? '▶' : '•'} \`${m.id}\` — ${modelPrice(m)}`);
  if (!models.some((m) => m.id === current)) lines.unshift(`▶ \`${current}\` (not in the list)`);
  const whose = fromDefault ? " (the app's default)" : '';
  return [`🧠 **${projectName}** uses \`${current}\`${whose}. Prices per million tokens:`, ...lines, '`/model NAME` to switch, `/model default` for the app\'s default.'].join('\n');
}

export const unknownModel = (wanted: string, models: readonly PricedModel[]): string =>
  `Unknown model "${wanted}". Pick one of ${models.map((m) => `\`${m.id}\``).join(', ')} (\`/model\` lists their prices).`;

/** `running`: a turn is in progress, so the switch waits for it to end. */
export const modelChanged = (projectName: string, model: string, running: boolean): string =>
  `🧠 **${projectName}** now uses \`${model}\` ${running ? 'from the next instruction (the running one finishes first)' : 'from the next instruction'}; the conversation is kept.`;

export const modelUnchanged = (projectName: string, model: string): string => `**${projectName}** already uses \`${model}\`.`;
