// imagegate audit and merge end to end: every image of a real engine under a --filter, split by
// --shard into two disjoint halves, merged back; and a real registry's catalog under a prefix.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, docker, removeImage, runCli, type CliResult } from './support/images.js';
import { push, startRegistry, type TestRegistry } from './support/registry.js';

const prefix = `imagegate-test/audit-${process.pid}`;
const base = `imagegate-test/audit-base-${process.pid}:1`;
const tag = (name: string): string => `${prefix}/${name}:1`;
// alpha and gamma pass the default policy; beta runs as root.
const IMAGES = { alpha: '', beta: 'USER root', gamma: '' } as const;
let work: string;
let registry: TestRegistry;
const ids = new Map<string, string>();

async function audit(...args: string[]): Promise<CliResult> {
  return runCli(['audit', '--budgets', join(work, 'budgets.json'), ...args]);
}

async function json(result: CliResult): Promise<Report> {
  expect(result.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
  return JSON.parse(result.stdout) as Report;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-audit-e2e-'));
  await writeFile(join(work, 'budgets.json'), JSON.stringify({ budgets: [{ image: '*', maxSize: '20MB' }] }));
  await buildImage(base, {
    busybox: true,
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'LABEL org.opencontainers.image.version=1.0.0 org.opencontainers.image.source=https://example.com/app',
      'HEALTHCHECK CMD ["/bin/busybox", "true"]',
      'USER 10001',
    ].join('\n'),
  });
  for (const [name, extra] of Object.entries(IMAGES)) {
    await buildImage(tag(name), { dockerfile: [`FROM ${base}`, `LABEL com.example.variant=${name}`, extra].join('\n') });
    ids.set(name, (await docker(['image', 'inspect', '--format', '{{.Id}}', tag(name)])).stdout.trim());
  }
  // A second tag of alpha: still one image, checked once.
  await docker(['tag', tag('alpha'), `${prefix}/alpha:also`]);
  registry = await startRegistry();
  for (const name of Object.keys(IMAGES)) await docker(['save', '-o', join(work, `${name}.tar`), tag(name)]);
  const archive = (name: string): string => `docker-archive:${join(work, `${name}.tar`)}`;
  await push(archive('alpha'), `docker://${registry.host}/team/app:1`);
  await push(archive('gamma'), `docker://${registry.host}/team/app:2`);
  await push(archive('beta'), `docker://${registry.host}/team/api:1`);
  await push(archive('gamma'), `docker://${registry.host}/teamcity/web:1`);
  await push(archive('alpha'), `docker://${registry.host}/other/x:1`);
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  await removeImage(`${prefix}/alpha:also`);
  for (const name of Object.keys(IMAGES)) await removeImage(tag(name));
  await removeImage(base);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('imagegate audit docker-daemon:', () => {
  it('checks every image of the engine the filter keeps, each once, by ID', async () => {
    const result = await audit('docker-daemon:', '--filter', `${prefix}/*`, '--format', 'json');
    const report = await json(result);
    const byId = new Map(report.images.map((image) => [image.imageId, image]));
    expect(report.images).toHaveLength(3);
    expect([...byId.keys()].sort()).toEqual([...ids.values()].sort());
    expect(byId.get(ids.get('alpha'))!.reference).toMatch(new RegExp(`^${prefix}/alpha:(1|also)$`));
    expect(byId.get(ids.get('beta'))).toMatchObject({ reference: tag('beta'), passed: false });
    expect(byId.get(ids.get('gamma'))).toMatchObject({ reference: tag('gamma'), passed: true });
    expect(report.images.map((image) => image.reference)).toEqual(report.images.map((image) => image.reference).sort());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/imagegate: \d+ images? listed from the Docker Engine at [^,]+, 3 match --filter\n/);
  });

  it('splits the images into shards that together cover them exactly once, and merge puts them back together', async () => {
    const shards: { file: string; code: number; report: Report }[] = [];
    for (const shard of ['1/2', '2/2']) {
      const file = join(work, `shard-${shard[0]}.json`);
      const result = await audit('docker-daemon:', '--filter', `${prefix}/*`, '--shard', shard, '--format', 'json', '-o', file);
      expect(result.stderr).toMatch(new RegExp(`3 match --filter, \\d in shard ${shard}\\n`));
      const report = JSON.parse(await readFile(file, 'utf8')) as Report;
      expect(result.code).toBe(report.images.some((image) => image.imageId === ids.get('beta')) ? 1 : 0);
      if (report.images.length === 0)
        expect(result.stderr).toContain(`no image to check in shard ${shard}: the report is empty and the run passes (exit 0)`);
      shards.push({ file, code: result.code, report });
    }
    const taken = shards.flatMap(({ report }) => report.images.map((image) => image.imageId));
    expect(taken.sort()).toEqual([...ids.values()].sort());

    // The same split on a second run: the shard of an image never changes.
    const again = await audit('docker-daemon:', '--filter', `${prefix}/*`, '--shard', '1/2', '--format', 'json', '-q');
    expect((await json(again)).images.map((image) => image.imageId)).toEqual(shards[0]!.report.images.map((image) => image.imageId));
    expect(again.stderr).toBe('');

    const merged = await runCli(['merge', '--format', 'json', '--report', `junit=${join(work, 'merged.xml')}`, shards[0]!.file, shards[1]!.file]);
    const report = await json(merged);
    expect(report.images.map((image) => image.imageId).sort()).toEqual([...ids.values()].sort());
    expect(report.images.map((image) => image.reference)).toEqual(report.images.map((image) => image.reference).sort());
    expect(report.summary).toMatchObject({ images: 3, passed: 2, failed: 1, errored: 0, exitCode: 1 });
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain('imagegate: merged 2 reports: 3 images, exit 1');
    expect(await readFile(join(work, 'merged.xml'), 'utf8')).toContain('<testsuites');

    // Merging one shard alone, in text: that shard's own exit code.
    const one = await runCli(['merge', shards[0]!.file]);
    expect(one.code).toBe(shards[0]!.code);
  });

  it('ends with exit 0, an empty report and a note when nothing is selected', async () => {
    const result = await audit('docker-daemon:', '--filter', `imagegate-test/audit-none-${process.pid}/*`, '--format', 'json');
    expect(result.code).toBe(0);
    expect((await json(result)).images).toEqual([]);
    expect(result.stderr).toContain('0 match --filter');
    expect(result.stderr).toContain('no image to check: the report is empty and the run passes (exit 0)');
  });

  it('refuses a bad --shard, and a merge input that is not a report, with exit 2', async () => {
    const shard = await audit('docker-daemon:', '--shard', '3/2');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard takes i/n');
    await writeFile(join(work, 'not-a-report.json'), JSON.stringify({ version: '2.1.0', runs: [] }));
    const merge = await runCli(['merge', join(work, 'shard-1.json'), join(work, 'not-a-report.json')]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain(`imagegate: ${join(work, 'not-a-report.json')}: not an imagegate JSON report`);
  });
});

describe('imagegate audit docker://HOST/PREFIX', () => {
  // No engine: a registry audit reads the catalog and the images from the registry alone.
  const env = (): Record<string, string> => ({ DOCKER_HOST: 'unix:///nonexistent.sock', DOCKER_CONFIG: join(work, 'no-docker-config') });

  it('checks every tag of every repository under the prefix', async () => {
    const result = await runCli(['audit', '--budgets', join(work, 'budgets.json'), `docker://${registry.host}/team`, '--format', 'json'], env());
    const report = await json(result);
    expect(report.images.map((image) => image.reference)).toEqual([
      `docker://${registry.host}/team/api:1`,
      `docker://${registry.host}/team/app:1`,
      `docker://${registry.host}/team/app:2`,
    ]);
    expect(report.images.map((image) => image.passed)).toEqual([false, true, true]);
    expect(report.images.every((image) => image.digest?.startsWith('sha256:') && !image.error)).toBe(true);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`imagegate: 3 images listed from 2 repositories of ${registry.host} under team/\n`);
  });

  it('filters and shards a registry audit like an engine one', async () => {
    const all = await Promise.all(
      ['1/3', '2/3', '3/3'].map((shard) =>
        runCli(
          [
            'audit',
            '--budgets',
            join(work, 'budgets.json'),
            `docker://${registry.host}`,
            '--filter',
            '*/team*',
            '--shard',
            shard,
            '--format',
            'json',
          ],
          env(),
        ),
      ),
    );
    const references = (await Promise.all(all.map(json))).flatMap((report) => report.images.map((image) => image.reference));
    expect(references.sort()).toEqual([
      `docker://${registry.host}/team/api:1`,
      `docker://${registry.host}/team/app:1`,
      `docker://${registry.host}/team/app:2`,
      `docker://${registry.host}/teamcity/web:1`,
    ]);
    for (const result of all) expect(result.stderr).toMatch(/5 images listed from 4 repositories of [^,]+, 4 match --filter, \d in shard \d\/3/);
  });
});
