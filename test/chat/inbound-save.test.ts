import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { saveIntoProject } from '../../src-main/chat/inbound-save.js';
import { tempDir } from '../display/git-helper.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('saving into the project after the owner said yes', () => {
  test('writes inside the project without overwriting', async () => {
    const t = await tempDir();
    try {
      assert.equal(await saveIntoProject(t.dir, 'uploads/report.xlsx', new Uint8Array([1])), 'uploads/report.xlsx');
      assert.equal(await saveIntoProject(t.dir, 'uploads/report.xlsx', new Uint8Array([2])), 'uploads/report (1).xlsx');
      assert.deepEqual([...(await readFile(path.join(t.dir, 'uploads/report.xlsx')))], [1]);
      assert.deepEqual([...(await readFile(path.join(t.dir, 'uploads/report (1).xlsx')))], [2]);
    } finally {
      await t.cleanup();
    }
  });

  test('refuses paths and symlinked folders that lead outside', async () => {
    const t = await tempDir();
    const outside = await tempDir();
    try {
      await mkdir(path.join(t.dir, 'proj'));
      await symlink(outside.dir, path.join(t.dir, 'proj', 'escape'));
      await assert.rejects(saveIntoProject(path.join(t.dir, 'proj'), '../x.txt', new Uint8Array()), { code: 'AGENT_CONFINEMENT' });
      await assert.rejects(saveIntoProject(path.join(t.dir, 'proj'), 'escape/x.txt', new Uint8Array()), { code: 'AGENT_CONFINEMENT' });
      await writeFile(path.join(t.dir, 'proj', 'keep.txt'), 'mine');
      await saveIntoProject(path.join(t.dir, 'proj'), 'keep.txt', enc('theirs'));
      assert.equal(await readFile(path.join(t.dir, 'proj', 'keep.txt'), 'utf8'), 'mine');
    } finally {
      await t.cleanup();
      await outside.cleanup();
    }
  });
});
