// secret-file and third-party content: findings in installed npm/pip/… packages and generic patterns
// in docs and tests are reported at info (configurable), counted per ecosystem; a credential file
// dropped into node_modules and a modified pip file stay errors.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ImageReport } from '../../../src/engine/report.js';
import { fake } from '../secrets/fixtures.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { rules } from '../../../src/rules/index.js';
import { classicSaveArchive, layerTar, type FileSpec } from '../support/image-builder.js';

const SITE = '/usr/local/lib/python3.11/site-packages';
const shipped = `# sample settings shipped by the package\nTOKEN = "${fake.github()}"\n`;
const record = (files: [string, string][]): string =>
  files
    .map(([path, content]) => `${path},sha256=${createHash('sha256').update(content).digest('base64url')},${Buffer.byteLength(content)}\n`)
    .join('') + 'somepkg-1.0.dist-info/RECORD,,\n';

async function check(files: FileSpec[], options: Record<string, unknown> = {}): Promise<ImageReport> {
  const built = await classicSaveArchive([await layerTar(files)]);
  const off = Object.fromEntries(rules.filter((rule) => rule.id !== 'secret-file').map((rule) => [rule.id, 'off']));
  return checkMemoryImage(built, { policy: { rules: { ...off, 'secret-file': { options } } } });
}

const summary = (report: ImageReport): string[] =>
  report.findings.map((f) => `${f.severity} ${f.messageId} ${f.secret?.kind ?? ''} ${f.location.path ?? ''}`).sort();

describe('secret-file: third-party content', () => {
  const npmFiles: FileSpec[] = [
    { path: '/app/node_modules/sdk/package.json', content: '{\n  "name": "sdk",\n  "version": "1.2.3"\n}\n' },
    { path: '/app/node_modules/sdk/lib/sample.js', content: shipped },
    { path: '/app/node_modules/@scope/client/package.json', content: '{"name": "@scope/client", "version": "2.0.0"}' },
    { path: '/app/node_modules/@scope/client/README.md', content: 'redis://default:' + 'foobared9' + '@cache.lan:6379\n' },
    // dropped in by hand: a credential file is the team's wherever it sits
    { path: '/app/node_modules/sdk/.npmrc', content: `//registry.npmjs.org/:_authToken=${fake.npm()}\n` },
    // a directory whose manifest names another package is not that package's content
    { path: '/app/node_modules/impostor/package.json', content: '{"name": "other", "version": "1.0.0"}' },
    { path: '/app/node_modules/impostor/index.js', content: shipped.replace('sample', 'impostor') },
  ];

  it('npm: package content is info and named, a hand-dropped .npmrc and an impostor directory stay errors', async () => {
    const report = await check(npmFiles);
    expect(summary(report)).toEqual([
      'error SECRET_IN_FILE github-token /app/node_modules/impostor/index.js',
      'error SECRET_IN_FILE npm-token /app/node_modules/sdk/.npmrc',
      'info SECRET_IN_PACKAGE github-token /app/node_modules/sdk/lib/sample.js',
      'info SECRET_IN_PACKAGE url-credentials /app/node_modules/@scope/client/README.md',
    ]);
    expect(report.findings.find((f) => f.messageId === 'SECRET_IN_PACKAGE' && f.location.path?.endsWith('sample.js'))?.message).toContain(
      'npm package sdk@1.2.3',
    );
    expect(report.packageContent?.thirdParty).toEqual({ npm: { packages: 2, files: 2, findings: 2 } });
  });

  it('thirdPartyContent: error restores full reporting, off drops them', async () => {
    const full = await check(npmFiles, { thirdPartyContent: 'error' });
    // The README's URL password is still a generic pattern in documentation (docsAndTests).
    expect(full.findings.map((f) => f.severity).sort()).toEqual(['error', 'error', 'error', 'info']);
    const off = await check(npmFiles, { thirdPartyContent: 'off' });
    expect(summary(off)).toHaveLength(2);
  });

  it('pip: a file matching its RECORD sha256 is package content; a modified one is an error', async () => {
    const files: FileSpec[] = [
      { path: `${SITE}/somepkg/tests/settings.py`, content: shipped },
      { path: `${SITE}/somepkg/conf.py`, content: `${shipped}# edited\n` },
      {
        path: `${SITE}/somepkg-1.0.dist-info/RECORD`,
        content: record([
          ['somepkg/tests/settings.py', shipped],
          ['somepkg/conf.py', shipped],
        ]),
      },
    ];
    const report = await check(files);
    expect(summary(report)).toEqual([
      `error SECRET_IN_FILE github-token ${SITE}/somepkg/conf.py`,
      `info SECRET_IN_PACKAGE github-token ${SITE}/somepkg/tests/settings.py`,
    ]);
    expect(report.packageContent?.thirdParty).toEqual({ pip: { packages: 1, files: 1, findings: 1 } });
  });

  it('docs and tests: generic patterns are info there, provider formats stay errors', async () => {
    const jwtDoc = `Authorization: Bearer ${fake.jwt()}\n`;
    const report = await check([
      { path: '/app/README.md', content: 'postgres://someuser:' + 'somepassw0rd' + '@db.lan/app\n' },
      { path: '/app/test/api.spec.js', content: jwtDoc },
      { path: '/app/docs/setup.md', content: `token: ${fake.github()}\n` },
      { path: '/app/src/db.js', content: 'postgres://app:' + 'Zt8q-' + 'Rk4Lm9' + '@db.lan/app\n' },
    ]);
    expect(summary(report)).toEqual([
      'error SECRET_IN_FILE github-token /app/docs/setup.md',
      'error SECRET_IN_FILE url-credentials /app/src/db.js',
      'info SECRET_IN_DOCS jwt /app/test/api.spec.js',
      'info SECRET_IN_DOCS url-credentials /app/README.md',
    ]);
    expect(report.packageContent?.thirdParty).toEqual({ 'docs and tests': { packages: 0, files: 2, findings: 2 } });
  });
});
