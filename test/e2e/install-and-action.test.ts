// What a team installs: the packed tarball in an empty project (no dev dependencies) runs a real
// check, `npm publish --dry-run` is clean, and the GitHub Action's entry point, given its inputs the
// way action.yml passes them, checks an image on the engine and reports its exit code as an output.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, dockerHost, freshCacheHome, removeImage, REPO_ROOT } from './support/images.js';

const exec = promisify(execFile);
const TAG = `imagegate-test/install:${process.pid}`;
let work: string;

/** Runs a command, resolving with its exit code and output whatever the code. */
async function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { ...options, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_HOST: dockerHost(),
  XDG_CACHE_HOME: freshCacheHome(),
  ...extra,
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-install-'));
  // No HEALTHCHECK and no USER: a failing image, so exit codes and annotations have something to show.
  await buildImage(TAG, {
    busybox: true,
    files: {},
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'LABEL org.opencontainers.image.version=1 org.opencontainers.image.source=https://example.com/app',
    ].join('\n'),
  });
});

afterAll(async () => {
  await removeImage(TAG);
  await rm(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('installs into an empty project without dev dependencies and checks a real image', async () => {
    // dist/ was built by the e2e setup; packing must not build again (prepare) while other tests run the CLI.
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO_ROOT });
    expect(pack.code, pack.stderr).toBe(0);
    const filename = (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename;
    const project = join(work, 'project');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const install = await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(work, filename)], { cwd: project });
    expect(install.code, install.stderr).toBe(0);
    const installed = await readdir(join(project, 'node_modules'));
    expect(installed).not.toContain('typescript');
    expect(installed).not.toContain('vitest');

    const bin = join(project, 'node_modules', '.bin', 'imagegate');
    const version = await run(bin, ['--version'], { cwd: project });
    const { version: expected } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(expected);
    const check = await run(bin, ['check', '--format', 'json', TAG], { cwd: project, env: env() });
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout) as Report;
    expect(report.images[0]!.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['non-root-user', 'healthcheck']));
  });

  it('npm publish --dry-run is clean', async () => {
    const result = await run('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: REPO_ROOT });
    expect(result.code, result.stderr).toBe(0);
    // Without a login npm always warns that publishing needs one; any other warning is a packaging problem.
    const warnings = result.stderr.split('\n').filter((line) => /npm (warn|WARN)/.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
  });
});

describe('the GitHub Action entry point', () => {
  it('checks the images named in its inputs, writes the requested reports and the exit-code output', async () => {
    const outputs = join(work, 'github-output');
    const sarif = join(work, 'imagegate.sarif');
    const json = join(work, 'report.json');
    const result = await run(process.execPath, [join(REPO_ROOT, 'action', 'run.mjs')], {
      cwd: work,
      env: env({
        GITHUB_OUTPUT: outputs,
        INPUT_IMAGES: `\n  ${TAG}\n`,
        INPUT_FORMAT: 'github',
        INPUT_FAIL_ON: 'error',
        INPUT_REPORTS: `json=${json}`,
        INPUT_UPLOAD_SARIF: 'true',
        INPUT_SARIF_FILE: sarif,
        INPUT_DOCKERFILE: 'services/app/Dockerfile',
      }),
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^::error file=services\/app\/Dockerfile,title=imagegate non-root-user/m);
    expect(await readFile(outputs, 'utf8')).toBe('exit-code=1\n');
    expect((JSON.parse(await readFile(sarif, 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect((JSON.parse(await readFile(json, 'utf8')) as Report).summary.exitCode).toBe(1);

    const reportOnly = await run(process.execPath, [join(REPO_ROOT, 'action', 'run.mjs')], {
      cwd: work,
      env: env({ GITHUB_OUTPUT: outputs, INPUT_IMAGES: TAG, INPUT_FAIL_ON: 'never' }),
    });
    expect(reportOnly.code).toBe(0);
  });

  it('fails with one clear annotation when no image is named', async () => {
    const result = await run(process.execPath, [join(REPO_ROOT, 'action', 'run.mjs')], { cwd: work, env: env({ INPUT_IMAGES: '  ' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('::error title=imagegate::the input "images" is empty');
  });
});
