// What the phone reads about /forget <project>: removing a project from this computer's list.
// The question names both choices as commands to send back; the answer says what ended, what
// was cancelled and where the history is, and that the folder was not touched.

/** "1 waiting approval", "2 waiting approvals". */
const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** /forget alone: the command takes a project; clearing the conversation is /clear. */
export const forgetUsage =
  '`/forget <project>` removes a project from this computer (you choose whether its history is kept). To start the conversation over instead, send `/clear`.';

/** What removing the project would stop now. */
export interface ForgetStakes {
  readonly running: boolean;
  readonly queued: number;
  readonly approvals: number;
}

export function forgetAsk(name: string, path: string, stakes: ForgetStakes, minutes: number): string {
  const stops = [
    ...(stakes.running ? ['stops the running turn'] : []),
    ...(stakes.queued > 0 ? [`drops ${plural(stakes.queued, 'waiting instruction')}`] : []),
    ...(stakes.approvals > 0 ? [`cancels ${plural(stakes.approvals, 'waiting approval')}`] : []),
  ];
  const ends = stops.length > 0 ? `It ${stops.join(', ')} and ends the session.` : 'Its session ends.';
  return [
    `🗑 Forget project **${name}**? ${ends} The folder \`${path}\` stays as it is.`,
    `• \`/forget ${name} keep\` — keep its history on this computer (it comes back if you add the folder again)`,
    `• \`/forget ${name} delete\` — delete its history: conversations, transcripts and approvals`,
    `Anything else leaves ${name} as it is; this question holds for ${minutes} minutes.`,
  ].join('\n');
}

/** What the removal did. */
export interface ForgetDone {
  readonly name: string;
  readonly path: string;
  readonly history: 'keep' | 'delete';
  readonly stoppedTurn: boolean;
  readonly droppedTurns: number;
  readonly cancelledApprovals: readonly { readonly id: string; readonly tool: string; readonly summary: string }[];
}

export function forgotten(d: ForgetDone): string {
  const lines = [`🗑 Forgot project **${d.name}**: its session ended${d.stoppedTurn ? ' and the running turn was stopped' : ''}.`];
  if (d.droppedTurns > 0) lines.push(`Dropped ${plural(d.droppedTurns, 'waiting instruction')}.`);
  if (d.cancelledApprovals.length > 0) {
    const list = d.cancelledApprovals.map((a) => `${a.id} (${a.tool}: ${a.summary})`).join(', ');
    lines.push(`🔐 Cancelled ${plural(d.cancelledApprovals.length, 'waiting approval')}: ${list}.`);
  }
  lines.push(
    d.history === 'keep'
      ? `📁 Its history stays on this computer and comes back with the project if you add the folder again (\`/add ${d.path}\`).`
      : '🧹 Its history is deleted from this computer.',
  );
  lines.push(`The folder \`${d.path}\` was not touched.`);
  return lines.join('\n');
}

/** `/forget name something`: only keep or delete answer the question. */
export const forgetChoiceUsage = (name: string): string => `Send \`/forget ${name} keep\` or \`/forget ${name} delete\`.`;
