import { describe, expect, it } from 'vitest';
import { baselineFromReport, repositoryOf } from '../../../src/engine/baseline.js';
import type { ImageModel } from '../../../src/image/image-model.js';
import { tempDir } from '../support/temp-dir.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

describe('baselines for growth budgets', () => {
  it('names the repository of a reference', () => {
    expect(repositoryOf('docker.io/team/app:1.4.2')).toBe('docker.io/team/app');
    expect(repositoryOf(`localhost:5000/app@sha256:${'a'.repeat(64)}`)).toBe('localhost:5000/app');
    expect(repositoryOf('localhost:5000/app')).toBe('localhost:5000/app');
  });

  it('matches images of a previous JSON report by repository', async () => {
    const file = join(await tempDir(), 'previous.json');
    await writeFile(
      file,
      JSON.stringify({
        images: [
          {
            reference: 'team/app:1.4.1',
            normalizedReference: 'docker.io/team/app:1.4.1',
            sizeBytes: 100,
            layers: [{ index: 0, diffId: 'sha256:x', sizeBytes: 100, createdBy: 'COPY . /app' }],
            passed: true,
            findings: [],
          },
        ],
      }),
    );
    const baselineFor = await baselineFromReport(file);
    expect(baselineFor({ normalizedReference: 'docker.io/team/app:1.5.0' } as ImageModel)).toEqual({
      reference: `team/app:1.4.1 in ${file}`,
      totalBytes: 100,
      layers: [{ sizeBytes: 100, createdBy: 'COPY . /app' }],
    });
    expect(baselineFor({ normalizedReference: 'docker.io/team/other:1' } as ImageModel)).toBeUndefined();
  });

  it('refuses a file that is not a report', async () => {
    const file = join(await tempDir(), 'nope.json');
    await writeFile(file, '{"budgets": []}');
    await expect(baselineFromReport(file)).rejects.toThrow(/expected an imagegate JSON report/);
  });
});
