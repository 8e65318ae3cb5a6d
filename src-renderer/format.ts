// Wording shared by the views: states, times and money, said the way the owner reads them.
import type { SessionState, SignalStatus } from '../src-main/shared/api';

export const SESSION_STATE_LABEL: Record<SessionState, string> = {
  idle: 'Idle',
  initializing: 'Starting',
  active: 'Working',
  suspended: 'Suspended',
  resuming: 'Resuming',
  crashed: 'Crashed',
  recovering: 'Recovering',
  terminating: 'Stopping',
  terminated: 'Stopped',
};

/** The link to Signal in one short line, plus whether it is healthy. */
export function signalLine(signal: SignalStatus): { text: string; tone: 'ok' | 'busy' | 'warn' | 'off' } {
  switch (signal.state) {
    case 'connected': {
      const who = signal.account?.numberHint ?? signal.account?.deviceName;
      return { text: who ? `Linked as ${who}` : 'Linked to Signal', tone: 'ok' };
    }
    case 'connecting':
      return { text: 'Connecting to Signal…', tone: 'busy' };
    case 'linking':
      return { text: 'Waiting for your phone to link…', tone: 'busy' };
    case 'disconnected':
      return { text: 'Offline; reconnecting to Signal', tone: 'warn' };
    case 'unlinked-by-phone':
      return { text: 'Unlinked from your phone', tone: 'warn' };
    case 'unlinked':
      return { text: 'Not linked to Signal', tone: 'off' };
  }
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  let value = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(value)) return 'unknown';
  if (Math.abs(value) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return RELATIVE.format(Math.round(value), 'year');
}

export function durationText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const USD_SMALL = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });

export function money(usd: number): string {
  return usd > 0 && usd < 0.01 ? USD_SMALL.format(usd) : USD.format(usd);
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A running time as a stopwatch shows it: "0:07", "12:30", "1:02:05". */
export function stopwatch(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
