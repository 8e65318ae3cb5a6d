// What the phone reads about several computers on one account: the tag on each reply, the
// loop guard's notice.

/** Told once when the reply guard (chat/reply-guard.ts) stops answering a conversation. */
export const repliesPaused = (facts: { readonly inputs: number; readonly replies: number; readonly pauseMs: number }): string =>
  `🛑 Stopped answering for ${Math.round(facts.pauseMs / 60_000)} min: ${facts.replies} replies to ${facts.inputs} messages within a minute looks like a reply loop, not a conversation. ` +
  'If another computer runs an older Signal Claude on this account, update it. Messages sent meanwhile are not carried out; send them again afterwards.';

/** Put before every reply when several computers share the account. */
export const computerTag = (computer: string): string => `💻 ${computer} · `;
