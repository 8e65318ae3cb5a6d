import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectsRepo } from '../../src-main/store/projects-repo.js';
import { openTestStore } from '../helpers/store.js';

test("the names every message's instance mark carries: live projects only, in order, as the full rows say", (t) => {
  const repo = new ProjectsRepo(openTestStore(t));
  repo.add({ id: 'b', name: 'web', path: '/p/web', createdAt: 1 });
  repo.add({ id: 'a', name: 'api', path: '/p/api', createdAt: 2, permissionMode: 'acceptEdits' });
  repo.add({ id: 'c', name: 'old', path: '/p/old', createdAt: 3 });
  repo.remove('c', 4);
  assert.deepEqual(repo.names(), ['api', 'web']);
  assert.deepEqual(repo.names(), repo.list().map((p) => p.name));
  assert.equal(repo.get('a')?.permissionMode, 'acceptEdits');
  assert.equal(repo.get('b')?.permissionMode, undefined, 'no mode of its own: the app default');
});
