// docker:// on real registries on loopback (no engine involved in the check): anonymous and
// htpasswd-protected, credentials from a Docker config, a multi-platform index pushed with
// skopeo --all, platform selection, and the error messages for 401 and 404.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import { push, startRegistry, type TestRegistry } from './support/registry.js';

const tag = `imagegate-test/registry-source:${process.pid}`;
const secrets = fakeSecrets();
const login = { username: 'ci', password: `pw-${secrets.dbPassword}` };
let work: string;
let open: TestRegistry;
let locked: TestRegistry;

async function check(env: Record<string, string>, ...args: string[]): Promise<{ code: number; report: Report; output: string }> {
  // DOCKER_HOST points nowhere: these checks must not need an engine.
  const result = await runCli(['check', '--format', 'json', '--budgets', join(work, 'budgets.json'), ...args], {
    DOCKER_HOST: 'unix:///nonexistent.sock',
    DOCKER_CONFIG: join(work, 'no-config'),
    ...env,
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, output: result.stdout + result.stderr };
}

const sha = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** From a one-image OCI layout, a layout whose tag is an index of linux/amd64 and a linux/arm64 twin. */
async function multiPlatformLayout(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true });
  const blob = (digest: string) => join(target, 'blobs', 'sha256', digest.slice(7));
  const index = JSON.parse(await readFile(join(target, 'index.json'), 'utf8')) as {
    manifests: { digest: string; size: number; mediaType: string }[];
  };
  const amd = index.manifests[0]!;
  const manifest = JSON.parse(await readFile(blob(amd.digest), 'utf8')) as { config: { digest: string; size: number } };
  const config = JSON.parse(await readFile(blob(manifest.config.digest), 'utf8')) as Record<string, unknown>;
  // The arm64 twin runs as root; the amd64 image does not.
  const armConfig = Buffer.from(
    JSON.stringify({ ...config, architecture: 'arm64', variant: 'v8', config: { ...(config.config as object), User: '0' } }),
  );
  const armManifest = Buffer.from(JSON.stringify({ ...manifest, config: { ...manifest.config, digest: sha(armConfig), size: armConfig.length } }));
  const list = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
        {
          mediaType: amd.mediaType,
          digest: sha(armManifest),
          size: armManifest.length,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
      ],
    }),
  );
  for (const data of [armConfig, armManifest, list]) await writeFile(blob(sha(data)), data);
  await writeFile(
    join(target, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: sha(list),
          size: list.length,
          annotations: { 'org.opencontainers.image.ref.name': 'multi' },
        },
      ],
    }),
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-registry-e2e-'));
  await writeFile(join(work, 'budgets.json'), JSON.stringify({ budgets: [{ image: '*', maxSize: '20MB' }] }));
  await buildImage(tag, {
    busybox: true,
    files: { 'app/id_rsa': secrets.privateKey },
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'COPY app/ /app/',
      'RUN rm /app/id_rsa',
      'USER 10001',
    ].join('\n'),
  });
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ login })]);
  const archive = `docker-archive:${join(work, 'image.tar')}`;
  await push(archive, `docker://${open.host}/team/app:1`);
  await push(archive, `docker://${locked.host}/private/app:1`, login);
  await push(archive, `oci:${join(work, 'layout')}:single`);
  await multiPlatformLayout(join(work, 'layout'), join(work, 'multi'));
  await push(`oci:${join(work, 'multi')}:multi`, `docker://${open.host}/team/multi:1`, undefined, true);
  await mkdir(join(work, 'docker-config'));
  await writeFile(
    join(work, 'docker-config', 'config.json'),
    JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') } } }),
  );
}, 300_000);

afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()]);
  await removeImage(tag);
  await rm(work, { recursive: true, force: true });
});

const deletedKey = (report: Report, i = 0) => report.images[i]!.findings.find((f) => f.messageId === 'SECRET_IN_DELETED_FILE')?.location.path;

