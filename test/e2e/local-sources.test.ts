// Source parity: one image with secrets in several layers, read from the engine, the archive
// `docker save` wrote (plain and gzipped), OCI layouts and archives skopeo made from it (gzip and
// zstd layers), and a loopback registry it was pushed to with `docker push`: every form must
// give the same findings (ruleId, messageId, location).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import { startRegistry, type TestRegistry } from './support/registry.js';
import { secretsImage } from './support/secrets-image.js';

const run = promisify(execFile);
const tag = `imagegate-test/local-sources:${process.pid}`;
const secrets = fakeSecrets();
let work: string;
let registry: TestRegistry;

async function check(...references: string[]): Promise<{ code: number; report: Report; output: string }> {
  const result = await runCli(['check', '--format', 'json', '--budgets', join(work, 'budgets.json'), ...references]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, output: result.stdout + result.stderr };
}

const findings = (report: Report, i = 0): string[] =>
  report.images[i]!.findings.map((f) => `${f.ruleId}/${f.messageId} ${JSON.stringify(f.location)} ${f.secret?.fingerprint ?? ''}`).sort();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-local-'));
  await import('node:fs/promises').then((fs) =>
    fs.writeFile(join(work, 'budgets.json'), JSON.stringify({ budgets: [{ image: '*', maxSize: '20MB' }] })),
  );
  await buildImage(tag, secretsImage(secrets));
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  await run('sh', ['-c', `gzip -c "${join(work, 'image.tar')}" > "${join(work, 'image.tar.gz')}"`]);
  const source = `docker-archive:${join(work, 'image.tar')}`;
  await run('skopeo', ['copy', '-q', source, `oci:${join(work, 'layout')}:gzip`]);
  await run('skopeo', ['copy', '-q', '--dest-compress-format', 'zstd', source, `oci:${join(work, 'layout')}:zstd`]);
  await run('skopeo', ['copy', '-q', source, `oci-archive:${join(work, 'image-oci.tar')}:v1`]);
  registry = await startRegistry();
  await docker(['tag', tag, `${registry.host}/parity/app:1`]);
  await docker(['push', `${registry.host}/parity/app:1`], { timeoutMs: 300_000 });
  await docker(['rmi', '--no-prune', `${registry.host}/parity/app:1`]);
}, 300_000);

afterAll(async () => {
  await registry?.stop();
  await removeImage(tag);
  await rm(work, { recursive: true, force: true });
});

describe('images outside the engine', () => {
  it('finds in every form what the engine path finds', async () => {
    const engine = await check(tag);
    expect(engine.code).toBe(1);
    const expected = findings(engine.report);
    const filePaths = engine.report.images[0]!.findings.filter((f) => f.ruleId === 'secret-file')
      .map((f) => f.location.path)
      .sort();
    expect(filePaths).toEqual(['/app/.git-credentials', '/etc/app.env']);
    const forms = [
      `docker-archive:${join(work, 'image.tar')}`,
      `docker-archive:${join(work, 'image.tar.gz')}:${tag}`,
      `oci:${join(work, 'layout')}:gzip`,
      `oci:${join(work, 'layout')}:zstd`,
      `oci-archive:${join(work, 'image-oci.tar')}`,
      `docker://${registry.host}/parity/app:1`,
    ];
    const { code, report, output } = await check(...forms);
    expect(code).toBe(1);
    report.images.forEach((image, i) => {
      expect(image.error, forms[i]).toBeUndefined();
      expect(image.platform).toBe('linux/amd64');
      expect(findings(report, i), forms[i]).toEqual(expected);
    });
    expect(output).not.toContain(secrets.githubToken);
    // docker save keeps the engine's config bytes, so the image ID is the engine's.
    expect(report.images[0]!.imageId).toBe(engine.report.images[0]!.imageId);
  });

  it('fails closed on a layer blob that does not match its digest', async () => {
    const layout = join(work, 'layout');
    const index = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(layout, 'index.json'), 'utf8'))) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const manifestDigest = index.manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === 'gzip')!.digest;
    const fs = await import('node:fs/promises');
    const manifest = JSON.parse(await fs.readFile(join(layout, 'blobs', 'sha256', manifestDigest.slice(7)), 'utf8')) as {
      layers: { digest: string }[];
    };
    const copy = join(work, 'tampered');
    await run('cp', ['-r', layout, copy]);
    const last = join(copy, 'blobs', 'sha256', manifest.layers.at(-1)!.digest.slice(7));
    const bytes = await fs.readFile(last);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff; // inside gzip's trailer: the data still decodes or fails, either way the digest differs
    await fs.writeFile(last, bytes);
    const { code, report } = await check(`oci:${copy}:gzip`);
    expect(code).toBe(2);
    expect(report.images[0]!.error?.message).toMatch(/hashes to|corrupt|not a readable tar/);
  });
});
