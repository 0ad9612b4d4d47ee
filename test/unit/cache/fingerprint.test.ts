// The code part of the layer cache's fingerprint: what the build stores in dist/code-hash.txt and
// what a check computes when that file is missing must be the same function of the tree.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashCodeTree } from '../../../src/cache/fingerprint.js';
import { tempDir } from '../support/temp-dir.js';

describe('hashCodeTree', () => {
  it('changes with any code file, nested or renamed, and ignores declarations and other files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'cli'));
    await writeFile(join(dir, 'index.js'), 'export {};\n');
    await writeFile(join(dir, 'cli', 'bin.js'), 'console.log(1);\n');
    const first = hashCodeTree(dir);
    expect(first).toMatch(/^[a-f0-9]{64}$/);
    await writeFile(join(dir, 'index.d.ts'), 'export {};\n');
    await writeFile(join(dir, 'code-hash.txt'), `${first}\n`);
    await writeFile(join(dir, 'cli', 'bin.js.map'), '{}');
    // V8's compiled code that a check stores beside the bundle is not code of imagegate's.
    await writeFile(join(dir, 'cli', 'main.bundle.cjs.123.v8cache'), 'x');
    expect(hashCodeTree(dir)).toBe(first);
    await writeFile(join(dir, 'cli', 'bin.js'), 'console.log(2);\n');
    expect(hashCodeTree(dir)).not.toBe(first);
    await writeFile(join(dir, 'cli', 'bin.js'), 'console.log(1);\n');
    expect(hashCodeTree(dir)).toBe(first);
    await writeFile(join(dir, 'cli', 'scan-worker.json'), '{}');
    const withJson = hashCodeTree(dir);
    expect(withJson).not.toBe(first);
    await writeFile(join(dir, 'cli', 'main.bundle.cjs'), 'module.exports = {};\n');
    expect(hashCodeTree(dir)).not.toBe(withJson);
  });
});
