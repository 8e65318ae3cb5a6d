// What the tray shows, as plain data (Electron's Menu is built from it in tray.ts): the Signal
// link and sessions in one glance, then the app's actions. Also which icon file suits the panel.
import type { SessionSummary, Status } from '../shared/api.js';

export type TrayAction = 'open' | 'pair' | 'preferences' | 'toggle-login' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'action'; readonly action: TrayAction; readonly label: string; readonly checked?: boolean };

const LINK_TEXT: Record<Status['signal']['state'], string> = {
  unlinked: 'Not linked to Signal',
  linking: 'Linking with Signal…',
  connecting: 'Connecting to Signal…',
  connected: 'Linked to Signal',
  disconnected: 'Offline; reconnecting',
  'unlinked-by-phone': 'Unlinked from your phone',
};

const LINK_PROBLEMS: ReadonlySet<string> = new Set(['signal-unlinked', 'signal-unreachable']);
const MAX_PROBLEM_LINES = 3;
const shorten = (text: string, max = 90): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The icon's tooltip: the app's name, and what is wrong when something is (health problems). */
export function trayTooltip(status: Status | undefined): string {
  const problems = status?.health.problems ?? [];
  if (problems.length === 0) return 'Signal Claude';
  const first = problems[0]?.message ?? '';
  return problems.length === 1 ? `Signal Claude: ${first}` : `Signal Claude: ${problems.length} problems. ${first}`;
}

/** `loginNote`: why "Open at Login" is not in effect yet, e.g. "needs approval in System Settings". */
export function trayMenuModel(status: Status | undefined, sessions: readonly SessionSummary[], openAtLogin: boolean, loginNote?: string): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (status) {
    const hint = status.signal.state === 'connected' ? status.signal.account?.numberHint : undefined;
    items.push({ kind: 'label', label: hint ? `Linked as ${hint}` : LINK_TEXT[status.signal.state] });
    // The health problems the link line does not already tell, each as the app words it.
    for (const problem of status.health.problems.filter((p) => !LINK_PROBLEMS.has(p.code)).slice(0, MAX_PROBLEM_LINES)) {
      items.push({ kind: 'label', label: `⚠ ${shorten(problem.message)}` });
    }
  }
  const crashed = sessions.filter((s) => s.state === 'crashed').length;
  const waiting = sessions.reduce((n, s) => n + s.pendingApprovals.length, 0);
  const working = sessions.filter((s) => s.state === 'active').length;
  const parts = [`${sessions.length} session${sessions.length === 1 ? '' : 's'}`];
  if (working) parts.push(`${working} working`);
  if (crashed) parts.push(`${crashed} crashed`);
  if (waiting) parts.push(`${waiting} waiting for you`);
  items.push({ kind: 'label', label: parts.join(', ') });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', action: 'open', label: 'Open Signal Claude' });
  if (!status || status.signal.state !== 'connected') items.push({ kind: 'action', action: 'pair', label: 'Pair Device…' });
  items.push({ kind: 'action', action: 'preferences', label: 'Preferences…' });
  items.push({ kind: 'action', action: 'toggle-login', label: loginNote ? `Open at Login (${loginNote})` : 'Open at Login', checked: openAtLogin });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', action: 'quit', label: 'Quit Signal Claude' });
  return items;
}

/**
 * Whether the panel the icon sits on is dark. That is the system's UI colour, not the apps'
 * (a dark Windows taskbar with light apps), and GNOME Shell's top bar is dark in either theme.
 */
export function darkPanel(
  platform: NodeJS.Platform,
  desktop: string | undefined,
  theme: { readonly shouldUseDarkColors: boolean; readonly shouldUseDarkColorsForSystemIntegratedUI: boolean },
): boolean {
  if (platform === 'linux') return /(^|:)(gnome|ubuntu|unity)(:|$)/i.test(desktop ?? '') || theme.shouldUseDarkColors;
  return theme.shouldUseDarkColorsForSystemIntegratedUI;
}

/** What the icon shows: all well, or a dot for "something keeps the app from working". */
export type TrayIconState = 'ok' | 'problem';

/** The icon's state from the app's status: the same health problems the menu and tooltip list. */
export function trayIconState(status: Status | undefined): TrayIconState {
  if (!status) return 'ok'; // still starting: nothing known to be wrong yet
  return status.health.problems.length > 0 || !status.health.store.ok ? 'problem' : 'ok';
}

/** macOS tints a black "Template" image itself; elsewhere pick the glyph that shows on the panel. */
export function trayIconFile(platform: NodeJS.Platform, darkPanel: boolean, state: TrayIconState = 'ok'): string {
  const suffix = state === 'problem' ? '-problem' : '';
  if (platform === 'darwin') return `trayTemplate${suffix}.png`;
  return darkPanel ? `tray-dark${suffix}.png` : `tray-light${suffix}.png`;
}
