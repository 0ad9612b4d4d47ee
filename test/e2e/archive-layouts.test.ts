// Archives as `docker load` reads them: one image built on the real engine, saved with `docker save`
// (Engine 20.10's classic layout), then rewritten into the layouts of go-containerregistry (crane
// pull, kaniko --tar-path: "sha256:<hex>" config, gzip "<hex>.tar.gz" layers) and of Engine >= 25
// (OCI blobs plus manifest.json), and copied by skopeo into its docker-archive. Every layout must
// give the `docker save` archive's findings.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { readDockerSave, writeEngine25Save, writeLoadTarball } from './support/archive-layouts.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import { secretsImage } from './support/secrets-image.js';

const run = promisify(execFile);
const tag = `imagegate-test/archive-layouts:${process.pid}`;
const secrets = fakeSecrets();
let work: string;

async function check(...references: string[]): Promise<{ code: number; report: Report; output: string }> {
  const result = await runCli(['check', '--format', 'json', '--budgets', join(work, 'budgets.json'), ...references]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, output: result.stdout + result.stderr };
}

const findings = (report: Report, i: number): string[] =>
  report.images[i]!.findings.map((f) => `${f.ruleId}/${f.messageId} ${JSON.stringify(f.location)} ${f.secret?.fingerprint ?? ''}`).sort();

const layouts = {
  crane: 'crane.tar',
  kaniko: 'kaniko.tar',
  'tarball, manifest.json first': 'manifest-first.tar',
  'engine >= 25': 'engine25.tar',
  'skopeo docker-archive': 'skopeo.tar',
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-layouts-'));
  await writeFile(join(work, 'budgets.json'), JSON.stringify({ budgets: [{ image: '*', maxSize: '20MB' }] }));
  await buildImage(tag, secretsImage(secrets));
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  const image = await readDockerSave(join(work, 'image.tar'));
  await writeLoadTarball(image, join(work, layouts.crane));
  // kaniko with two --destination flags: one image, both names in RepoTags.
  await writeLoadTarball(image, join(work, layouts.kaniko), { repoTags: ['registry.example/team/app:1', 'registry.example/team/app:latest'] });
  await writeLoadTarball(image, join(work, layouts['tarball, manifest.json first']), { manifestFirst: true });
  await writeEngine25Save(image, join(work, layouts['engine >= 25']));
  // A real third producer: skopeo writes "<hex>.tar" layers and a "<hex>.json" config.
  await run('skopeo', [
    'copy',
    '-q',
    `docker-archive:${join(work, 'image.tar')}`,
    `docker-archive:${join(work, layouts['skopeo docker-archive'])}:app:1`,
  ]);
}, 300_000);

afterAll(async () => {
  await removeImage(tag);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('docker-archive layouts', () => {
  it('reads crane, kaniko, Engine >= 25 and skopeo layouts with the findings of docker save', async () => {
    const forms = [join(work, 'image.tar'), ...Object.values(layouts).map((file) => join(work, file))].map((path) => `docker-archive:${path}`);
    const { code, report, output } = await check(...forms);
    expect(code).toBe(1);
    const expected = findings(report, 0);
    expect(expected.some((f) => f.startsWith('secret-file/'))).toBe(true);
    expect(expected.some((f) => f.startsWith('secret-env/'))).toBe(true);
    report.images.forEach((image, i) => {
      expect(image.error, forms[i]).toBeUndefined();
      expect(image.imageId, forms[i]).toBe(report.images[0]!.imageId);
      expect(findings(report, i), forms[i]).toEqual(expected);
    });
    expect(output).not.toContain(secrets.githubToken);
  });

  it('fails closed when a crane layer is not the gzip blob its name states', async () => {
    const image = await readDockerSave(join(work, 'image.tar'));
    // The last layer swapped for the first one's bytes under its own name: decompresses fine, wrong digests.
    const swapped = { ...image, layers: [...image.layers.slice(0, -1), image.layers[0]!] };
    const path = join(work, 'swapped.tar');
    await writeLoadTarball(swapped, path);
    const { code, report } = await check(`docker-archive:${path}`);
    expect(code).toBe(2);
    expect(report.images[0]!.error?.message).toMatch(/the config expects|lists \d+ layers|does not contain/);
  });
});
