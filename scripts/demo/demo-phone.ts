// The DEMO panel's phone: the simulated owner's phone on Signal's mock server (test/helpers/
// phone.ts), seen as its Note to Self shows it — the owner's own messages and the computer's,
// each with its latest edit applied — and written to from the page. Handed to the daemon as
// its DemoPhoneControl by scripts/demo/main.ts, and by nothing else.
import type { DemoPhoneMessage } from '../../src-main/shared/api.js';
import type { DemoPhoneControl } from '../../src-main/daemon/controls.js';
import { AppError } from '../../src-main/shared/errors.js';
import type { Phone } from '../../test/helpers/phone.js';

/** The panel shows the newest messages only. */
const SHOWN = 60;

interface Entry {
  from: DemoPhoneMessage['from'];
  timestamp: number;
  body: string;
  at: number;
  notified: boolean;
  edited: boolean;
}

export class DemoPhone implements DemoPhoneControl {
  private phone: Phone | undefined;
  private readonly own: Entry[] = [];
  private readonly listeners = new Set<() => void>();

  /** The phone exists once the demo has linked the computer to it. */
  attach(phone: Phone): void {
    this.phone = phone;
    phone.onShown(() => this.changed());
    this.changed();
  }

  messages(): DemoPhoneMessage[] {
    const byTimestamp = new Map<number, Entry>();
    const shown = this.phone?.shown ?? [];
    // A notifying reply arrives twice (a direct message and the sync transcript of it): one message.
    for (const m of shown) {
      if (m.kind === 'edit') continue;
      const seen = byTimestamp.get(m.timestamp);
      if (seen) seen.notified ||= m.kind === 'notify';
      else byTimestamp.set(m.timestamp, { from: 'computer', timestamp: m.timestamp, body: m.body, at: m.at, notified: m.kind === 'notify', edited: false });
    }
    for (const m of shown) {
      const target = m.kind === 'edit' && m.editOf !== undefined ? byTimestamp.get(m.editOf) : undefined;
      if (!target) continue;
      target.body = m.body;
      target.edited = true;
    }
    return [...this.own, ...byTimestamp.values()]
      .sort((a, b) => a.timestamp - b.timestamp)
      .slice(-SHOWN)
      .map((e) => ({ id: `${e.from}-${e.timestamp}`, from: e.from, body: e.body, at: new Date(e.at).toISOString(), notified: e.notified, edited: e.edited }));
  }

  async say(text: string): Promise<void> {
    if (!this.phone) throw new AppError('NOT_AVAILABLE', 'The demo phone is still linking; try again in a moment.');
    const timestamp = await this.phone.say(text);
    this.own.push({ from: 'owner', timestamp, body: text, at: Date.now(), notified: false, edited: false });
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
