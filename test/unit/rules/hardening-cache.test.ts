// Rules that read file contents (user-accounts, unwanted-files' core dumps, structure's content
// assertions) give the same findings when their layers come from the layer cache.
import { describe, expect, it } from 'vitest';
import { LayerCache } from '../../../src/cache/layer-cache.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

describe('hardening rules with a layer cache', () => {
  it('replays what they read from a cached layer', async () => {
    const core = Buffer.alloc(64);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]).copy(core);
    core.writeUInt16LE(4, 16);
    const layer = await layerTar([
      { path: '/etc/passwd', content: 'root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n' },
      { path: '/etc/shadow', content: 'root::1::::::\n' },
      { path: '/app/core', content: core },
      { path: '/app/config.yaml', content: 'listen: 8080\ndebug: true\n' },
    ]);
    const built = await classicSaveArchive([layer]);
    const structure = { options: { assertions: [{ content: [{ path: '/app/config.yaml', notMatch: ['^debug: true'] }] }] } };
    const off = [
      'size-budget',
      'layer-waste',
      'build-hygiene',
      'oci-labels',
      'non-root-user',
      'healthcheck',
      'secret-env',
      'secret-history',
      'secret-label',
      'secret-file',
      'setuid-files',
      'world-writable',
      'build-steps',
      'sensitive-volumes',
      'image-tag',
    ];
    const policy = { rules: { ...Object.fromEntries(off.map((id) => [id, 'off'])), structure } };
    const cache = new LayerCache({ dir: await tempDir(), fingerprint: 'hardening' });
    const shape = (report: Awaited<ReturnType<typeof checkMemoryImage>>) =>
      report.findings.map((f) => `${f.ruleId} ${f.messageId} ${f.location.path ?? ''}:${f.location.line ?? ''}`).sort();
    let opened = 0;
    const onOpen = () => void opened++;
    const first = await checkMemoryImage(built, { policy, cache, onOpen });
    const second = await checkMemoryImage(built, { policy, cache, onOpen });
    expect(opened).toBe(1); // the second check read nothing but the cache
    expect(first.error).toBeUndefined();
    expect(second.error).toBeUndefined();
    expect(shape(first)).toEqual([
      'structure CONTENT_MISMATCH /app/config.yaml:2',
      'unwanted-files UNWANTED_FILE /app/core:',
      'user-accounts DUPLICATE_ID /etc/passwd:',
      'user-accounts EMPTY_PASSWORD /etc/shadow:',
    ]);
    expect(shape(second)).toEqual(shape(first));
  });
});
