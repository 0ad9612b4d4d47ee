// `import { checkImages } from 'imagegate'` from another project: the package is packed with
// `npm pack`, unpacked into a consumer's node_modules (with this repo's dependencies beside it),
// and a TypeScript file that imports it is type-checked and run.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, buildImage, removeImage, dockerHost } from './support/images.js';
import { rules } from '../../src/rules/index.js';

const run = promisify(execFile);
const tag = `imagegate-test/library:${process.pid}`;
let consumer: string;

beforeAll(async () => {
  consumer = await mkdtemp(join(tmpdir(), 'imagegate-consumer-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', consumer], { cwd: REPO_ROOT });
  const tarball = join(consumer, stdout.trim().split('\n').at(-1)!);
  const installed = join(consumer, 'node_modules', 'imagegate');
  await mkdir(installed, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  // The package's runtime dependencies, taken from this repo instead of the network.
  for (const name of await readdir(join(REPO_ROOT, 'node_modules'))) {
    if (name === '.bin' || name === 'imagegate') continue;
    await symlink(join(REPO_ROOT, 'node_modules', name), join(consumer, 'node_modules', name));
  }
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  await writeFile(
    join(consumer, 'gate.ts'),
    [
      "import { checkImages, type Report } from 'imagegate';",
      'const report: Report = await checkImages([process.argv[2]!], { budgets: { budgets: [] }, policy: { rules: { "size-budget": "off" } } });',
      'console.log(JSON.stringify({ exitCode: report.summary.exitCode, platform: report.images[0]?.platform, rules: report.rules.length }));',
    ].join('\n'),
  );
  await writeFile(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        outDir: 'out',
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['gate.ts'],
    }),
  );
  await buildImage(tag, { busybox: true, dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nUSER 10001\n' });
}, 300_000);

afterAll(async () => {
  await removeImage(tag);
  await rm(consumer, { recursive: true, force: true });
});

describe('the package as a dependency', () => {
  it('type-checks and runs `import { checkImages } from "imagegate"`', async () => {
    await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], { cwd: consumer });
    const { stdout } = await run(process.execPath, [join(consumer, 'out', 'gate.js'), tag], {
      cwd: consumer,
      env: { ...process.env, DOCKER_HOST: dockerHost() },
    });
    // every rule but size-budget, which the consumer turns off
    expect(JSON.parse(stdout)).toMatchObject({ platform: 'linux/amd64', rules: rules.length - 1 });
  });
});
