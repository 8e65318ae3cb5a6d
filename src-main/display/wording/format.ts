// Small formatting helpers for phone text: costs, ages, session state icons, excerpts.

export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? '<$0.01' : `$${usd.toFixed(2)}`;
}

export function formatAgo(then: number | undefined, now: number): string {
  if (then === undefined) return 'never';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

export const STATE_ICONS: Readonly<Record<string, string>> = {
  idle: '⚪',
  initializing: '🟡',
  active: '🟢',
  suspended: '💤',
  resuming: '🟡',
  crashed: '💥',
  recovering: '🔄',
  terminating: '⏹',
  terminated: '⏹',
};

/** A one-line excerpt of longer text. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
