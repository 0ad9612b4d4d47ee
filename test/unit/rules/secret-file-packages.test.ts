// secret-file and package content: a finding in a file whose content matches its package database
// record (dpkg md5sums or conffiles, apk) is dropped and counted; a modified or unowned file is reported.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ImageReport } from '../../../src/engine/report.js';
import { checkImages } from '../../../src/index.js';
import { renderReport } from '../../../src/reporters/index.js';
import { fake } from '../secrets/fixtures.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, writeOciLayout, type FileSpec } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const TESTS = '/usr/lib/python3/dist-packages/somepkg/tests/settings.py';
const shipped = `# test settings shipped by the package\nTOKEN = "${fake.github()}"\nNPM = "${fake.npm()}"\n`;
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const md5sums = (name: string, files: [string, string][]): FileSpec => ({
  path: `/var/lib/dpkg/info/${name}.md5sums`,
  content: files.map(([path, content]) => `${md5(content)}  ${path.slice(1)}\n`).join(''),
});
const whiteout = (path: string): FileSpec => ({ path: path.replace(/[^/]+$/, (name) => `.wh.${name}`), content: '' });

async function check(layers: FileSpec[][], options: Record<string, unknown> = {}): Promise<ImageReport> {
  const built = await classicSaveArchive(await Promise.all(layers.map((files) => layerTar(files))));
  const off = Object.fromEntries(
    ['non-root-user', 'healthcheck', 'oci-labels', 'size-budget', 'secret-env', 'secret-history', 'secret-label', 'layer-waste', 'build-hygiene'].map(
      (id) => [id, 'off' as const],
    ),
  );
  return checkMemoryImage(built, { policy: { rules: { ...off, 'secret-file': { options } } } });
}

const paths = (report: ImageReport): string[] => report.findings.map((f) => f.location.path!);
const dropped = (files: number, findings: number, bytes = files * Buffer.byteLength(shipped)) => ({
  verifiedFiles: files,
  verifiedBytes: bytes,
  droppedFindings: findings,
});

