// The engines the cross-engine e2e test builds on: the DOCKER_HOST engine (Debian bookworm's 20.10,
// vfs) and the two Engine 26.1 instances of scripts/trixie-engines.sh (classic overlay2 store,
// containerd image store), whose addresses scripts/with-test-services.sh exports when
// IMAGEGATE_TRIXIE_ENGINES=1 (npm test sets it).
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerHost, writeContext, type BuildImageOptions } from './images.js';

export interface TestEngine {
  /** Short label for test names: "20.10", "26.1 overlay2", "26.1 containerd store". */
  name: string;
  host: string;
  /** Set for the trixie engines: their chroot, where the docker CLI with the buildx plugin lives. */
  chroot?: string;
}

/** The three engines, or why they are not all there. */
export function testEngines(env: NodeJS.ProcessEnv = process.env): TestEngine[] | string {
  const overlay2 = env.IMAGEGATE_ENGINE26_OVERLAY2_HOST;
  const containerd = env.IMAGEGATE_ENGINE26_CONTAINERD_HOST;
  const chroot = env.IMAGEGATE_TRIXIE_ROOT;
  if (!overlay2 || !containerd || !chroot) {
    return 'the Engine 26.1 instances are not running: run through `npm test`, or IMAGEGATE_TRIXIE_ENGINES=1 bash scripts/with-test-services.sh npx vitest run test/e2e/engines.test.ts';
  }
  return [
    { name: 'default engine', host: dockerHost() },
    { name: '26.1 overlay2', host: overlay2, chroot },
    { name: '26.1 containerd store', host: containerd, chroot },
  ];
}

/**
 * `docker buildx build --load` (BuildKit) on a trixie engine, with the chroot's docker CLI and
 * buildx plugin: the context is written inside the chroot, and the engine's socket is named by its
 * path there. On the containerd store the result is an index with a provenance attestation.
 */
export async function buildxImage(engine: TestEngine, tag: string, opts: BuildImageOptions): Promise<void> {
  if (!engine.chroot) throw new Error(`buildxImage: ${engine.name} is not a trixie engine`);
  const root = engine.chroot;
  const socket = await realpath(engine.host.replace(/^unix:\/\//, ''));
  if (!socket.startsWith(`${root}/`)) throw new Error(`buildxImage: the socket ${socket} is not inside the chroot ${root}`);
  const ctx = await mkdtemp(join(root, 'tmp', 'imagegate-ctx-'));
  try {
    await writeContext(ctx, opts);
    const inner = ctx.slice(root.length);
    const args = ['env', `DOCKER_HOST=unix://${socket.slice(root.length)}`, 'HOME=/tmp', 'DOCKER_CLI_HINTS=false', 'docker', 'buildx', 'build', '--network', 'host', '--load', '-t', tag];
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    args.push(inner);
    await new Promise<void>((resolve, reject) => {
      execFile('chroot', [root, ...args], { maxBuffer: 64 << 20, timeout: 900_000, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) reject(new Error(`docker buildx build of ${tag} on ${engine.name} failed (${error.message}):\n${stdout}\n${stderr}`));
        else resolve();
      });
    });
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
}
