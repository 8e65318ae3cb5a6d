// What the phone reads about the project's hooks (commands from Claude Code's settings files):
// one short progress line when a hook fails, times out, is not confirmed, stops the turn or has
// something to say. A failing hook never passes silently, and never blocks anything by failing.

export type HookNoticeKind = 'failed' | 'timeout' | 'bad-output' | 'not-started' | 'message' | 'refused' | 'blocked-prompt' | 'stopped';

export interface HookNoticeText {
  readonly event: string;
  /** The hook's command, already cut short; empty when the notice is about the event. */
  readonly command: string;
  readonly kind: HookNoticeKind;
  readonly detail: string;
}

export function hookNotice(n: HookNoticeText): string {
  const who = n.command ? `${n.event} hook \`${n.command}\`` : `${n.event} hook`;
  switch (n.kind) {
    case 'failed':
      return `🪝 ${who} failed (${n.detail}); carried on without it`;
    case 'timeout':
      return `🪝 ${who} timed out after ${n.detail}; carried on without it`;
    case 'bad-output':
      return `🪝 ${who} answered in a way that cannot be read (${n.detail}); carried on without it`;
    case 'not-started':
      return `🪝 ${who} could not start (${n.detail}); carried on without it`;
    case 'refused':
      return `🪝 ${who} ${n.detail}: it does not run in this session`;
    case 'blocked-prompt':
      return `🪝 ${who} kept this message from Claude: ${n.detail}`;
    case 'stopped':
      return `🪝 ${who} stopped the turn: ${n.detail}`;
    case 'message':
      return `🪝 ${who}: ${n.detail}`;
  }
}
