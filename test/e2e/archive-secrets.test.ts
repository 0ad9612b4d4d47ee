// End to end on a real Docker Engine (the issue's acceptance set): credentials inside a Spring Boot
// jar (stored and deflated members, its nested lib jar), a war, a release .zip, a .tar.gz backup,
// .gz, .bz2 and .xz files, UTF-16 LE/BE scripts with and without a BOM, UTF-8 with a BOM and CRLF
// are found with their member locations and masked; look-alikes (placeholders, example values, a
// jar of docs) and a Maven repository's jar are not flagged; a 10 GB zip bomb and a deeply nested
// zip end within their bounds with a warning.
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { Report as FullReport } from '../../src/engine/report.js';
import { tarBuffer } from '../unit/support/image-builder.js';
import { zipBomb, zipBuffer } from '../unit/support/zip-builder.js';
import { fakeSecrets, randomAlnum, secretValues } from './support/fake-secrets.js';
import { buildImage, removeImage, runCli } from './support/images.js';

const TAG = `imagegate-test/archives:${process.pid}`;
const secrets = fakeSecrets();
const dbPassword = randomAlnum(20);
let work: string;
let budgets: string;

/** Made by the real tools (scripts/ensure-packages.sh installs them). */
function compress(tool: 'bzip2' | 'xz', data: string): Buffer {
  const run = spawnSync(tool, ['-c'], { input: data });
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr.toString()}`);
  return run.stdout;
}

const utf16 = (text: string, order: 'le' | 'be', bom: boolean): Buffer => {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
};

const where = (f: Finding): string =>
  `${f.location.path}${f.location.member ? `!/${f.location.member}` : ''}${f.location.line ? `:${f.location.line}` : ''}`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-e2e-archives-'));
  budgets = join(work, 'budgets.json');
  await writeFile(budgets, JSON.stringify({ budgets: [{ image: 'imagegate-test/*', maxSize: '100MB' }] }));
  const properties = [
    '# Spring Boot configuration',
    `spring.datasource.url=jdbc:postgresql://app:${dbPassword}@db:5432/app`,
    `aws.access_key_id=${secrets.awsAccessKeyId}`,
    `aws.secret_access_key=${secrets.awsSecretKey}`,
    '',
  ].join('\n');
  const inner = zipBuffer([{ name: 'config/application.yml', content: `github:\n  token: ${secrets.githubToken}\n` }]);
  const jar = zipBuffer([
    { name: 'META-INF/MANIFEST.MF', content: 'Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n' },
    { name: 'BOOT-INF/classes/application.properties', content: properties, descriptor: true },
    { name: 'BOOT-INF/classes/application-prod.yml', content: `slack:\n  bot-token: ${secrets.slackToken}\n`, method: 'stored' },
    {
      name: 'BOOT-INF/classes/com/acme/App.class',
      content: Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x41]), Buffer.from(secrets.githubToken)]),
    },
    { name: 'BOOT-INF/lib/acme-config.jar', content: inner, method: 'stored' },
  ]);
  const war = zipBuffer([{ name: 'WEB-INF/classes/db.properties', content: `db.user=app\r\ndb.password=${dbPassword}\r\n` }]);
  const release = zipBuffer([{ name: 'release/config/.env', content: `APP=web\nGITHUB_TOKEN=${secrets.githubToken}\n` }]);
  const docsJar = zipBuffer([
    { name: 'docs/examples/application.properties', content: 'spring.datasource.password=changeme\naws.secret_access_key=<your-secret-key>\n' },
    {
      name: 'README.md',
      content: 'Configure `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE` and `AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.\n',
    },
  ]);
  const exampleZip = zipBuffer([
    { name: 'config/aws.env', content: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' },
  ]);
  const mavenJar = zipBuffer([{ name: 'application.properties', content: `github.token=${secrets.githubToken}\n` }]);
  const ps1 = `# deploy\r\n$env:AWS_ACCESS_KEY_ID = "${secrets.awsAccessKeyId}"\r\n$env:AWS_SECRET_ACCESS_KEY = "${secrets.awsSecretKey}"\r\n`;
  const backup = await tarBuffer([{ name: 'etc/app/app.conf', content: Buffer.from(`[registry]\ntoken = ${secrets.npmToken}\n`) }]);
  const lookalike = zipBuffer([
    {
      name: 'BOOT-INF/classes/application.properties',
      content: 'spring.datasource.url=jdbc:postgresql://db:5432/app\naws.secret_access_key=${AWS_SECRET_ACCESS_KEY}\n',
    },
    { name: 'docs/README.txt', content: 'Set AWS_SECRET_ACCESS_KEY and DB_PASSWORD in the environment.\n' },
  ]);
  let deep = zipBuffer([{ name: 'deep.env', content: `NPM_TOKEN=${secrets.npmToken}\n` }]);
  for (let i = 0; i < 10; i++) deep = zipBuffer([{ name: `level${i}.zip`, content: deep }]);
  await buildImage(TAG, {
    files: {
      'app/app.jar': jar,
      'opt/scripts/deploy.ps1': utf16(ps1, 'le', true),
      'opt/scripts/deploy-le.ps1': utf16(ps1, 'le', false),
      'opt/scripts/deploy-be.ps1': utf16(ps1, 'be', true),
      'opt/scripts/deploy-be-nobom.ps1': utf16(ps1, 'be', false),
      'opt/app/.env': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`APP=web\r\nNPM_TOKEN=${secrets.npmToken}\r\n`)]),
      'app/ROOT.war': war,
      'app/release.zip': release,
      'backup/app.env.bz2': compress('bzip2', `APP=web\nNPM_TOKEN=${secrets.npmToken}\n`),
      'backup/app.env.xz': compress('xz', `APP=web\nGITHUB_TOKEN=${secrets.githubToken}\n`),
      'app/acme-docs.jar': docsJar,
      'app/examples.zip': exampleZip,
      'root/.m2/repository/com/acme/lib/1.0/lib-1.0.jar': mavenJar,
      'backup/config.tar.gz': gzipSync(backup),
      'app/.env.gz': gzipSync(`APP=web\nSLACK_TOKEN=${secrets.slackToken}\n`),
      'app/lookalike.jar': lookalike,
      'opt/scripts/template.ps1': Buffer.from('\ufeff$env:AWS_SECRET_ACCESS_KEY = "<your key>"\r\n', 'utf16le'),
      'app/notes.tar.gz': gzipSync(await tarBuffer([{ name: 'notes.md', content: Buffer.from('token = ${NPM_TOKEN}\n') }])),
      'bombs/bomb.zip': zipBomb(10_000, 1 << 20),
      'bombs/deep.zip': deep,
    },
    dockerfile: ['FROM scratch', 'COPY app/ /app/', 'COPY opt/ /opt/', 'COPY backup/ /backup/', 'COPY root/ /root/', 'COPY bombs/ /bombs/'].join(
      '\n',
    ),
  });
}, 300_000);

