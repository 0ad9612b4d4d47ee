// The same images, built on three real engines — Debian bookworm's Engine 20.10 (vfs), Debian
// trixie's Engine 26.1 with the classic overlay2 store, and 26.1 with the containerd image store —
// give the same verdicts and findings. On the containerd store the engine's image ID is a manifest
// digest (an index digest for BuildKit output), its export is an OCI layout with gzip layers, and
// BuildKit adds a provenance attestation: all of it must read like the classic store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildxImage, loadWithAbsentPlatform, testEngines, trixieEnginesReady, type TestEngine } from './support/engines.js';
import { fakeSecrets, secretValues } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli, type BuildImageOptions } from './support/images.js';

const engines = testEngines();
const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/engines-${name}:${run}`;
const BASE = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'];
const secrets = fakeSecrets();

/** Images of the e2e suite (check-cli, size-analysis), kept small: a pass, a root alias, secrets, waste. */
const IMAGES: Record<string, BuildImageOptions> = {
  clean: {
    busybox: true,
    files: {
      'app/main.py': 'import os\npassword = os.environ["DB_PASSWORD"]\n',
      'app/.env.example': 'API_KEY=changeme\nDB_PASSWORD=\n',
      'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n',
    },
    dockerfile: [
      ...BASE,
      'COPY etc/passwd /etc/passwd',
      'COPY app/ /app/',
      'ENV PASSWORD_FILE=/run/secrets/db DB_PASSWORD=changeme',
      'LABEL org.opencontainers.image.version=1.0.0 org.opencontainers.image.source=https://example.com/app',
      'HEALTHCHECK CMD ["/bin/busybox", "true"]',
      'USER 10001',
    ].join('\n'),
  },
  'root-alias': {
    busybox: true,
    files: { 'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0:alias:/root:/bin/sh\n' },
    dockerfile: [...BASE, 'COPY etc/passwd /etc/passwd', 'USER toor'].join('\n'),
  },
  leaky: {
    busybox: true,
    files: {
      id_rsa: secrets.privateKey,
      '.git-credentials': `https://builder:${secrets.dbPassword}@git.example.com\n`,
      'token.txt': `slack_token=${secrets.slackToken}\n`,
    },
    buildArgs: { AWS_SECRET: secrets.awsSecretKey, GH_TOKEN: secrets.githubToken },
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /root/.ssh /tmp /var/log',
      'COPY id_rsa /root/.ssh/id_rsa',
      'RUN rm /root/.ssh/id_rsa',
      'COPY .git-credentials /root/.git-credentials',
      'COPY token.txt /tmp/t',
      "RUN (yes 'GET /health 200 ok' | head -c 2000000; cat /tmp/t) > /var/log/app.log && rm /tmp/t",
      'ARG AWS_SECRET',
      'ENV AWS_SECRET_ACCESS_KEY=$AWS_SECRET',
      'ARG GH_TOKEN',
      'LABEL com.example.ci-token=$GH_TOKEN',
    ].join('\n'),
  },
  wasteful: {
    busybox: true,
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/big.bin bs=1000000 count=3 2>/dev/null',
      'RUN rm /data/big.bin',
      'USER 10001',
    ].join('\n'),
  },
};
/** Built with BuildKit (docker buildx build --load) on the two Engine 26.1 instances. */
const BUILDKIT_IMAGES = ['clean', 'leaky'];

let work: string;
let budgets: string;

interface Outcome {
  code: number;
  report: Report;
  stdout: string;
  stderr: string;
}

