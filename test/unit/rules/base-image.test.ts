// Findings in layers the base image brought say so, and advise fixing the base rather than the team's steps.
import { describe, expect, it } from 'vitest';
import { baseImageOf } from '../../../src/image/base-image.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type FileSpec } from '../support/image-builder.js';

const ROOTFS = '/bin/sh -c #(nop) ADD file:abc in / ';
const layer = (index: number, createdBy?: string) => ({
  index,
  diffId: `sha256:${index}`,
  sizeBytes: 1,
  ...(createdBy !== undefined ? { createdBy } : {}),
});

describe('baseImageOf', () => {
  it('infers the root filesystem layer from how it arrived', () => {
    for (const step of [
      ROOTFS,
      'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit',
      "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700000000'",
      undefined,
    ]) {
      expect(baseImageOf({ layers: [layer(0, step), layer(1, '/bin/sh -c make')] }), String(step)).toEqual({ layers: 1 });
    }
  });
  it('infers nothing for a team step, a COPY into /, or a single-layer image', () => {
    expect(baseImageOf({ layers: [layer(0, 'COPY app /app # buildkit'), layer(1, '/bin/sh -c make')] })).toBeUndefined();
    expect(baseImageOf({ layers: [layer(0, '/bin/sh -c #(nop) COPY file:abc in / '), layer(1, 'x')] })).toBeUndefined();
    expect(baseImageOf({ layers: [layer(0, ROOTFS)] })).toBeUndefined();
  });
  it('takes the layers an explicit base shares with the image', () => {
    const image = { layers: [layer(0, 'x'), layer(1, 'y'), layer(2, 'z')] };
    expect(baseImageOf(image, { reference: 'python:3.12', diffIds: ['sha256:0', 'sha256:1'] })).toEqual({ reference: 'python:3.12', layers: 2 });
    expect(baseImageOf(image, { reference: 'other:1', diffIds: ['sha256:9'] })).toBeUndefined();
  });
});

async function check(rule: string, layers: { step: string; files: FileSpec[] }[]) {
  const built = await classicSaveArchive(await Promise.all(layers.map((l) => layerTar(l.files))), {
    history: layers.map((l) => ({ created_by: l.step })),
  });
  const report = await checkMemoryImage(built, { only: [rule] });
  expect(report.error).toBeUndefined();
  return report.findings.filter((finding) => finding.ruleId === rule);
}
const lists = (dir = '/var/lib/apt/lists'): FileSpec[] => [
  { path: `${dir}/deb.debian.org_debian_dists_bookworm_InRelease`, content: 'x'.repeat(100) },
];

describe('build-hygiene names the layer of a leftover and where to fix it', () => {
  it('apt lists shipped by the base image: the base layer, no "end the RUN" advice', async () => {
    const [finding] = await check('build-hygiene', [
      { step: ROOTFS, files: lists() },
      { step: '/bin/sh -c mkdir /app', files: [{ path: '/app/x', content: 'x' }] },
    ]);
    expect(finding!.location).toMatchObject({ layer: 0, fromBaseImage: true, path: '/var/lib/apt/lists' });
    expect(finding!.message).toContain('1 file, 100 B under /var/lib/apt/lists');
    expect(finding!.message).toContain('they come from the base image');
    expect(finding!.message).not.toContain('end the RUN');
  });
  it("apt lists left by the team's own RUN: that layer, and the RUN fix", async () => {
    const [finding] = await check('build-hygiene', [
      { step: ROOTFS, files: [{ path: '/etc/os-release', content: 'ID=debian' }] },
      { step: '/bin/sh -c apt-get update && apt-get install -y curl', files: [...lists(), { path: '/var/lib/apt/lists/b', content: 'y' }] },
    ]);
    expect(finding!.location).toMatchObject({ layer: 1, createdBy: '/bin/sh -c apt-get update && apt-get install -y curl' });
    expect(finding!.location.fromBaseImage).toBeUndefined();
    expect(finding!.message).toContain('2 files');
    expect(finding!.message).toContain('end the RUN that calls apt-get update');
  });
});

describe('build-hygiene finds each kind of leftover wherever it lies', () => {
  it('VCS metadata, bytecode caches, toolchains and app extras, not only what lies under a well-known root', async () => {
    const big = (path: string, bytes: number): FileSpec => ({ path, content: 'x'.repeat(bytes) });
    const findings = await check('build-hygiene', [
      { step: ROOTFS, files: [{ path: '/etc/os-release', content: 'ID=debian' }] },
      {
        step: '/bin/sh -c make',
        files: [
          { path: '/srv/site/.git/HEAD', content: 'ref: refs/heads/main\n' },
          big('/usr/lib/python3/dist-packages/pkg/__pycache__/m.cpython-311.pyc', 1200),
          { path: '/usr/bin/gcc-12', content: 'elf' },
          big('/usr/lib/gcc/x86_64-linux-gnu/12/cc1', 300),
          big('/app/node_modules/lib/test/fixture.json', 1100),
          { path: '/root/.cache/pip/http/a', content: 'x' },
        ],
      },
    ]);
    const messages = findings.map((finding) => finding.message);
    expect(messages.some((m) => m.startsWith('git metadata left in the image') && m.includes('/srv/site/.git'))).toBe(true);
    expect(messages.some((m) => m.startsWith('pip cache left in the image'))).toBe(true);
    expect(messages.some((m) => m.startsWith('compiler toolchain in the final image: gcc-12'))).toBe(true);
  });
});

describe('other rules', () => {
  it('a finding in a base layer gets the base-image advice appended', async () => {
    const [finding] = await check('world-writable', [
      { step: ROOTFS, files: [{ path: '/opt/tool', content: 'x', mode: 0o777 }] },
      { step: '/bin/sh -c true', files: [{ path: '/app/x', content: 'x' }] },
    ]);
    expect(finding!.location).toMatchObject({ layer: 0, fromBaseImage: true });
    expect(finding!.message).toMatch(/; it comes from the base image: fix it there or choose another base/);
  });
});
