// A finding's own severity (an encrypted key is a warning) lowers the rule's, never raises it.
import { describe, expect, it } from 'vitest';
import { pemKey } from '../secrets/fixtures.js';
import { allRulesOffBut, checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

async function image() {
  return classicSaveArchive([
    await layerTar([
      { path: '/app/key.pem', content: pemKey('encrypted') },
      { path: '/app/plain.pem', content: pemKey() },
    ]),
  ]);
}

describe('finding severity', () => {
  it("reports an encrypted key below a plain one at the rule's default severity", async () => {
    const report = await checkMemoryImage(await image(), { only: ['secret-file'] });
    const byPath = Object.fromEntries(report.findings.map((f) => [f.location.path ?? '', f.severity] as const));
    expect(byPath).toEqual({ '/app/key.pem': 'warning', '/app/plain.pem': 'error' });
  });

  it('never lifts a finding above the severity the policy gives its rule', async () => {
    const rules = { ...allRulesOffBut('secret-file'), 'secret-file': 'info' };
    const report = await checkMemoryImage(await image(), { policy: { rules } });
    expect(report.findings.map((f) => f.severity)).toEqual(['info', 'info']);
  });
});

describe('secret-file finalFilesystemOnly', () => {
  it('drops secrets of deleted files only when asked to', async () => {
    const { classicSaveArchive: save, layerTar: tar, tarBuffer } = await import('../support/image-builder.js');
    const { fake } = await import('../secrets/fixtures.js');
    const built = await save([
      await tar([
        { path: '/app/.env', content: `GITHUB_TOKEN=${fake.github()}\n` },
        { path: '/app/old.env', content: `NPM_TOKEN=${fake.npm()}\n` },
      ]),
      await tarBuffer([{ name: 'app/.wh.old.env', content: Buffer.alloc(0) }]),
    ]);
    const all = await checkMemoryImage(built, { only: ['secret-file'] });
    expect(all.findings.map((f) => f.messageId).sort()).toEqual(['SECRET_IN_DELETED_FILE', 'SECRET_IN_FILE']);
    const off = allRulesOffBut('secret-file');
    const final = await checkMemoryImage(built, { policy: { rules: { ...off, 'secret-file': { options: { finalFilesystemOnly: true } } } } });
    expect(final.findings.map((f) => f.messageId)).toEqual(['SECRET_IN_FILE']);
  });
});
