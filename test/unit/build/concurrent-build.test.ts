// Two `npm run build` at once (a first `npx imagegate` in a checkout runs `prepare` while a test
// setup builds) must leave a CLI that runs: the bundle is made from src/ into a private temporary
// file and renamed, never bundled from a file another build may have bundled already.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A copy of what `npm run build` reads, so the test never rewrites the dist/ other tests run. */
async function buildTree(): Promise<string> {
  const dir = await tempDir('imagegate-build-');
  for (const path of ['src', 'policies', 'package.json', 'tsconfig.json', 'tsconfig.build.json'])
    await cp(join(REPO, path), join(dir, path), { recursive: true });
  await mkdir(join(dir, 'scripts'));
  await cp(join(REPO, 'scripts', 'bundle-cli.mjs'), join(dir, 'scripts', 'bundle-cli.mjs'));
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('npm run build', () => {
  it('leaves a working, singly bundled CLI when two builds run at once', async () => {
    const tree = await buildTree();
    const CLI = join(tree, 'dist', 'cli', 'bin.js');
    const build = () => run('npm', ['run', '--silent', 'build'], { cwd: tree, maxBuffer: 16 * 1024 * 1024 });
    const results = await Promise.allSettled([build(), build()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

    const bundle = await readFile(CLI, 'utf8');
    expect(bundle.split('createRequire as __imagegateRequire').length - 1).toBe(1);
    const { version } = JSON.parse(await readFile(join(tree, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, [CLI, '--version']);
    expect(stdout.trim()).toBe(version);
  }, 300_000);
});
