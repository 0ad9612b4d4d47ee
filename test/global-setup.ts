// Global setup of the e2e project (see vitest.config.ts). Vitest runs it only
// when at least one e2e test file is selected, so `npx vitest run test/unit`
// needs no Docker Engine.
//
// 1. The Docker Engine at DOCKER_HOST must answer; otherwise fail with a clear
//    message (run via `npm test`, which starts a private engine).
// 2. Build dist/ with `npm run build` (tsc, then the esbuild bundle of the CLI)
//    so runCli() runs the current code, bundled as it ships. IMAGEGATE_SKIP_BUILD=1
//    skips this step.
// 3. Create one temp root for the per-run layer caches (IMAGEGATE_E2E_TMP, read
//    by freshCacheHome) before the workers fork, and remove it at teardown.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, docker, dockerHost } from './e2e/support/images.js';

export default async function setup(): Promise<() => void> {
  const host = dockerHost();
  let version: string;
  try {
    const { stdout } = await docker(['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'], {
      timeoutMs: 30_000,
    });
    version = stdout.trim();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(
      [
        `The e2e tests need a Docker Engine, but none answers at DOCKER_HOST=${host}.`,
        'Run them via `npm test`, which starts a private engine',
        '(or: bash scripts/with-test-services.sh npx vitest run test/e2e).',
        'Unit tests alone need no engine: npx vitest run test/unit',
        '',
        `docker version said: ${detail.trim()}`,
      ].join('\n'),
      { cause: e },
    );
  }
  console.log(`[e2e] Docker Engine ${version} at ${host}`);

  const tmpRoot = mkdtempSync(join(tmpdir(), 'imagegate-e2e-run-'));
  process.env.IMAGEGATE_E2E_TMP = tmpRoot;
  const teardown = (): void => rmSync(tmpRoot, { recursive: true, force: true });

  if (process.env.IMAGEGATE_SKIP_BUILD === '1') {
    console.log('[e2e] IMAGEGATE_SKIP_BUILD=1: not compiling src/ (dist/ is used as it is)');
    return teardown;
  }
  const started = Date.now();
  // `npm run build` itself (tsc, then the CLI bundle): the tests run the CLI that ships, built the
  // one way package.json says.
  const res = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error) {
    teardown();
    throw res.error;
  }
  if (res.status !== 0) {
    teardown();
    throw new Error(
      `Building dist/ for the e2e tests failed (npm run build, exit ${String(res.status)}):\n${res.stdout}${res.stderr}\n(set IMAGEGATE_SKIP_BUILD=1 to use dist/ as it is)`,
    );
  }
  console.log(`[e2e] built dist/ (tsc, then the CLI bundle) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return teardown;
}
