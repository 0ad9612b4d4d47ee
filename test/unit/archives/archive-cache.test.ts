// Archive findings and bound warnings survive the layer cache: a second check with the layer
// blobs gone replays the same members, locations and warnings.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkImages } from '../../../src/index.js';
import { fake } from '../secrets/fixtures.js';
import { layerTar, writeOciLayout } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';
import { zipBuffer } from '../support/zip-builder.js';

const OFF = Object.fromEntries(
  ['non-root-user', 'healthcheck', 'oci-labels', 'size-budget', 'secret-env', 'secret-history', 'secret-label', 'layer-waste', 'build-hygiene'].map(
    (id) => [id, 'off' as const],
  ),
);

describe('archive findings in the layer cache', () => {
  it('replays member findings and warnings without reading the layer again', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    let deep = zipBuffer([{ name: 'deep.env', content: `NPM_TOKEN=${fake.npm()}\n` }]);
    for (let i = 0; i < 4; i++) deep = zipBuffer([{ name: `level${i}.zip`, content: deep }]);
    const jar = zipBuffer([{ name: 'BOOT-INF/classes/application.yml', content: `token: ${fake.github()}\n` }]);
    const { layerBlobs } = await writeOciLayout(dir, [
      await layerTar([
        { path: '/app/app.jar', content: jar },
        { path: '/app/deep.zip', content: deep },
      ]),
    ]);
    const options = { policy: { rules: OFF }, budgets: { budgets: [] }, platform: 'linux/amd64', cacheDir };
    const seen = (report: Awaited<ReturnType<typeof checkImages>>) =>
      report.images[0]!.findings.map((f) => `${f.messageId}@${f.location.path}!/${f.location.member}:${f.location.line ?? ''}`).sort();
    const first = await checkImages([`oci:${dir}:v1`], options);
    expect(seen(first)).toEqual([
      'ARCHIVE_NOT_FULLY_SCANNED@/app/deep.zip!/level3.zip!/level2.zip!/level1.zip:',
      'SECRET_IN_FILE@/app/app.jar!/BOOT-INF/classes/application.yml:1',
    ]);
    for (const blob of layerBlobs) await rm(blob);
    const second = await checkImages([`oci:${dir}:v1`], options);
    expect(second.images[0]!.error).toBeUndefined();
    expect(seen(second)).toEqual(seen(first));
  });
});