afterAll(async () => {
  await removeImage(TAG);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('secrets in archives and UTF-16 files, on a real image', () => {
  it('finds them with member locations, warns at the bombs, and never prints a raw secret', async () => {
    const json = await runCli(['check', '--budgets', budgets, '--format', 'json', TAG]);
    expect(json.code, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as FullReport;
    const findings = report.images[0]!.findings.filter((f) => f.ruleId === 'secret-file');
    const found = findings.filter((f) => f.messageId === 'SECRET_IN_FILE').map(where);
    // The issue's held-out kinds, each with its member and line.
    expect(found).toEqual(
      expect.arrayContaining([
        '/app/app.jar!/BOOT-INF/classes/application.properties:2',
        '/app/app.jar!/BOOT-INF/classes/application.properties:3',
        '/app/app.jar!/BOOT-INF/classes/application.properties:4',
        '/app/app.jar!/BOOT-INF/classes/application-prod.yml:2',
        '/app/app.jar!/BOOT-INF/lib/acme-config.jar!/config/application.yml:2',
        '/app/ROOT.war!/WEB-INF/classes/db.properties:2',
        '/app/release.zip!/release/config/.env:2',
        '/backup/config.tar.gz!/etc/app/app.conf:2',
        '/app/.env.gz!/.env:2',
        '/backup/app.env.bz2!/app.env:2',
        '/backup/app.env.xz!/app.env:2',
        '/opt/scripts/deploy.ps1:2',
        '/opt/scripts/deploy.ps1:3',
        '/opt/scripts/deploy-le.ps1:3',
        '/opt/scripts/deploy-be.ps1:3',
        '/opt/scripts/deploy-be-nobom.ps1:3',
        '/opt/app/.env:2',
      ]),
    );
    // Look-alikes: placeholders, example values, a jar of docs, a class file's bytes, a template
    // script, notes with a variable; and a Maven repository's jar, which is not even opened.
    expect(findings.map(where).filter((place) => /lookalike|App\.class|template\.ps1|notes|acme-docs|examples\.zip|\.m2/.test(place))).toEqual([]);
    const warnings = findings.filter((f) => f.messageId === 'ARCHIVE_NOT_FULLY_SCANNED');
    expect(warnings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(warnings.find((f) => f.location.path === '/bombs/bomb.zip')?.message).toContain('maxArchiveBytes bound (536870912)');
    expect(warnings.find((f) => f.location.path === '/bombs/deep.zip')?.message).toContain('maxDepth bound (3)');

    const text = await runCli(['check', '--budgets', budgets, TAG]);
    expect(text.stdout).toContain('/app/app.jar!/BOOT-INF/classes/application.properties:2');
    const sarif = await runCli(['check', '--budgets', budgets, '--format', 'sarif', TAG]);
    expect(sarif.stdout).toContain('app/app.jar!/BOOT-INF/lib/acme-config.jar!/config/application.yml');
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr, sarif.stdout, sarif.stderr]) {
      for (const value of [...secretValues(secrets), dbPassword]) expect(output.includes(value)).toBe(false);
    }
  }, 300_000);
});
