// Helpers for the e2e tests: build/remove images on the Docker Engine the tests
// run against (DOCKER_HOST, exported by scripts/with-test-services.sh), and run
// the built CLI (dist/cli/bin.js).
//
// Everything shells out to the `docker` CLI that is first on PATH. Builds use
// the legacy builder (DOCKER_BUILDKIT=0): the test engine is Debian's dockerd
// 20.10 (API 1.41) and the CLI may be docker 28 without the buildx plugin. There
// `docker build` already falls back to the legacy builder (with a deprecation
// warning), but DOCKER_BUILDKIT=1 in the environment would make it fail with
// "BuildKit is enabled but the buildx component is missing or broken". Forcing
// 0 gives the same behaviour with either CLI (28 or 20.10) and keeps ARG values
// used in RUN visible in the image history, which the secret tests rely on.

import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Static busybox from Debian's busybox-static package. */
export const BUSYBOX_PATH = '/bin/busybox';

/** Repository root (this file is test/e2e/support/images.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built CLI entry point. */
export const CLI_PATH = join(REPO_ROOT, 'dist', 'cli', 'bin.js');

const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/**
 * Every CLI run gets its own empty layer cache, so runs stay independent and nothing is written to
 * the real ~/.cache. Tests about the cache pass XDG_CACHE_HOME or --cache-dir themselves.
 *
 * The caches live under one temp root that test/global-setup.ts creates before the test workers
 * start (IMAGEGATE_E2E_TMP) and removes in its teardown: vitest's fork workers end without an
 * 'exit' event, so a per-worker cleanup would leave a directory behind for every worker.
 */
let cacheRuns = 0;
export function freshCacheHome(): string {
  const root = process.env.IMAGEGATE_E2E_TMP;
  if (root === undefined || root === '') {
    throw new Error('IMAGEGATE_E2E_TMP is not set: run the e2e tests through vitest (test/global-setup.ts sets it)');
  }
  return join(root, 'cache', `${process.pid}-${++cacheRuns}`);
}

/** The engine the tests talk to. */
export function dockerHost(): string {
  const h = process.env.DOCKER_HOST;
  return h !== undefined && h !== '' ? h : DEFAULT_DOCKER_HOST;
}

function dockerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DOCKER_HOST: dockerHost(),
    DOCKER_BUILDKIT: '0',
    DOCKER_CLI_HINTS: 'false',
    ...extra,
  };
}

export class DockerError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly code: number | string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'DockerError';
  }
}

export interface DockerOptions {
  /** Extra environment for the docker CLI. */
  env?: Record<string, string>;
  /** Kill the CLI after this many ms (default 10 minutes). */
  timeoutMs?: number;
}

/** Run `docker ARGS...`; rejects with a DockerError (stdout/stderr attached) on non-zero exit. */
export function docker(args: string[], opts: DockerOptions = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'docker',
      args,
      {
        env: dockerEnv(opts.env),
        maxBuffer: 256 * 1024 * 1024,
        timeout: opts.timeoutMs ?? 600_000,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
          reject(
            new DockerError(
              `docker ${args.join(' ')} failed (${code ?? err.message}):\n${stderr || stdout || err.message}`,
              args,
              code,
              stdout,
              stderr,
            ),
          );
          return;
        }
        resolvePromise({ stdout, stderr });
      },
    );
  });
}

export interface BuildImageOptions {
  /** Dockerfile text. */
  dockerfile: string;
  /** Extra files for the build context, relative path -> content. */
  files?: Record<string, string | Buffer>;
  /** --build-arg NAME=VALUE pairs. */
  buildArgs?: Record<string, string>;
  /** Copy BUSYBOX_PATH into the context as ./busybox (for `COPY busybox /bin/busybox`). */
  busybox?: boolean;
  /** Build on this engine instead of DOCKER_HOST (e.g. one of the Engine 26 instances). */
  host?: string;
}

/**
 * Build an image from an in-memory context with `docker build --network host -t TAG`
 * (legacy builder). Throws with the full build output on failure.
 */
export async function buildImage(tag: string, opts: BuildImageOptions): Promise<void> {
  const ctx = await mkdtemp(join(tmpdir(), 'imagegate-ctx-'));
  try {
    await writeContext(ctx, opts);
    const args = ['build', '--network', 'host', '--force-rm', '-t', tag, '-f', join(ctx, 'Dockerfile')];
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    args.push(ctx);
    try {
      await docker(args, { timeoutMs: 900_000, ...(opts.host ? { env: { DOCKER_HOST: opts.host } } : {}) });
    } catch (e) {
      if (e instanceof DockerError) {
        throw new Error(`docker build of ${tag} failed (exit ${String(e.code)}):\n${e.stdout}\n${e.stderr}`, { cause: e });
      }
      throw e;
    }
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
}

/** Writes a build context (Dockerfile, files, busybox) into an existing directory. */
export async function writeContext(ctx: string, opts: BuildImageOptions): Promise<void> {
  await writeFile(join(ctx, 'Dockerfile'), opts.dockerfile);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    const dest = resolve(ctx, rel);
    if (!dest.startsWith(ctx + sep)) throw new Error(`buildImage: file path escapes the context: ${rel}`);
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, content);
  }
  if (opts.busybox) {
    await copyFile(BUSYBOX_PATH, join(ctx, 'busybox'));
  }
}

/**
 * Remove an image; no error if it does not exist. Its untagged parents stay (--no-prune): with the
 * legacy builder those parents are the build cache that test files running at the same time share
 * (every busybox image starts with the same `COPY busybox` step), and pruning them under a running
 * build fails it with "failed to get digest ... no such file or directory". The private test
 * engine's whole data root is removed when it stops.
 */
export async function removeImage(tag: string, host?: string): Promise<void> {
  try {
    await docker(['image', 'rm', '--force', '--no-prune', tag], host ? { env: { DOCKER_HOST: host } } : {});
  } catch (e) {
    if (e instanceof DockerError && /No such image/i.test(e.stderr)) return;
    throw e;
  }
}

/** Whether the engine has an image with this reference or id. */
export async function imageExists(tag: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
    return true;
  } catch (e) {
    if (e instanceof DockerError && /No such (image|object)/i.test(e.stderr)) return false;
    throw e;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `node dist/cli/bin.js ARGS...` from the repository root with DOCKER_HOST
 * set and NO_COLOR=1 (override through `env`). Resolves with the exit code
 * (128+N if killed by signal N) - it never rejects for a non-zero exit.
 */
export function runCli(args: string[], env?: Record<string, string>): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DOCKER_HOST: dockerHost(), NO_COLOR: '1', XDG_CACHE_HOME: freshCacheHome(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const sigNums: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15, SIGABRT: 6 };
      resolvePromise({
        code: code ?? (signal ? 128 + (sigNums[signal] ?? 0) : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