async function check(engine: TestEngine, reference: string, ...args: string[]): Promise<Outcome> {
  const result = await runCli(['check', '--format', 'json', '--budgets', budgets, ...args, reference], { DOCKER_HOST: engine.host });
  let report: Report;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`check ${reference} on ${engine.name} printed no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, report, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What must not differ between engines. Left out, because it legitimately does: the image ID and
 * digest (the containerd store names the manifest or index; configs differ in build timestamps),
 * layer diffIDs, also where a finding's location names its layer (file mtimes differ between
 * builds; the layer index stays), and compressed sizes (only OCI exports state them).
 */
function comparable({ code, report }: Outcome): unknown {
  const image = report.images[0]!;
  return {
    code,
    passed: image.passed,
    error: image.error,
    platform: image.platform,
    sizeBytes: image.sizeBytes,
    layers: image.layers?.map((layer) => ({ index: layer.index, sizeBytes: layer.sizeBytes, createdBy: layer.createdBy })),
    wastedBytes: image.size?.wastedBytes,
    findings: JSON.parse(JSON.stringify(image.findings).replace(/"diffId":"sha256:[a-f0-9]{64}"/g, '"diffId":"(differs per build)"')) as unknown,
  };
}

const describeEngines = typeof engines === 'string' ? (process.env.CI ? describe : describe.skip) : describe;

describeEngines('the same images on Engine 20.10, 26.1 overlay2 and 26.1 containerd store', () => {
  const all = typeof engines === 'string' ? [] : engines;
  const legacy = new Map<string, Outcome[]>();
  const buildkit = new Map<string, Outcome[]>();

  beforeAll(async () => {
    if (typeof engines === 'string') throw new Error(engines);
    await trixieEnginesReady();
    work = await mkdtemp(join(tmpdir(), 'imagegate-engines-'));
    budgets = join(work, 'budgets.json');
    await writeFile(budgets, JSON.stringify({ budgets: [{ image: 'imagegate-test/*', maxSize: '20MB', maxWasted: '1MB' }] }));
    // Each engine builds its own copies, the engines side by side.
    await Promise.all(
      all.map(async (engine) => {
        for (const [name, opts] of Object.entries(IMAGES)) await buildImage(tag(name), { ...opts, host: engine.host });
        if (engine.chroot) for (const name of BUILDKIT_IMAGES) await buildxImage(engine, tag(`bk-${name}`), IMAGES[name]!);
      }),
    );
    // Two platforms from one Dockerfile without RUN steps (no emulation needed)
    await buildxImage(
      all[2]!,
      tag('bk-multi'),
      { busybox: true, dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nUSER 10001\n' },
      'linux/amd64,linux/arm64',
    );
    for (const name of Object.keys(IMAGES)) legacy.set(name, await Promise.all(all.map((engine) => check(engine, tag(name)))));
    for (const name of BUILDKIT_IMAGES)
      buildkit.set(name, await Promise.all(all.filter((e) => e.chroot).map((engine) => check(engine, tag(`bk-${name}`)))));
  }, 900_000);

  afterAll(async () => {
    for (const engine of all) {
      for (const name of [...Object.keys(IMAGES), ...BUILDKIT_IMAGES.map((n) => `bk-${n}`), 'bk-multi', 'bk-partial'])
        await removeImage(tag(name), engine.host).catch(() => undefined);
    }
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(Object.keys(IMAGES))('%s (legacy builder): same verdict and findings on every engine', (name) => {
    const outcomes = legacy.get(name)!;
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.report.images[0]!.error, `${name} on ${all[i]!.name}`).toBeUndefined();
      expect(comparable(outcome), `${name} on ${all[i]!.name} against ${all[0]!.name}`).toEqual(comparable(outcomes[0]!));
    }
  });

  it('the verdicts are the expected ones (so "the same" is not "the same failure")', () => {
    const codes = Object.fromEntries([...legacy].map(([name, outcomes]) => [name, outcomes[0]!.code]));
    expect(codes).toEqual({ clean: 0, 'root-alias': 1, leaky: 1, wasteful: 1 });
    const ids = (name: string): string[] => legacy.get(name)![0]!.report.images[0]!.findings.map((f) => `${f.ruleId}/${f.messageId}`);
    expect(ids('root-alias')).toContain('non-root-user/USER_MAPS_TO_ROOT');
    expect(ids('wasteful')).toContain('layer-waste/WASTE_OVER_BUDGET');
    for (const expected of [
      'secret-env/SECRET_IN_ENV',
      'secret-label/SECRET_IN_LABEL',
      'secret-file/SECRET_IN_DELETED_FILE',
      'secret-file/SECRET_IN_FILE',
    ])
      expect(ids('leaky')).toContain(expected);
  });

  it.each(BUILDKIT_IMAGES)('%s (BuildKit): same verdict and findings on the classic and the containerd store', (name) => {
    const [classic, containerd] = buildkit.get(name)!;
    expect(containerd!.report.images[0]!.error).toBeUndefined();
    expect(comparable(containerd!)).toEqual(comparable(classic!));
    // BuildKit records the same files and settings as the legacy builder: same verdict and rules hit.
    const rules = (o: Outcome): string[] => [...new Set(o.report.images[0]!.findings.map((f) => `${f.ruleId}/${f.messageId}`))].sort();
    expect(rules(containerd!)).toEqual(rules(legacy.get(name)![0]!).filter((id) => id !== 'secret-history/SECRET_IN_BUILD_ARG'));
    expect(containerd!.code).toBe(legacy.get(name)![0]!.code);
  });

  it('on the containerd store the engine ID is the index BuildKit wrote, verified down to the layers', async () => {
    const engine = all[2]!;
    const inspected = (
      JSON.parse((await docker(['image', 'inspect', tag('bk-clean')], { env: { DOCKER_HOST: engine.host } })).stdout) as { Id: string }[]
    )[0]!;
    const image = buildkit.get('clean')![1]!.report.images[0]!;
    expect(image.digest).toBe(inspected.Id); // the index: what `docker images` shows
    expect(image.imageId).not.toBe(inspected.Id); // the config digest
    expect(image.compressedSizeBytes).toBeGreaterThan(0); // gzip layers, sizes from the manifest
  });

  it('several images from one shared export (docker save a b) read as they do one by one, on every engine', async () => {
    for (const [i, engine] of all.entries()) {
      const together = await runCli(['check', '--format', 'json', '--budgets', budgets, tag('clean'), tag('leaky'), tag('wasteful')], {
        DOCKER_HOST: engine.host,
      });
      const report = JSON.parse(together.stdout) as Report;
      const alone = ['clean', 'leaky', 'wasteful'].map((name) => legacy.get(name)![i]!.report.images[0]!);
      expect(
        report.images.map((image) => [image.error, image.findings]),
        engine.name,
      ).toEqual(alone.map((image) => [image.error, image.findings]));
    }
  });

  it('no secret value reaches any output on any engine', () => {
    const texts = [...legacy.values(), ...buildkit.values()].flat().flatMap((o) => [o.stdout, o.stderr]);
    for (const value of secretValues(secrets)) for (const text of texts) expect(text.includes(value)).toBe(false);
  });

  it('on the containerd store, a platform the image does not have is a clear exit 2 naming what is there', async () => {
    const outcome = await check(all[2]!, tag('bk-clean'), '--platform', 'linux/arm64');
    expect(outcome.code).toBe(2);
    expect(outcome.report.images[0]!.error?.message).toMatch(/no image for platform linux\/arm64; available: linux\/amd64/);
  });

  it('on the containerd store, --all-platforms checks every platform of a multi-platform image', async () => {
    const outcome = await check(all[2]!, tag('bk-multi'), '--all-platforms');
    expect(outcome.report.images.map((image) => [image.platform, image.error])).toEqual([
      ['linux/amd64', undefined],
      ['linux/arm64', undefined],
    ]);
    expect(outcome.code).toBe(1); // no labels, no HEALTHCHECK: the same findings for each platform
    const [amd64, arm64] = outcome.report.images;
    expect(arm64!.findings.map((f) => f.messageId)).toEqual(amd64!.findings.map((f) => f.messageId));
    // A classic store holds single images: one report each
    for (const engine of all.slice(0, 2))
      expect((await check(engine, tag('clean'), '--all-platforms')).report.images.map((image) => image.platform)).toEqual(['linux/amd64']);
  });

  it('on the containerd store, a platform listed without its content is an exit 2 naming the platforms present', async () => {
    await loadWithAbsentPlatform(all[2]!, tag('bk-clean'), tag('bk-partial'), { os: 'linux', architecture: 'arm64' }, work);
    const missing = await check(all[2]!, tag('bk-partial'), '--platform', 'linux/arm64');
    expect(missing.code).toBe(2);
    expect(missing.report.images[0]!.error?.message).toMatch(/lists platform linux\/arm64, but its content is not here .*present: linux\/amd64/);
    const present = await check(all[2]!, tag('bk-partial'), '--platform', 'linux/amd64');
    expect(present.report.images[0]!.error).toBeUndefined();
    expect(present.report.images[0]!.platform).toBe('linux/amd64');
  });
});