describe('secret-file: unchanged package content', () => {
  it('drops findings in a file whose md5 matches its dpkg md5sums line, and counts them', async () => {
    const report = await check([
      [
        { path: TESTS, content: shipped },
        md5sums('python3-somepkg', [
          [TESTS, shipped],
          ['/usr/bin/other', 'x'],
        ]),
      ],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.packageContent).toEqual({ databases: ['dpkg'], knownFiles: 2, ...dropped(1, 2) });
    expect(
      renderReport('text', {
        version: 1,
        tool: { name: 'imagegate', version: '0' },
        rules: [],
        images: [report],
        summary: {
          images: 1,
          passed: 1,
          failed: 0,
          errored: 0,
          findings: { error: 0, warning: 0, info: 0 },
          waived: 0,
          failOn: 'error',
          exitCode: 0,
        },
      }),
    ).toContain('package content: 2 files known to dpkg; 2 findings in 1 unchanged package file (');
  });

  it('reports a package file a user modified, and an unowned file with package content', async () => {
    const modified = `${shipped}# edited after install\n`;
    const report = await check([
      [{ path: TESTS, content: modified }, { path: '/app/settings.py', content: shipped }, md5sums('python3-somepkg', [[TESTS, shipped]])],
    ]);
    expect(paths(report).sort()).toEqual(['/app/settings.py', '/app/settings.py', TESTS, TESTS]);
    expect(report.packageContent).toMatchObject(dropped(0, 0, 0));
  });

  it('decides at the end of the image: the database may come in a later layer, or before the file', async () => {
    const later = await check([[{ path: TESTS, content: shipped }], [md5sums('python3-somepkg', [[TESTS, shipped]])]]);
    expect(later.findings).toEqual([]);
    expect(later.packageContent).toMatchObject(dropped(1, 2));
    const before = await check([[md5sums('python3-somepkg', [[TESTS, shipped]]), { path: TESTS, content: shipped }]]);
    expect(before.packageContent).toMatchObject(dropped(1, 2));
  });

  it('keeps the records of a package purged in a later layer: its files still ship in the earlier one', async () => {
    const sums = md5sums('python3-somepkg', [[TESTS, shipped]]);
    const report = await check([
      [{ path: TESTS, content: shipped }, sums],
      [whiteout(sums.path), whiteout(TESTS)],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.packageContent).toMatchObject(dropped(1, 2));
  });

  it('takes conffiles and their md5 from dpkg status, and merged-/usr spellings from md5sums', async () => {
    const conf = `[auth]\ntoken = ${fake.github()}\n`;
    const status = `Package: somepkg\nStatus: install ok installed\nConffiles:\n /etc/somepkg/auth.conf ${md5(conf)}\nDescription: x\n\n`;
    const tool = `#!/bin/sh\nNPM_TOKEN=${fake.npm()}\n`;
    const report = await check([
      [
        { path: '/etc/somepkg/auth.conf', content: conf },
        { path: '/usr/bin/somepkg-setup', content: tool },
        { path: '/var/lib/dpkg/status', content: status },
        md5sums('somepkg', [['/bin/somepkg-setup', tool]]),
      ],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.packageContent).toMatchObject({ verifiedFiles: 2, droppedFindings: 2 });
  });

  it("reads apk's installed database (Q1: SHA-1)", async () => {
    const q1 = `Q1${createHash('sha1').update(shipped).digest('base64')}`;
    const installed = `P:py3-somepkg\nV:1.0-r0\nF:usr/lib/python3/dist-packages/somepkg/tests\nR:settings.py\nZ:${q1}\n\n`;
    const report = await check([
      [
        { path: '/lib/apk/db/installed', content: installed },
        { path: TESTS, content: shipped },
      ],
    ]);
    expect(report.findings).toEqual([]);
    expect(report.packageContent).toEqual({ databases: ['apk'], knownFiles: 1, ...dropped(1, 2) });
  });

  it('reports everything when the option is off, and says nothing about package content', async () => {
    const report = await check([[{ path: TESTS, content: shipped }, md5sums('python3-somepkg', [[TESTS, shipped]])]], {
      skipUnchangedPackageFiles: false,
    });
    expect(paths(report)).toEqual([TESTS, TESTS]);
    expect(report.packageContent).toBeUndefined();
  });

  it('says there is no package database when there is none', async () => {
    const report = await check([[{ path: '/app/.env', content: `NPM_TOKEN=${fake.npm()}\n` }]]);
    expect(report.packageContent).toEqual({ databases: [], knownFiles: 0, ...dropped(0, 0, 0) });
  });
});

describe('secret-file package content from the layer cache', () => {
  it('replays digests and records of cached layers: the same findings dropped, the modified file still reported', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    const edited = '/usr/share/somepkg/edited.conf';
    const editedShipped = 'key = value\n';
    const files = await layerTar([
      { path: TESTS, content: shipped },
      { path: edited, content: `key = value\napi_token = ${fake.github()}\n` },
    ]);
    // The database comes in its own, later layer, so the decision needs both cached layers.
    const database = await layerTar([
      md5sums('python3-somepkg', [
        [TESTS, shipped],
        [edited, editedShipped],
      ]),
    ]);
    const { layerBlobs } = await writeOciLayout(dir, [files, database]);
    const options = {
      policy: { rules: { 'oci-labels': 'off', healthcheck: 'off', 'size-budget': 'off' } as const },
      budgets: { budgets: [] },
      platform: 'linux/amd64',
      cacheDir,
    };
    const summarize = (report: Awaited<ReturnType<typeof checkImages>>) => ({
      paths: report.images[0]!.findings.filter((f) => f.ruleId === 'secret-file').map((f) => f.location.path),
      packageContent: report.images[0]!.packageContent,
    });
    const first = summarize(await checkImages([`oci:${dir}:v1`], options));
    expect(first).toEqual({ paths: [edited], packageContent: { databases: ['dpkg'], knownFiles: 2, ...dropped(1, 2) } });
    // Without the layer blobs only the cache can answer.
    for (const blob of layerBlobs) await rm(blob);
    expect(summarize(await checkImages([`oci:${dir}:v1`], options))).toEqual(first);
  });
});

describe('secret-file memo shape', () => {
  it("is refused when it is not this version's (an old record is read again, never trusted)", async () => {
    const { default: rule } = await import('../../../src/rules/secret-file.js');
    const handlers = rule.create({ options: rule.defaultOptions } as never);
    expect(handlers.layerMemo!.parse([])).toBeUndefined();
    expect(handlers.layerMemo!.parse({ findings: [], packages: { managers: ['dpkg'], records: 'AAAA' } })).toBeUndefined();
    expect(handlers.layerMemo!.parse({ findings: [] })).toEqual({ findings: [] });
  });
});
