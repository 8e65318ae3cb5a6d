// Every migration, in order. Add new ones at the end with the next number; never edit a landed one.
import type { Migration } from '../migration.js';
import { migration as core } from './001-core.js';

export const MIGRATIONS: readonly Migration[] = [core];
