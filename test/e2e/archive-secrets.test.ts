// End to end on a real Docker Engine: credentials inside a Spring Boot jar (and its nested lib jar),
// a UTF-16 PowerShell script, a .tar.gz backup and a .env.gz are found and masked; look-alikes are
// not; a 10 GB zip bomb and a deeply nested zip end within their bounds with a warning.
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

const where = (f: Finding): string => `${f.location.path}${f.location.member ? `!/${f.location.member}` : ''}${f.location.line ? `:${f.location.line}` : ''}`;

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
    { name: 'BOOT-INF/classes/com/acme/App.class', content: Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x41]), Buffer.from(secrets.githubToken)]) },
    { name: 'BOOT-INF/lib/acme-config.jar', content: inner, method: 'stored' },
  ]);
  const ps1 = `# deploy\r\n$env:AWS_ACCESS_KEY_ID = "${secrets.awsAccessKeyId}"\r\n$env:AWS_SECRET_ACCESS_KEY = "${secrets.awsSecretKey}"\r\n`;
  const backup = await tarBuffer([{ name: 'etc/app/app.conf', content: Buffer.from(`[registry]\ntoken = ${secrets.npmToken}\n`) }]);
  const lookalike = zipBuffer([
    { name: 'BOOT-INF/classes/application.properties', content: 'spring.datasource.url=jdbc:postgresql://db:5432/app\naws.secret_access_key=${AWS_SECRET_ACCESS_KEY}\n' },
    { name: 'docs/README.txt', content: 'Set AWS_SECRET_ACCESS_KEY and DB_PASSWORD in the environment.\n' },
  ]);
  let deep = zipBuffer([{ name: 'deep.env', content: `NPM_TOKEN=${secrets.npmToken}\n` }]);
  for (let i = 0; i < 10; i++) deep = zipBuffer([{ name: `level${i}.zip`, content: deep }]);
  await buildImage(TAG, {
    files: {
      'app/app.jar': jar,
      'opt/scripts/deploy.ps1': Buffer.from(`\ufeff${ps1}`, 'utf16le'),
      'backup/config.tar.gz': gzipSync(backup),
      'app/.env.gz': gzipSync(`APP=web\nSLACK_TOKEN=${secrets.slackToken}\n`),
      'app/lookalike.jar': lookalike,
      'opt/scripts/template.ps1': Buffer.from('\ufeff$env:AWS_SECRET_ACCESS_KEY = "<your key>"\r\n', 'utf16le'),
      'app/notes.tar.gz': gzipSync(await tarBuffer([{ name: 'notes.md', content: Buffer.from('token = ${NPM_TOKEN}\n') }])),
      'bombs/bomb.zip': zipBomb(10_000, 1 << 20),
      'bombs/deep.zip': deep,
    },
    dockerfile: ['FROM scratch', 'COPY app/ /app/', 'COPY opt/ /opt/', 'COPY backup/ /backup/', 'COPY bombs/ /bombs/'].join('\n'),
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
    expect(found).toEqual(expect.arrayContaining([
      '/app/app.jar!/BOOT-INF/classes/application.properties:2',
      '/app/app.jar!/BOOT-INF/classes/application.properties:3',
      '/app/app.jar!/BOOT-INF/classes/application.properties:4',
      '/app/app.jar!/BOOT-INF/lib/acme-config.jar!/config/application.yml:2',
      '/opt/scripts/deploy.ps1:2',
      '/opt/scripts/deploy.ps1:3',
      '/backup/config.tar.gz!/etc/app/app.conf:2',
      '/app/.env.gz!/.env:2',
    ]));
    // Look-alikes: placeholders, a class file's bytes, a template script, notes with a variable.
    expect(found.filter((place) => /lookalike|App\.class|template\.ps1|notes/.test(place))).toEqual([]);
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
