// A tap on the mock server's chat socket (@signalapp/mock-server's request router): records every
// request the app makes (the send options Signal's server reads, e.g. whether a push wakes the
// recipient's phone, which the mock itself ignores) and can answer one in place of the mock, as
// Signal's server would when it refuses (413 too large, 500). The app and the mock are untouched;
// only what travels between them is seen or replaced. Undone when the test ends.
import type { TestContext } from 'node:test';
import { Router } from '@signalapp/mock-server/src/server/ws/router.js';
import { defer } from './defer.js';

/** One PUT /v1/messages/{serviceId}: a Content for every device of one account. */
export interface TappedSend {
  readonly destination: string;
  readonly timestamp: number;
  /** Only to devices online now (typing indicators). */
  readonly online: boolean;
  /** Whether the server wakes the recipient's phone with a push. */
  readonly urgent: boolean;
}

interface WireRequest {
  readonly id?: unknown;
  readonly verb?: string | null;
  readonly path?: string | null;
  readonly body?: Uint8Array | null;
}

/** What the tap answers in place of the mock: a status, headers and a JSON body. */
export interface TapAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
}

export interface WireTap {
  /** Every message send so far, in order (answered by the mock or by the tap). */
  readonly sends: TappedSend[];
  /** Paths of every request so far (e.g. the attachment upload form). */
  readonly paths: string[];
}

type Run = (this: unknown, request: WireRequest) => Promise<unknown>;

/**
 * Taps every mock server in this process until the test ends. `answer` may take a send over
 * (return a TapAnswer) or leave it to the mock (undefined).
 */
export function tapWire(t: Pick<TestContext, 'after'>, answer: (send: TappedSend) => TapAnswer | undefined = () => undefined): WireTap {
  const proto = Router.prototype as unknown as { run: Run };
  const original = proto.run;
  const tap: WireTap = { sends: [], paths: [] };
  proto.run = async function (this: unknown, request: WireRequest) {
    const path = request.path ?? '';
    tap.paths.push(path);
    const target = /^\/v1\/messages\/([^/?]+)/.exec(path);
    if (request.verb === 'PUT' && target?.[1] && request.body) {
      const body = JSON.parse(Buffer.from(request.body).toString('utf8')) as { timestamp: number; online?: boolean; urgent?: boolean };
      const send: TappedSend = { destination: decodeURIComponent(target[1]), timestamp: Number(body.timestamp), online: body.online ?? false, urgent: body.urgent ?? true };
      tap.sends.push(send);
      const replaced = answer(send);
      if (replaced) {
        const headers = Object.entries(replaced.headers ?? {}).map(([name, value]) => `${name}:${value}`);
        return { id: request.id, status: replaced.status, message: null, headers: [...headers, 'Content-Type:application/json'], body: Buffer.from(JSON.stringify(replaced.json ?? {})) };
      }
    }
    return original.call(this, request);
  };
  defer(t, () => {
    proto.run = original;
  });
  return tap;
}
