// Two `npm run build` at once (a first `npx imagegate` in a checkout runs `prepare` while a test
// setup builds) must leave a CLI that runs: the bundle is made from src/ into a private temporary
// file and renamed, never bundled from a file another build may have bundled already.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO, 'dist', 'cli', 'bin.js');

describe('npm run build', () => {
  it('leaves a working, singly bundled CLI when two builds run at once', async () => {
    const build = () => run('npm', ['run', '--silent', 'build'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
    const results = await Promise.allSettled([build(), build()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

    const bundle = await readFile(CLI, 'utf8');
    expect(bundle.split('createRequire as __imagegateRequire').length - 1).toBe(1);
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, [CLI, '--version']);
    expect(stdout.trim()).toBe(version);
  }, 300_000);
});
