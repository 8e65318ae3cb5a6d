// Projects, their Claude sessions and everything needed to continue a session after a restart:
// the transcript as the worker's committed steps, the turns started by phone messages (the
// inbox id is unique, so one phone message starts at most one turn), approvals, and which phone
// messages belong to which session (replies and reactions route by them).
import type { Migration } from '../migration.js';

export const migration: Migration = {
  version: 3,
  name: 'sessions',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE,
        path TEXT NOT NULL,
        model TEXT,
        permission_mode TEXT,
        rules TEXT NOT NULL DEFAULT '{"allow":[],"ask":[],"deny":[]}',
        created_at INTEGER NOT NULL,
        removed_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX projects_live_name ON projects(name) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX projects_live_path ON projects(path) WHERE removed_at IS NULL;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        state TEXT NOT NULL,
        state_since INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_activity_at INTEGER,
        crash_count INTEGER NOT NULL DEFAULT 0,
        last_crash_at INTEGER,
        crash_reason TEXT,
        cost_usd REAL NOT NULL DEFAULT 0,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        cache_read_tokens INTEGER NOT NULL DEFAULT 0,
        cache_write_tokens INTEGER NOT NULL DEFAULT 0,
        session_rules TEXT NOT NULL DEFAULT '[]',
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX sessions_by_project ON sessions(project_id, ended_at);

      CREATE TABLE steps (
        session_id TEXT NOT NULL REFERENCES sessions(id),
        seq INTEGER NOT NULL,
        turn_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (session_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE turns (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id),
        inbox_id INTEGER UNIQUE,
        status TEXT NOT NULL,
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        end_reason TEXT,
        cost_usd REAL
      ) STRICT;
      CREATE INDEX turns_by_session ON turns(session_id, status, created_at);

      CREATE TABLE approvals (
        session_id TEXT NOT NULL REFERENCES sessions(id),
        id TEXT NOT NULL,
        turn_id TEXT NOT NULL,
        tool TEXT NOT NULL,
        summary TEXT NOT NULL,
        session_rule TEXT,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        answered_at INTEGER,
        answered_by TEXT,
        PRIMARY KEY (session_id, id)
      ) STRICT;
      CREATE INDEX approvals_pending ON approvals(status, id);

      CREATE TABLE message_refs (
        timestamp INTEGER PRIMARY KEY,
        project_id TEXT,
        session_id TEXT,
        kind TEXT NOT NULL,
        approval_id TEXT
      ) STRICT;
    `);
  },
};
