// Where the bytes go, on images built here: exact wasted bytes (deleted and overwritten copies
// counted once), layer-waste against maxWasted, growth against --compare-to, build hygiene.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, removeImage, runCli } from './support/images.js';

const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/size-${name}:${run}`;
const BASE = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'];
let work: string;

async function check(budgets: object, ...args: string[]): Promise<{ code: number; report: Report; stdout: string }> {
  const file = join(work, `budgets-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(budgets));
  const result = await runCli(['check', '--format', 'json', '--budgets', file, ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stdout: result.stdout };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-size-'));
  await buildImage(tag('small'), { busybox: true, dockerfile: [...BASE, 'USER 10001'].join('\n') });
  await buildImage(tag('wasteful'), {
    busybox: true,
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /data && dd if=/dev/zero of=/data/big.bin bs=1000000 count=10 2>/dev/null',
      'RUN rm /data/big.bin',
      'RUN dd if=/dev/zero of=/data/over.bin bs=1000000 count=5 2>/dev/null',
      'RUN echo small > /data/over.bin',
      'USER 10001',
    ].join('\n'),
  });
  await buildImage(tag('sloppy'), {
    busybox: true,
    files: { 'lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages': 'Package: gcc-12\nVersion: 12.2.0\n'.repeat(1000) },
    dockerfile: [
      ...BASE,
      'COPY lists/ /var/lib/apt/lists/',
      'RUN mkdir -p /usr/bin /var/lib/dpkg/info && cp /bin/busybox /usr/bin/gcc-12 && ln -s gcc-12 /usr/bin/gcc && echo /usr/share/doc/build-essential > "/var/lib/dpkg/info/build-essential:amd64.list"',
      'USER 10001',
    ].join('\n'),
  });
}, 300_000);

afterAll(async () => {
  for (const name of ['small', 'wasteful', 'sloppy']) await removeImage(tag(name));
  await rm(work, { recursive: true, force: true });
});

describe('size analysis', () => {
  it('counts exactly the bytes shipped and later deleted or overwritten, and fails maxWasted', async () => {
    const { code, report } = await check({ budgets: [{ image: 'imagegate-test/*', maxSize: '50MB', maxWasted: '5MB' }] }, tag('wasteful'));
    expect(code).toBe(1);
    const size = report.images[0]!.size!;
    expect(Math.abs(size.wastedBytes - 15_000_000) / 15_000_000).toBeLessThan(0.01);
    expect(size.efficiency).toBeLessThan(0.6);
    expect(size.layers.every((layer) => typeof layer.sizeBytes === 'number' && typeof layer.createdBy === 'string')).toBe(true);
    expect(size.wasted.slice(0, 2).map((file) => [file.path, file.how])).toEqual([
      ['/data/big.bin', 'deleted'],
      ['/data/over.bin', 'overwritten'],
    ]);
    const waste = report.images[0]!.findings.find((f) => f.ruleId === 'layer-waste');
    expect(waste?.messageId).toBe('WASTE_OVER_BUDGET');
    expect(waste?.message).toMatch(/^15 MB of files are shipped by one layer and deleted or overwritten by a later one \(budget 5 MB/);
    expect(waste?.message).toContain('/data/big.bin (10 MB, added in layer');
  });

  it('fails maxGrowth against --compare-to, naming the layers that grew', async () => {
    const { code, report } = await check(
      { budgets: [{ image: 'imagegate-test/*', maxSize: '50MB', maxGrowth: '10%' }] },
      '--compare-to',
      tag('small'),
      tag('wasteful'),
    );
    expect(code).toBe(1);
    const growth = report.images[0]!.findings.find((f) => f.messageId === 'GROWTH_OVER_BUDGET');
    expect(growth?.message).toMatch(new RegExp(`^image grew by [\\d.]+ MB \\([\\d.]+%\\) from ${tag('small').replace(/[/.]/g, '\\$&')} \\(`));
    expect(growth?.message).toContain('layers that grew: layer');
  });

  it('build-hygiene flags leftover apt lists and the compiler toolchain, naming gcc', async () => {
    const { report } = await check({ budgets: [{ image: 'imagegate-test/*', maxSize: '50MB' }] }, tag('sloppy'));
    const hygiene = report.images[0]!.findings.filter((f) => f.ruleId === 'build-hygiene');
    expect(hygiene.map((f) => f.messageId).sort()).toEqual(['LEFTOVER', 'TOOLCHAIN']);
    expect(hygiene.find((f) => f.messageId === 'LEFTOVER')?.message).toMatch(
      /^apt package lists left in the image: 1 file, [\d.]+ KB under \/var\/lib\/apt\/lists; end the RUN/,
    );
    expect(hygiene.find((f) => f.messageId === 'TOOLCHAIN')?.message).toMatch(
      /^compiler toolchain in the final image: gcc, gcc-12; package build-essential installed/,
    );
  });

  it('imagegate size prints the breakdown alone', async () => {
    const result = await runCli(['size', tag('wasteful')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wasted 15 MB, efficiency [\d.]+%/);
    expect(result.stdout).toContain('/data/big.bin  (layer');
    const json = await runCli(['size', '--format', 'json', tag('wasteful')]);
    expect((JSON.parse(json.stdout) as { size: { wastedBytes: number } }[])[0]!.size.wastedBytes).toBeGreaterThan(14_900_000);
  });
});
