// What the composition root starts and stops. Services are plain objects built once in
// daemon/daemon.ts and handed what they need; start/stop run in dependency order. It lives in
// shared/ so the feature folders (signal/, chat/) implement it without importing the daemon.
import type { ServiceHealth } from './api.js';

export interface Service {
  readonly name: string;
  /** The app works without it, in a lesser way (the command host): it never makes health not ok. */
  readonly optional?: boolean;
  start(): Promise<void>;
  /** Must resolve within a couple of seconds: the whole daemon stops in under 5 s. */
  stop(): Promise<void>;
  health(): ServiceHealth;
}
