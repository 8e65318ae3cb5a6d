// What the phone reads about /compact: the conversation summarized now, nothing to summarize,
// or the summary waiting for the running turn.

/** "61k", "3k", "850": a rough figure, as the estimate it is. */
export function roughTokens(n: number): string {
  if (n < 1000) return String(Math.max(0, Math.round(n)));
  return `${Math.round(n / 1000)}k`;
}

/** The answer to a /compact that summarized the conversation. */
export const compactedReply = (summarizedSteps: number, tokensBefore: number, tokensAfter: number): string =>
  `🗜 Compacted: ${summarizedSteps} step${summarizedSteps === 1 ? '' : 's'} summarized, about ${roughTokens(tokensBefore)} → ${roughTokens(tokensAfter)} tokens.`;

export const nothingToCompact = (projectName: string): string =>
  `🗜 Nothing to compact in **${projectName}** yet: its conversation has nothing new since the last summary.`;

export const compactQueued = (projectName: string, ahead: number): string =>
  `🗜 **${projectName}** is busy: the summary runs after ${ahead === 1 ? 'the running instruction' : `the ${ahead} instructions ahead of it`}.`;
