// Every migration, in order. Add new ones at the end with the next number; never edit a landed one.
import type { Migration } from '../migration.js';
import { migration as core } from './001-core.js';
import { migration as signal } from './002-signal.js';
import { migration as sessions } from './003-sessions.js';
import { migration as sendLog } from './004-send-log.js';
import { migration as kyberBaseKeys } from './005-kyber-base-keys.js';

export const MIGRATIONS: readonly Migration[] = [core, signal, sessions, sendLog, kyberBaseKeys];