describe('docker:// references', () => {
  it('checks an image on a registry with no engine, by tag and by digest', async () => {
    const byTag = await check({}, `docker://${open.host}/team/app:1`);
    expect(byTag.code).toBe(1);
    expect(byTag.report.images[0]!.error).toBeUndefined();
    expect(deletedKey(byTag.report)).toBe('/app/id_rsa');
    const digest = byTag.report.images[0]!.digest;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const byDigest = await check({}, `docker://${open.host}/team/app@${digest}`);
    expect(byDigest.report.images[0]!.findings.map((f) => f.messageId)).toEqual(byTag.report.images[0]!.findings.map((f) => f.messageId));
    expect(byTag.output + byDigest.output).not.toContain(secrets.privateKey.split('\n')[1]);
  });

  it('logs in with credentials from the Docker config, and says what to do without them', async () => {
    const anonymous = await check({}, `docker://${locked.host}/private/app:1`);
    expect(anonymous.code).toBe(2);
    expect(anonymous.report.images[0]!.error?.message).toBe(
      `registry ${locked.host} requires a login to read private/app; run docker login ${locked.host} (credentials are read from the Docker config)`,
    );
    const withConfig = await check({ DOCKER_CONFIG: join(work, 'docker-config') }, `docker://${locked.host}/private/app:1`);
    expect(withConfig.report.images[0]!.error).toBeUndefined();
    expect(deletedKey(withConfig.report)).toBe('/app/id_rsa');
    expect(withConfig.output).not.toContain(login.password);
  });

  it('asks the credential helper the Docker config names for the registry', async () => {
    const bin = join(work, 'bin');
    await mkdir(bin, { recursive: true });
    // A docker-credential-* helper speaks JSON on stdout for the server URL it reads on stdin.
    await writeFile(
      join(bin, 'docker-credential-imagegate-test'),
      `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${locked.host}" ] && printf '{"ServerURL":"%s","Username":"${login.username}","Secret":"${login.password}"}' "$server" && exit 0\necho "credentials not found in native keychain"; exit 1\n`,
      { mode: 0o755 },
    );
    await mkdir(join(work, 'helper-config'), { recursive: true });
    await writeFile(join(work, 'helper-config', 'config.json'), JSON.stringify({ credHelpers: { [locked.host]: 'imagegate-test' } }));
    const result = await check(
      { DOCKER_CONFIG: join(work, 'helper-config'), PATH: `${bin}:${process.env.PATH ?? ''}` },
      `docker://${locked.host}/private/app:1`,
    );
    expect(result.report.images[0]!.error).toBeUndefined();
    expect(deletedKey(result.report)).toBe('/app/id_rsa');
  });

  it('picks the platform from an index and lists the platforms it has', async () => {
    const amd = await check({}, '--platform', 'linux/amd64', `docker://${open.host}/team/multi:1`);
    const arm = await check({}, '--platform', 'linux/arm64', `docker://${open.host}/team/multi:1`);
    expect(amd.report.images[0]!.platform).toBe('linux/amd64');
    expect(arm.report.images[0]!.platform).toBe('linux/arm64/v8');
    expect(arm.report.images[0]!.imageId).not.toBe(amd.report.images[0]!.imageId);
    const rootFindings = (report: Report, i = 0) => report.images[i]!.findings.filter((f) => f.ruleId === 'non-root-user').map((f) => f.messageId);
    expect(rootFindings(amd.report)).toEqual([]);
    expect(rootFindings(arm.report)).toEqual(['ROOT_USER']);
    const all = await check({}, '--all-platforms', `docker://${open.host}/team/multi:1`);
    expect(all.code).toBe(1);
    expect(all.report.images.map((image) => image.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect([rootFindings(all.report, 0), rootFindings(all.report, 1)]).toEqual([[], ['ROOT_USER']]);
    const missing = await check({}, '--platform', 'linux/s390x', `docker://${open.host}/team/multi:1`);
    expect(missing.code).toBe(2);
    expect(missing.report.images[0]!.error?.message).toContain('no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8');
  });

  it('names registry and repository when an image is not there', async () => {
    const { code, report } = await check({}, `docker://${open.host}/team/nothing:1`);
    expect(code).toBe(2);
    expect(report.images[0]!.error?.message).toMatch(
      new RegExp(`^${open.host.replace(/\./g, '\\.')}/team/nothing:1 was not found \\(404: (MANIFEST_UNKNOWN|NAME_UNKNOWN)`),
    );
  });
});
