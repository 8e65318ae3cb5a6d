// Live events for the UI (SSE headless, IPC in Electron). Publishers are services; each
// subscriber gets every event after it subscribed. A throwing subscriber never affects others.
import type { ApiEvent } from '../shared/api.js';

export type ApiEventListener = (event: ApiEvent) => void;

export class EventBus {
  private readonly listeners = new Set<ApiEventListener>();

  publish(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken connection must not stop the others from getting the event.
      }
    }
  }

  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
