// Two `npm run build` at once (a first `npx imagegate` in a checkout runs `prepare` while a test
// setup builds) must leave a CLI that runs: the bundle is made from src/ into a private temporary
// file and renamed, never bundled from a file another build may have bundled already. The CLI
// that build leaves then keeps V8's compiled code of its bundle, and only code made from that
// very bundle, whole, is ever loaded back.
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';
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

let built: string | undefined;

describe('npm run build', () => {
  it('leaves a working, singly bundled CLI when two builds run at once', async () => {
    const tree = await buildTree();
    const build = () => run('npm', ['run', '--silent', 'build'], { cwd: tree, maxBuffer: 16 * 1024 * 1024 });
    const results = await Promise.allSettled([build(), build()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

    const bundle = await readFile(join(tree, 'dist', 'cli', 'main.bundle.cjs'), 'utf8');
    expect(() => new Script(`(function () {${bundle}\n})`)).not.toThrow();
    expect(bundle.split('var __defProp=').length - 1).toBe(1);
    const { version } = JSON.parse(await readFile(join(tree, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(process.execPath, [join(tree, 'dist', 'cli', 'bin.js'), '--version']);
    expect(stdout.trim()).toBe(version);
    built = tree;
  }, 300_000);

  it('keeps the compiled code after a check, and loads back only what was made from this bundle, whole', async () => {
    if (!built) throw new Error('the build test above did not leave a tree');
    const cli = join(built, 'dist', 'cli');
    const work = await tempDir('imagegate-code-cache-');
    const archive = join(work, 'app.tar');
    await writeFile(archive, (await classicSaveArchive([await layerTar([{ path: '/app/run.sh', content: 'echo hi\n' }])], { user: 'app' })).archive);
    const check = async () => {
      const result = await run(process.execPath, [
        join(cli, 'bin.js'),
        'check',
        '--no-cache',
        '--format',
        'json',
        '--fail-on',
        'never',
        `docker-archive:${archive}`,
      ]);
      return result.stdout.replace(/"durationMs": \d+/g, '');
    };
    const caches = async () => (await readdir(cli)).filter((name) => name.endsWith('.v8cache'));

    await run(process.execPath, [join(cli, 'bin.js'), '--version']);
    expect(await caches()).toEqual([]); // only a check runs enough of the program to be worth keeping
    const first = await check();
    const [cache] = await caches();
    expect(cache).toMatch(/^main\.bundle\.cjs\.\d+\.v8cache$/);
    const kept = join(cli, cache!);
    const written = (await stat(kept)).mtimeMs;
    expect(await check()).toBe(first);
    expect((await stat(kept)).mtimeMs).toBe(written); // loaded, not written again

    // Damaged code is compiled afresh and replaced (V8 itself would run it).
    const damaged = await readFile(kept);
    damaged[damaged.length - 8]! ^= 0xff;
    await writeFile(kept, damaged);
    expect(await check()).toBe(first);
    expect(await readFile(kept)).not.toEqual(damaged);

    // A cache that cannot be written (here a directory in its place) changes nothing of the check.
    await rm(kept);
    await mkdir(join(kept, 'x'), { recursive: true });
    expect(await check()).toBe(first);
    await rm(kept, { recursive: true });

    // A rebuilt bundle of the same length, which V8 alone would take the old code for.
    const bundleFile = join(cli, 'main.bundle.cjs');
    const bundle = await readFile(bundleFile, 'utf8');
    const description = 'Image size, layer count and layer size';
    expect(bundle).toContain(description);
    await writeFile(bundleFile, bundle.replace(description, 'Image size, layer COUNT and layer size'));
    expect(await check()).toContain('layer COUNT');
  }, 120_000);
});
