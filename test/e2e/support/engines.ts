// The engines the cross-engine e2e test builds on: the DOCKER_HOST engine (Debian bookworm's 20.10,
// vfs) and the two Engine 26.1 instances of scripts/trixie-engines.sh (classic overlay2 store,
// containerd image store), whose addresses scripts/with-test-services.sh exports when
// IMAGEGATE_TRIXIE_ENGINES=1 (npm test sets it).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
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
 * with-test-services.sh starts the trixie engines in the background while the tests run; it writes
 * the exit code of that start to IMAGEGATE_TRIXIE_STATUS when it is over. Waits for it (a fresh
 * clone builds the chroot first), and fails with one line when the start failed.
 */
export async function trixieEnginesReady(timeoutMs = 600_000): Promise<void> {
  const file = process.env.IMAGEGATE_TRIXIE_STATUS;
  if (!file) return; // started some other way: they answer or the first build says so
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (status === '0') return;
    if (status !== '')
      throw new Error(
        `the Engine 26.1 instances did not start (scripts/trixie-engines.sh start exited ${status}; its log lines, "trixie-engines: ...", are above)`,
      );
    if (Date.now() > deadline)
      throw new Error(`the Engine 26.1 instances were not up after ${timeoutMs / 1000} s (scripts/trixie-engines.sh start is still running)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `docker buildx build --load` (BuildKit) on a trixie engine, with the chroot's docker CLI and
 * buildx plugin: the context is written inside the chroot, and the engine's socket is named by its
 * path there. On the containerd store the result is an index with a provenance attestation.
 */
export async function buildxImage(engine: TestEngine, tag: string, opts: BuildImageOptions, platforms?: string): Promise<void> {
  if (!engine.chroot) throw new Error(`buildxImage: ${engine.name} is not a trixie engine`);
  const root = engine.chroot;
  const socket = await realpath(engine.host.replace(/^unix:\/\//, ''));
  if (!socket.startsWith(`${root}/`)) throw new Error(`buildxImage: the socket ${socket} is not inside the chroot ${root}`);
  const ctx = await mkdtemp(join(root, 'tmp', 'imagegate-ctx-'));
  try {
    await writeContext(ctx, opts);
    const inner = ctx.slice(root.length);
    const args = [
      'env',
      `DOCKER_HOST=unix://${socket.slice(root.length)}`,
      'HOME=/tmp',
      'DOCKER_CLI_HINTS=false',
      'docker',
      'buildx',
      'build',
      '--network',
      'host',
      '--load',
      '-t',
      tag,
    ];
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    if (platforms) args.push('--platform', platforms);
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

/**
 * What a store holds after pulling one platform of a multi-platform image: `docker save` a BuildKit
 * image (an index: amd64 + attestation), add `platform` to its index with content that exists
 * nowhere, and `docker load` it as `newTag`. (Deleting one platform's blobs from a stored image
 * instead races with containerd's garbage collector.)
 */
export async function loadWithAbsentPlatform(
  engine: TestEngine,
  tag: string,
  newTag: string,
  platform: { os: string; architecture: string },
  work: string,
): Promise<void> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { createHash, randomBytes } = await import('node:crypto');
  const dir = await mkdtemp(join(work, 'partial-'));
  const sh = (script: string): Promise<void> =>
    new Promise((resolve, reject) => {
      execFile(
        'bash',
        ['-o', 'pipefail', '-c', script, 'sh', dir, tag],
        { env: { ...process.env, DOCKER_HOST: engine.host }, encoding: 'utf8' },
        (error, _out, stderr) => (error ? reject(new Error(`${script}: ${stderr}`)) : resolve()),
      );
    });
  await sh('docker save "$2" | tar -x -C "$1"');
  const digestOf = (data: string | Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;
  const blob = (digest: string): string => join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const top = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    manifests: { digest: string; size: number; annotations?: Record<string, string> }[];
  };
  const root = top.manifests[0]!;
  const index = JSON.parse(await readFile(blob(root.digest), 'utf8')) as { manifests: object[] };
  const absent = randomBytes(64);
  index.manifests.splice(1, 0, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(absent), size: absent.length, platform });
  const body = JSON.stringify(index);
  await writeFile(blob(digestOf(body)), body);
  const name = `docker.io/${newTag}`;
  top.manifests = [
    {
      ...root,
      digest: digestOf(body),
      size: Buffer.byteLength(body),
      annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': newTag.slice(newTag.lastIndexOf(':') + 1) },
    },
  ];
  await writeFile(join(dir, 'index.json'), JSON.stringify(top));
  const saved = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { RepoTags: string[] }[];
  saved[0]!.RepoTags = [newTag];
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(saved));
  await sh('tar -c -C "$1" . | docker load >/dev/null');
  await rm(dir, { recursive: true, force: true });
}
