// Registered projects. A project removed with its history kept keeps its row (its sessions and
// transcripts stay on disk, and registering its folder again brings it back) but frees its name
// and path; lookups by id see live projects only.
import { z } from 'zod';
import { PERMISSION_MODES, type PermissionMode } from '../shared/config.js';
import type { Store } from './database.js';

export const ProjectRulesSchema = z.object({ allow: z.array(z.string()), ask: z.array(z.string()), deny: z.array(z.string()) });
export type ProjectRules = z.infer<typeof ProjectRulesSchema>;

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** Per-project overrides; undefined means the app's default. */
  readonly model: string | undefined;
  readonly permissionMode: PermissionMode | undefined;
  readonly rules: ProjectRules;
  readonly createdAt: number;
}

type Row = {
  id: string;
  name: string;
  path: string;
  model: string | null;
  permission_mode: string | null;
  rules: string;
  created_at: number;
};

const PermissionModeSchema = z.enum(PERMISSION_MODES);

function toProject(row: Row): Project {
  // (Rows are read on hot paths: the schemas are built once, and a missing mode is not a failed parse.)
  const mode = row.permission_mode === null ? undefined : PermissionModeSchema.safeParse(row.permission_mode);
  const rules = ProjectRulesSchema.safeParse(JSON.parse(row.rules));
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    model: row.model ?? undefined,
    permissionMode: mode?.success ? mode.data : undefined,
    rules: rules.success ? rules.data : { allow: [], ask: [], deny: [] },
    createdAt: row.created_at,
  };
}

export class ProjectsRepo {
  constructor(private readonly store: Store) {}

  add(project: Omit<Project, 'rules' | 'model' | 'permissionMode'> & Partial<Pick<Project, 'rules' | 'model' | 'permissionMode'>>): Project {
    this.store.db
      .prepare('INSERT INTO projects (id, name, path, model, permission_mode, rules, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run([project.id, project.name, project.path, project.model ?? null, project.permissionMode ?? null, JSON.stringify(project.rules ?? { allow: [], ask: [], deny: [] }), project.createdAt]);
    return this.get(project.id)!;
  }

  get(id: string): Project | undefined {
    const row = this.store.db.prepare('SELECT * FROM projects WHERE id = ? AND removed_at IS NULL').get<Row>([id]);
    return row ? toProject(row) : undefined;
  }

  /** A live project by name (case-insensitive). */
  byName(name: string): Project | undefined {
    const row = this.store.db.prepare('SELECT * FROM projects WHERE name = ? AND removed_at IS NULL').get<Row>([name]);
    return row ? toProject(row) : undefined;
  }

  byPath(path: string): Project | undefined {
    const row = this.store.db.prepare('SELECT * FROM projects WHERE path = ? AND removed_at IS NULL').get<Row>([path]);
    return row ? toProject(row) : undefined;
  }

  list(): Project[] {
    return this.store.db.prepare('SELECT * FROM projects WHERE removed_at IS NULL ORDER BY name').all<Row>().map(toProject);
  }

  /** The live projects' names, in order: what every outgoing message's instance mark carries. */
  names(): string[] {
    return this.store.db.prepare('SELECT name FROM projects WHERE removed_at IS NULL ORDER BY name', { pluck: true }).all<string>();
  }

  setPermissionMode(id: string, mode: PermissionMode | undefined): void {
    this.store.db.prepare('UPDATE projects SET permission_mode = ? WHERE id = ?').run([mode ?? null, id]);
  }

  setModel(id: string, model: string | undefined): void {
    this.store.db.prepare('UPDATE projects SET model = ? WHERE id = ?').run([model ?? null, id]);
  }

  remove(id: string, at: number): void {
    this.store.db.prepare('UPDATE projects SET removed_at = ? WHERE id = ?').run([at, id]);
  }

  /** The latest project removed from this folder with its history kept, if any. */
  removedByPath(path: string): Project | undefined {
    const row = this.store.db.prepare('SELECT * FROM projects WHERE path = ? AND removed_at IS NOT NULL ORDER BY removed_at DESC LIMIT 1').get<Row>([path]);
    return row ? toProject(row) : undefined;
  }

  /** Registers a removed project again, under `name`, with its history. */
  restore(id: string, name: string): void {
    this.store.db.prepare('UPDATE projects SET removed_at = NULL, name = ? WHERE id = ?').run([name, id]);
  }
}
