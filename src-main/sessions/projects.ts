// The registry of projects: folders the owner registered with /add, each under one of the
// allowed project roots (resolved through symlinks, so a link cannot smuggle in a folder
// outside them). Names are what the owner types after @, so they stay short and unique.
import { realpathSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { homedir } from 'node:os';
import { AppError } from '../shared/errors.js';
import type { PermissionMode } from '../shared/config.js';
import type { Project, ProjectsRepo } from '../store/projects-repo.js';

const NAME = /^[\p{L}\p{N}_.-]{1,40}$/u;

export class ProjectError extends AppError {}

export interface ProjectRegistryOptions {
  readonly repo: ProjectsRepo;
  readonly roots: () => readonly string[];
  readonly now: () => number;
  readonly newId?: () => string;
}

export class ProjectRegistry {
  /** Every session event names its project: read each one from the database once. */
  private readonly cache = new Map<string, Project | undefined>();

  constructor(private readonly options: ProjectRegistryOptions) {}

  list(): Project[] {
    return this.options.repo.list();
  }

  /** The live projects' names (cheap: no row is parsed). */
  names(): string[] {
    return this.options.repo.names();
  }

  get(id: string): Project | undefined {
    if (!this.cache.has(id)) this.cache.set(id, this.options.repo.get(id));
    return this.cache.get(id);
  }

  /** By exact name (any case), else by a unique prefix of a name. */
  find(name: string): Project | undefined {
    const exact = this.options.repo.byName(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    const matches = this.list().filter((p) => p.name.toLowerCase().startsWith(lower));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /**
   * Registers a folder. `path` may be absolute, ~/…, or relative to a project root. A folder
   * whose project was removed with its history kept comes back as that project, history and all.
   */
  add(path: string, name?: string): Project {
    const { real, finalName } = this.validate(path, name);
    const removed = this.options.repo.removedByPath(real);
    if (removed) {
      const again = name ?? (this.options.repo.byName(removed.name) ? finalName : removed.name);
      this.options.repo.restore(removed.id, again);
      this.cache.delete(removed.id);
      return this.options.repo.get(removed.id)!;
    }
    const project = this.options.repo.add({ id: (this.options.newId ?? randomUUID)(), name: finalName, path: real, createdAt: this.options.now() });
    this.cache.delete(project.id);
    return project;
  }

  /** Whether add() would register this folder here (several computers: the one that can answers). */
  check(path: string, name?: string): boolean {
    try {
      this.validate(path, name);
      return true;
    } catch {
      return false;
    }
  }

  private validate(path: string, name?: string): { real: string; finalName: string } {
    const roots = this.options.roots().map((r) => safeRealpath(r) ?? r);
    if (roots.length === 0) {
      throw new ProjectError('PROJECT_INVALID', 'No project folders are allowed yet.', {
        hint: 'Start Signal Claude with --project-root DIR, or add a folder under Preferences → Project roots.',
      });
    }
    const real = this.resolve(path, roots);
    if (!roots.some((root) => isInside(real, root))) {
      throw new ProjectError('PROJECT_INVALID', `${path} is not under an allowed project root.`, { hint: `Allowed: ${roots.join(', ')}.` });
    }
    if (roots.includes(real)) throw new ProjectError('PROJECT_INVALID', `${path} is a project root itself; add a folder inside it.`);
    const existing = this.options.repo.byPath(real);
    if (existing) throw new ProjectError('PROJECT_INVALID', `That folder is already the project "${existing.name}".`);
    const finalName = name ?? this.freeName(basename(real));
    if (!NAME.test(finalName)) {
      throw new ProjectError('PROJECT_INVALID', `"${finalName}" cannot be a project name.`, { hint: 'Use letters, digits, - _ or . (up to 40).' });
    }
    if (this.options.repo.byName(finalName)) throw new ProjectError('PROJECT_INVALID', `A project named "${finalName}" exists already.`, { hint: 'Give another name: /add <path> <name>.' });
    return { real, finalName };
  }

  /** Takes the project out of the registry (its sessions are ended by the caller; see project-removal.ts). */
  remove(id: string): void {
    this.options.repo.remove(id, this.options.now());
    this.cache.delete(id);
  }

  setPermissionMode(id: string, mode: PermissionMode): void {
    this.options.repo.setPermissionMode(id, mode);
    this.cache.delete(id);
  }

  /** The project's own model; undefined: the app's default. */
  setModel(id: string, model: string | undefined): void {
    this.options.repo.setModel(id, model);
    this.cache.delete(id);
  }

  private resolve(path: string, roots: readonly string[]): string {
    const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
    const candidates = isAbsolute(expanded) ? [expanded] : roots.map((root) => join(root, expanded));
    for (const candidate of candidates) {
      const real = safeRealpath(candidate);
      if (real && statSync(real).isDirectory()) return real;
      if (real) throw new ProjectError('PROJECT_INVALID', `${path} is a file, not a folder.`);
    }
    throw new ProjectError('PROJECT_INVALID', `No folder ${path}${isAbsolute(expanded) ? '' : ' under the project roots'}.`);
  }

  private freeName(base: string): string {
    const clean = base.replace(/[^\p{L}\p{N}_.-]+/gu, '-').slice(0, 36) || 'project';
    if (!this.options.repo.byName(clean)) return clean;
    for (let i = 2; ; i++) if (!this.options.repo.byName(`${clean}-${i}`)) return `${clean}-${i}`;
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function isInside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
