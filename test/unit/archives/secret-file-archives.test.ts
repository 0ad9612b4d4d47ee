// secret-file inside archives: zip family (stored, deflated, data descriptors, nested), tar, .tar.gz,
// .gz, .zst, sniffed by magic bytes; bounds against bombs; vendor jars; locations in every report.
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImageReport, Report } from '../../../src/engine/report.js';
import { renderReport } from '../../../src/reporters/index.js';
import { fake } from '../secrets/fixtures.js';
import { allRulesOffBut, checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, tarBuffer, type FileSpec } from '../support/image-builder.js';
import { zipBomb, zipBuffer } from '../support/zip-builder.js';

async function check(files: FileSpec[], options: Record<string, unknown> = {}, extraLayers: FileSpec[][] = []): Promise<ImageReport> {
  const built = await classicSaveArchive(await Promise.all([files, ...extraLayers].map((layer) => layerTar(layer))));
  return checkMemoryImage(built, { policy: { rules: { ...allRulesOffBut('secret-file'), 'secret-file': { options } } } });
}

const properties = (): string =>
  `spring.datasource.url=jdbc:postgresql://db:5432/app\naws.accessKeyId=${fake.awsKeyId()}\naws.secret_access_key=${fake.awsSecret()}\n`;
const places = (report: ImageReport): string[] =>
  report.findings.map((f) => `${f.location.path}${f.location.member ? `!/${f.location.member}` : ''}:${f.location.line ?? ''}`).sort();
const warnings = (report: ImageReport) => report.findings.filter((f) => f.messageId === 'ARCHIVE_NOT_FULLY_SCANNED');

/** A zstd frame of raw blocks (Node 20 has no zstd compressor); up to 255 bytes. */
function zstdFrame(content: Buffer): Buffer {
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, content.length]);
  const block = 1 | (content.length << 3);
  return Buffer.concat([header, Buffer.from([block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff]), content]);
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

