// Claude sessions of projects: lifecycle state (with when it was entered, so the 30-minute and
// 24-hour timers continue correctly after a restart), crash history, usage and cost.
import { z } from 'zod';
import { SESSION_STATES, type SessionState } from '../shared/api.js';
import type { Store } from './database.js';

export interface SessionRecord {
  readonly id: string;
  readonly projectId: string;
  readonly state: SessionState;
  readonly stateSince: number;
  readonly createdAt: number;
  readonly lastActivityAt: number | undefined;
  readonly crashCount: number;
  readonly lastCrashAt: number | undefined;
  readonly crashReason: string | undefined;
  readonly costUsd: number;
  readonly tokens: { readonly input: number; readonly output: number; readonly cacheRead: number; readonly cacheWrite: number };
  /** "Allow for this session" rules the owner granted. */
  readonly sessionRules: readonly string[];
  readonly endedAt: number | undefined;
}

type Row = {
  id: string;
  project_id: string;
  state: string;
  state_since: number;
  created_at: number;
  last_activity_at: number | null;
  crash_count: number;
  last_crash_at: number | null;
  crash_reason: string | null;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  session_rules: string;
  ended_at: number | null;
};

const StateSchema = z.enum(SESSION_STATES);
const RulesSchema = z.array(z.string());

function toRecord(r: Row): SessionRecord {
  const rules = RulesSchema.safeParse(JSON.parse(r.session_rules));
  return {
    id: r.id,
    projectId: r.project_id,
    state: StateSchema.catch('crashed').parse(r.state),
    stateSince: r.state_since,
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at ?? undefined,
    crashCount: r.crash_count,
    lastCrashAt: r.last_crash_at ?? undefined,
    crashReason: r.crash_reason ?? undefined,
    costUsd: r.cost_usd,
    tokens: { input: r.input_tokens, output: r.output_tokens, cacheRead: r.cache_read_tokens, cacheWrite: r.cache_write_tokens },
    sessionRules: rules.success ? rules.data : [],
    endedAt: r.ended_at ?? undefined,
  };
}

export interface UsageDelta {
  readonly costUsd: number;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

export class SessionsRepo {
  constructor(private readonly store: Store) {}

  create(id: string, projectId: string, at: number): SessionRecord {
    this.store.db
      .prepare("INSERT INTO sessions (id, project_id, state, state_since, created_at) VALUES (?, ?, 'idle', ?, ?)")
      .run([id, projectId, at, at]);
    return this.get(id)!;
  }

  get(id: string): SessionRecord | undefined {
    const row = this.store.db.prepare('SELECT * FROM sessions WHERE id = ?').get<Row>([id]);
    return row ? toRecord(row) : undefined;
  }

  /** The project's current (not terminated) session, if any. */
  currentFor(projectId: string): SessionRecord | undefined {
    const row = this.store.db
      .prepare('SELECT * FROM sessions WHERE project_id = ? AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1')
      .get<Row>([projectId]);
    return row ? toRecord(row) : undefined;
  }

  /** Every session that is not terminated: what comes back after a restart. */
  live(): SessionRecord[] {
    return this.store.db.prepare('SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY created_at').all<Row>().map(toRecord);
  }

  setState(id: string, state: SessionState, at: number, crash?: { count: number; lastAt: number | undefined; reason: string | undefined }): void {
    const ended = state === 'terminated' ? at : null;
    if (crash) {
      this.store.db
        .prepare('UPDATE sessions SET state = ?, state_since = ?, ended_at = ?, crash_count = ?, last_crash_at = ?, crash_reason = ? WHERE id = ?')
        .run([state, at, ended, crash.count, crash.lastAt ?? null, crash.reason ?? null, id]);
    } else {
      this.store.db.prepare('UPDATE sessions SET state = ?, state_since = ?, ended_at = ? WHERE id = ?').run([state, at, ended, id]);
    }
  }

  touch(id: string, at: number): void {
    this.store.db.prepare('UPDATE sessions SET last_activity_at = ? WHERE id = ?').run([at, id]);
  }

  addUsage(id: string, d: UsageDelta): void {
    this.store.db
      .prepare(
        `UPDATE sessions SET cost_usd = cost_usd + ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,
         cache_read_tokens = cache_read_tokens + ?, cache_write_tokens = cache_write_tokens + ? WHERE id = ?`,
      )
      .run([d.costUsd, d.input, d.output, d.cacheRead, d.cacheWrite, id]);
  }

  addSessionRule(id: string, rule: string): void {
    const current = this.get(id);
    if (!current || current.sessionRules.includes(rule)) return;
    this.store.db.prepare('UPDATE sessions SET session_rules = ? WHERE id = ?').run([JSON.stringify([...current.sessionRules, rule]), id]);
  }

  /** Every rule granted in any session of the project, ended ones included (oldest session first). */
  rulesOfProject(projectId: string): string[] {
    const rows = this.store.db.prepare('SELECT session_rules FROM sessions WHERE project_id = ? ORDER BY created_at', { pluck: true }).all<string>([projectId]);
    const rules = new Set<string>();
    for (const text of rows) {
      const parsed = RulesSchema.safeParse(JSON.parse(text));
      for (const rule of parsed.success ? parsed.data : []) rules.add(rule);
    }
    return [...rules];
  }

  /** Total cost per project over all its sessions (for /cost). */
  costByProject(): Array<{ projectId: string; costUsd: number; sessions: number }> {
    return this.store.db
      .prepare('SELECT project_id AS projectId, SUM(cost_usd) AS costUsd, COUNT(*) AS sessions FROM sessions GROUP BY project_id')
      .all<{ projectId: string; costUsd: number; sessions: number }>();
  }
}
