// Several images of one engine in one run are read from a single export: a base layer they share
// is streamed and scanned once, and every image still gets exactly the findings it gets alone.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { tempDir } from '../unit/support/temp-dir.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { startEngineProxy, type EngineProxy } from './support/engine-proxy.js';
import { buildImage, removeImage, runCli } from './support/images.js';

const run = process.pid;
const BASE = `imagegate-test/shared-base:${run}`;
const apps = ['one', 'two', 'three'].map((name) => `imagegate-test/shared-${name}:${run}`);
const secrets = fakeSecrets();

describe('shared export', () => {
  let dir: string;
  let proxy: EngineProxy;
  beforeAll(async () => {
    dir = await tempDir('imagegate-shared-');
    await buildImage(BASE, {
      busybox: true,
      files: { 'base/.env': `GITHUB_TOKEN=${secrets.githubToken}\n` },
      dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY base/ /base/', 'RUN ["/bin/busybox", "rm", "/base/.env"]'].join('\n'),
    });
    for (const [i, app] of apps.entries()) {
      await buildImage(app, {
        files: { 'app/config': i === 1 ? `NPM_TOKEN=${secrets.npmToken}\n` : `name=${i}\n` },
        dockerfile: [`FROM ${BASE}`, 'COPY app/ /app/', i === 2 ? 'USER 10001' : 'USER 0'].join('\n'),
      });
    }
    await mkdir(join(dir, 'proxy'));
    proxy = await startEngineProxy(join(dir, 'proxy'), { kind: 'observe' });
  });
  afterAll(async () => {
    await proxy?.close();
    for (const image of [...apps, BASE]) await removeImage(image);
    await rm(dir, { recursive: true, force: true });
  });

  it('exports three images once and reports each as if checked alone', async () => {
    const together = await runCli(['check', '--format', 'json', '--no-cache', ...apps], { DOCKER_HOST: proxy.host });
    expect(proxy.exports()).toBe(1);
    const report = JSON.parse(together.stdout) as Report;
    expect(report.images.map((image) => image.reference)).toEqual(apps);
    for (const [i, app] of apps.entries()) {
      const alone = JSON.parse((await runCli(['check', '--format', 'json', '--no-cache', app])).stdout) as Report;
      const shape = (r: Report) => r.images[0]!;
      const { findings, size, layers, imageId, passed } = report.images[i]!;
      expect({ findings, size, layers, imageId, passed }).toEqual({
        findings: shape(alone).findings,
        size: shape(alone).size,
        layers: shape(alone).layers,
        imageId: shape(alone).imageId,
        passed: shape(alone).passed,
      });
    }
    // The base's deleted token is found in all three; the app token only where it was added.
    const kinds = report.images.map((image) =>
      image.findings
        .filter((f) => f.ruleId === 'secret-file')
        .map((f) => f.messageId)
        .sort(),
    );
    expect(kinds).toEqual([['SECRET_IN_DELETED_FILE'], ['SECRET_IN_DELETED_FILE', 'SECRET_IN_FILE'], ['SECRET_IN_DELETED_FILE']]);
    expect(together.stdout + together.stderr).not.toContain(secrets.githubToken);
    expect(together.stdout + together.stderr).not.toContain(secrets.npmToken);
  });

  it('reports a missing image next to the others without failing their shared export', async () => {
    const result = await runCli(['check', '--format', 'json', '--no-cache', apps[0]!, `imagegate-test/not-there:${run}`, apps[2]!]);
    const report = JSON.parse(result.stdout) as Report;
    expect(result.code).toBe(2);
    expect(report.images[0]!.error).toBeUndefined();
    expect(report.images[1]!.error?.message).toMatch(/not found/);
    expect(report.images[2]!.error).toBeUndefined();
  });
});