describe('secret-file: archives', () => {
  it('finds credentials in a Spring Boot jar (deflated, data descriptors), naming the member', async () => {
    const jar = zipBuffer([
      { name: 'META-INF/MANIFEST.MF', content: 'Manifest-Version: 1.0\n' },
      { name: 'BOOT-INF/classes/application.properties', content: properties(), descriptor: true },
      { name: 'BOOT-INF/classes/com/acme/App.class', content: Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0]), Buffer.from(fake.github())]) },
    ]);
    const report = await check([{ path: '/app/app.jar', content: jar }]);
    expect(places(report)).toEqual([
      '/app/app.jar!/BOOT-INF/classes/application.properties:2',
      '/app/app.jar!/BOOT-INF/classes/application.properties:3',
    ]);
    expect(report.findings[0]!.message).toContain('/app/app.jar!/BOOT-INF/classes/application.properties:2');
    const document: Report = {
      version: 1,
      tool: { name: 'imagegate', version: '0' },
      rules: [],
      images: [report],
      summary: { images: 1, passed: 0, failed: 1, errored: 0, findings: { error: 2, warning: 0, info: 0 }, waived: 0, failOn: 'error', exitCode: 1 },
    };
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github'] as const) {
      const out = renderReport(format, document);
      expect(out, format).toContain(
        format === 'json' ? '"member": "BOOT-INF/classes/application.properties"' : 'app.jar!/BOOT-INF/classes/application.properties',
      );
      expect(out, format).not.toContain(fake.awsSecret());
    }
  });

  it('skips members that cannot hold a secret without inflating them, however many and large', async () => {
    const classes = Array.from({ length: 30 }, (_, i) => ({
      name: `com/acme/C${i}.class`,
      content: Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe]), randomBytes(300_000)]),
    }));
    const jar = zipBuffer([...classes, { name: 'application.yml', content: `token: ${fake.github()}\n` }]);
    const report = await check([{ path: '/app/app.jar', content: jar }]);
    expect(places(report)).toEqual(['/app/app.jar!/application.yml:1']);
  });

  it('reads stored members, a war, a zip with a launch script before it, and a nested jar', async () => {
    const inner = zipBuffer([{ name: 'config/application.yml', content: `db:\n  token: ${fake.github()}\n` }]);
    const fat = zipBuffer(
      [
        { name: 'BOOT-INF/classes/application.properties', content: properties(), method: 'stored' },
        { name: 'BOOT-INF/lib/inner.jar', content: inner, method: 'stored' },
      ],
      { prefix: '#!/bin/bash\nexec java -jar "$0" "$@"\n' },
    );
    const war = zipBuffer([{ name: 'WEB-INF/classes/.env', content: `NPM_TOKEN=${fake.npm()}\n` }]);
    const report = await check([
      { path: '/app/app.jar', content: fat },
      { path: '/srv/ROOT.war', content: war },
    ]);
    expect(places(report)).toEqual([
      '/app/app.jar!/BOOT-INF/classes/application.properties:2',
      '/app/app.jar!/BOOT-INF/classes/application.properties:3',
      '/app/app.jar!/BOOT-INF/lib/inner.jar!/config/application.yml:2',
      '/srv/ROOT.war!/WEB-INF/classes/.env:1',
    ]);
  });

  it('reads tar, .tar.gz, .gz and .zst, and sniffs an archive by its magic whatever its name', async () => {
    const backup = await tarBuffer([
      { name: 'etc/app/app.conf', content: Buffer.from(`# app\ntoken = ${fake.github()}\n`) },
      { name: 'etc/app/logo.png', content: Buffer.from(fake.npm()) },
    ]);
    const report = await check([
      { path: '/backup/config.tar.gz', content: gzipSync(backup) },
      { path: '/backup/config.tar', content: backup },
      { path: '/app/.env.gz', content: gzipSync(`X=1\nNPM_TOKEN=${fake.npm()}\n`) },
      { path: '/app/settings.zst', content: zstdFrame(Buffer.from(`a\nb\nkey=${fake.github()}\n`)) },
      { path: '/app/settings.dump', content: gzipSync(`token=${fake.github()}\n`) },
    ]);
    expect(places(report)).toEqual([
      '/app/.env.gz!/.env:2',
      '/app/settings.dump!/settings.dump:1',
      '/app/settings.zst!/settings:3',
      '/backup/config.tar!/etc/app/app.conf:2',
      '/backup/config.tar.gz!/etc/app/app.conf:2',
    ]);
  });

  it('decodes UTF-16 (LE with BOM, BE without) and UTF-8 with BOM, keeping line numbers and CRLF', async () => {
    const script = `# deploy\r\n$env:AWS_ACCESS_KEY_ID = "${fake.awsKeyId()}"\r\n$env:AWS_SECRET_ACCESS_KEY = "${fake.awsSecret()}"\r\n`;
    const report = await check([
      { path: '/opt/scripts/deploy.ps1', content: utf16(script, 'le', true) },
      { path: '/opt/scripts/deploy-be.ps1', content: utf16(script, 'be', false) },
      { path: '/opt/app/.env', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`NPM_TOKEN=${fake.npm()}\r\n`)]) },
      { path: '/opt/app/tool.bin.dat', content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 0, 2]), Buffer.from(fake.github())]) },
    ]);
    expect(places(report)).toEqual([
      '/opt/app/.env:1',
      '/opt/scripts/deploy-be.ps1:2',
      '/opt/scripts/deploy-be.ps1:3',
      '/opt/scripts/deploy.ps1:2',
      '/opt/scripts/deploy.ps1:3',
    ]);
    const secrets = report.findings.filter((f) => f.location.path === '/opt/scripts/deploy.ps1').map((f) => f.secret!.length);
    expect(secrets).toEqual([fake.awsKeyId().length, fake.awsSecret().length]);
  });

  it('flags no look-alikes: placeholders, a class file, a member of an archive type it cannot read', async () => {
    const jar = zipBuffer([
      {
        name: 'BOOT-INF/classes/application.properties',
        content: 'spring.datasource.password=${DB_PASSWORD}\naws.secret_access_key=${AWS_SECRET_ACCESS_KEY}\n',
      },
      {
        name: 'BOOT-INF/classes/App.class',
        content: Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0]), Buffer.from(`token=${fake.github()}`)]),
      },
      { name: 'static/readme.txt', content: 'Set AWS_SECRET_ACCESS_KEY in the environment.\n' },
    ]);
    const report = await check([
      { path: '/app/app.jar', content: jar },
      { path: '/app/notes.zip', content: zipBuffer([]) },
    ]);
    expect(report.findings).toEqual([]);
  });

  it('does not open a jar a package installed unchanged; opens the same jar elsewhere', async () => {
    const jar = zipBuffer([{ name: 'test/keys.properties', content: `token=${fake.github()}\n` }]);
    const md5 = createHash('md5').update(jar).digest('hex');
    const md5sums = { path: '/var/lib/dpkg/info/libfoo-java.md5sums', content: `${md5}  usr/share/java/libfoo.jar\n` };
    // The usual order: the distribution's layer first, then `apt-get install` with its records.
    const base = [
      { path: '/var/lib/dpkg/status', content: 'Package: base-files\nStatus: install ok installed\n\n' },
      { path: '/var/lib/dpkg/info/base-files.md5sums', content: `${'0'.repeat(32)}  etc/issue\n` },
    ];
    const report = await check(base, {}, [
      [{ path: '/usr/share/java/libfoo.jar', content: jar }, { path: '/app/lib/libfoo.jar', content: jar }, md5sums],
    ]);
    expect(places(report)).toEqual(['/app/lib/libfoo.jar!/test/keys.properties:1']);
    // Not opened: hashed and matched to its record, nothing dropped since nothing was found.
    expect(report.packageContent).toMatchObject({ verifiedFiles: 1, droppedFindings: 0 });

    // Changed after install: not opened either, and said so (never a silent pass).
    const changed = await check(base, {}, [
      [{ path: '/usr/share/java/libfoo.jar', content: zipBuffer([{ name: 'a.env', content: `NPM_TOKEN=${fake.npm()}\n` }]) }, md5sums],
    ]);
    expect(changed.findings.map((f) => [f.messageId, f.location.path])).toEqual([['ARCHIVE_NOT_OPENED', '/usr/share/java/libfoo.jar']]);

    // The switch that restores full scanning opens it, and a single layer whose records come after
    // the jar (nothing known yet) is opened and its unchanged content dropped, as before.
    const full = await check(base, { skipUnchangedPackageFiles: false }, [[{ path: '/usr/share/java/libfoo.jar', content: jar }, md5sums]]);
    expect(places(full)).toEqual(['/usr/share/java/libfoo.jar!/test/keys.properties:1']);
    const squashed = await check([{ path: '/usr/share/java/libfoo.jar', content: jar }, md5sums]);
    expect(places(squashed)).toEqual([]);
    expect(squashed.packageContent).toMatchObject({ verifiedFiles: 1, droppedFindings: 1 });
  });

  it("does not open a jar apk installed unchanged, even in one layer (apk's database comes before /usr)", async () => {
    const jar = zipBuffer([{ name: 'test/keys.properties', content: `token=${fake.github()}\n` }]);
    const sha1 = createHash('sha1').update(jar).digest('base64');
    const installed = { path: '/lib/apk/db/installed', content: `P:libfoo-java\nV:1.0-r0\nF:usr/share/java\nR:libfoo.jar\nZ:Q1${sha1}\n\n` };
    const report = await check([installed, { path: '/usr/share/java/libfoo.jar', content: jar }, { path: '/opt/app/libfoo.jar', content: jar }]);
    expect(places(report)).toEqual(['/opt/app/libfoo.jar!/test/keys.properties:1']);
    expect(report.packageContent).toMatchObject({ databases: ['apk'], verifiedFiles: 1, droppedFindings: 0 });
  });

  it("does not open jars of Maven's repository, npm packages or pip packages (RECORD); opens the team's own", async () => {
    const jar = zipBuffer([
      { name: 'application.properties', content: `aws.secret_access_key=${fake.awsSecret()}\naws.accessKeyId=${fake.awsKeyId()}\n` },
    ]);
    const sha256 = createHash('sha256').update(jar).digest('base64url');
    const report = await check([
      { path: '/root/.m2/repository/com/acme/lib/1.0/lib-1.0.jar', content: jar },
      { path: '/app/node_modules/some-pkg/vendor/tool.jar', content: jar },
      { path: '/usr/local/lib/python3.12/site-packages/pyspark/jars/lib.jar', content: jar },
      {
        path: '/usr/local/lib/python3.12/site-packages/pyspark-3.5.0.dist-info/RECORD',
        content: `pyspark/jars/lib.jar,sha256=${sha256},${jar.length}\n`,
      },
      { path: '/usr/local/lib/python3.12/site-packages/mine/own.jar', content: jar },
      { path: '/app/app.jar', content: jar },
    ]);
    expect(places(report)).toEqual([
      '/app/app.jar!/application.properties:1',
      '/app/app.jar!/application.properties:2',
      '/usr/local/lib/python3.12/site-packages/mine/own.jar:',
    ]);
    expect(report.findings.filter((f) => f.messageId === 'ARCHIVE_NOT_OPENED').map((f) => f.location.path)).toEqual([
      '/usr/local/lib/python3.12/site-packages/mine/own.jar',
    ]);
    expect(report.packageContent?.thirdParty).toMatchObject({ maven: { files: 1 }, npm: { files: 1 } });
    // thirdPartyContent 'error' scans third-party content like the team's own: those jars are opened.
    const full = await check([{ path: '/root/.m2/repository/com/acme/lib/1.0/lib-1.0.jar', content: jar }], { thirdPartyContent: 'error' });
    expect(places(full)).toEqual([
      '/root/.m2/repository/com/acme/lib/1.0/lib-1.0.jar!/application.properties:1',
      '/root/.m2/repository/com/acme/lib/1.0/lib-1.0.jar!/application.properties:2',
    ]);
  });
});

