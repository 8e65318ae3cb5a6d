// What the phone reads about /websearch: Anthropic's web search per project.

const WHAT = "Claude may then search the web with Anthropic's web search: it runs on Anthropic's side, without asking you each time, and costs $10 per 1,000 searches on top of the tokens the results add. Each search shows in the progress message.";

export function webSearchState(projectName: string, on: boolean): string {
  return on
    ? `🔎 Web search is on in **${projectName}**. \`/websearch off\` turns it off.`
    : `🔎 Web search is off in **${projectName}**. \`/websearch on\` turns it on. ${WHAT}`;
}

export function webSearchChanged(projectName: string, on: boolean, running: boolean): string {
  const when = running ? 'from the next instruction (the running one finishes first)' : 'from the next instruction';
  return on ? `🔎 Web search is now on in **${projectName}** ${when}; the conversation is kept. ${WHAT}` : `🔎 Web search is now off in **${projectName}** ${when}; the conversation is kept.`;
}

/** The /status line when web search is on. */
export const webSearchStatusLine = '🔎 Web search on (Anthropic\'s, $10 per 1,000 searches)';

export const webSearchUsage = 'Use `/websearch on` or `/websearch off`.';