describe('secret-file: archive bounds', () => {
  it('stops a 10 GB zip bomb at maxArchiveBytes with a warning naming the archive and the bound', async () => {
    const bomb = zipBomb(10_000, 1 << 20);
    expect(bomb.length).toBeLessThan(20 << 20);
    const report = await check(
      [
        { path: '/app/bomb.zip', content: bomb },
        { path: '/app/after.env', content: `NPM_TOKEN=${fake.npm()}\n` },
      ],
      { archiveLimits: { maxArchiveBytes: 32 << 20 } },
    );
    expect(places(report)).toEqual(['/app/after.env:1', '/app/bomb.zip:']);
    const [warning] = warnings(report);
    expect(warning!.severity).toBe('warning');
    expect(warning!.message).toContain('maxArchiveBytes bound (33554432), at member data/zeros-');
  });

  it('stops at maxImageBytes across archives, at maxMembers, at maxRatio and at maxDepth', async () => {
    const text = (i: number) => ({ name: `m${i}.txt`, content: `line ${i}\n`.repeat(100) });
    const many = zipBuffer(Array.from({ length: 50 }, (_, i) => text(i)));
    const members = await check([{ path: '/a.zip', content: many }], { archiveLimits: { maxMembers: 10 } });
    expect(warnings(members).map((f) => f.message)).toEqual([expect.stringContaining('maxMembers bound (10), at member m10.txt')]);

    const spaces = zipBuffer([{ name: 'big.txt', content: ' '.repeat(8 << 20) }]);
    const ratio = await check([{ path: '/r.zip', content: spaces }]);
    expect(warnings(ratio).map((f) => f.message)).toEqual([expect.stringContaining('/r.zip!/big.txt expands beyond the maxRatio bound (200×')]);

    const image = await check(
      [
        { path: '/1.zip', content: many },
        { path: '/2.zip', content: many },
      ],
      { archiveLimits: { maxImageBytes: 40_000 } },
    );
    expect(warnings(image).map((f) => f.location.path)).toEqual(['/2.zip']);

    let nested = zipBuffer([{ name: 'deep.env', content: `NPM_TOKEN=${fake.npm()}\n` }]);
    for (let i = 0; i < 8; i++) nested = zipBuffer([{ name: `level${i}.zip`, content: nested }]);
    const deep = await check([{ path: '/deep.zip', content: nested }]);
    const [depth] = warnings(deep);
    expect(depth!.message).toContain('maxDepth bound (3)');
    expect(depth!.location.member).toBe('level7.zip!/level6.zip!/level5.zip');
  });

  it('stops .tar.gz and .gz bombs at maxRatio, or else at maxArchiveBytes', async () => {
    const tarBomb = gzipSync(await tarBuffer([{ name: 'logs/app.log', content: Buffer.alloc(64 << 20, 0x20) }]), { level: 9 });
    const textBomb = gzipSync(Buffer.alloc(64 << 20, 0x41), { level: 9 });
    const report = await check(
      [
        { path: '/backup/logs.tar.gz', content: tarBomb },
        { path: '/backup/notes.txt.gz', content: textBomb },
      ],
      { archiveLimits: { maxArchiveBytes: 16 << 20 } },
    );
    expect(warnings(report).map((f) => f.message)).toEqual([
      expect.stringContaining('/backup/logs.tar.gz expands beyond the maxRatio bound (200×'),
      expect.stringContaining('/backup/notes.txt.gz expands beyond the maxRatio bound (200×'),
    ]);
    const loose = await check([{ path: '/backup/notes.txt.gz', content: textBomb }], {
      archiveLimits: { maxArchiveBytes: 16 << 20, maxRatio: 100_000 },
    });
    expect(warnings(loose).map((f) => f.message)).toEqual([
      expect.stringContaining('/backup/notes.txt.gz stopped reading at the maxArchiveBytes bound (16777216)'),
    ]);
  });

  it('warns about a broken archive instead of passing it silently', async () => {
    const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]);
    const report = await check([{ path: '/app/broken.jar', content: broken }]);
    expect(warnings(report).map((f) => f.message)).toEqual([expect.stringContaining('/app/broken.jar could not be read')]);
  });
});
