import { describe, expect, it } from 'vitest';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

async function sizeFindings(budgets: object, reference = 'example.com/team/app:1') {
  const layers = [await layerTar([{ path: 'a', content: 'a'.repeat(3000) }]), await layerTar([{ path: 'b', content: 'b'.repeat(1500) }])];
  const report = await checkMemoryImage(await classicSaveArchive(layers), { only: ['size-budget'], budgets, reference });
  expect(report.sizeBytes).toBe(4500);
  return report.findings;
}

describe('size-budget', () => {
  it('passes within budget', async () => {
    expect(await sizeFindings({ budgets: [{ image: '*app*', maxSize: '5KB', maxLayers: 2, maxLayerSize: '3KB' }] })).toEqual([]);
  });

  it('states actual, budget and excess in human units', async () => {
    const [finding] = await sizeFindings({ budgets: [{ image: '*app*', maxSize: '4KB' }] });
    expect(finding?.messageId).toBe('OVER_BUDGET');
    expect(finding?.message).toContain('image is 4.5 KB, budget is 4 KB (500 B over');
  });

  it('checks layer count and layer size', async () => {
    const found = await sizeFindings({ budgets: [{ image: '*', maxLayers: 1, maxLayerSize: '2KB' }] });
    expect(found.map((f) => [f.messageId, f.location.layer])).toEqual([
      ['TOO_MANY_LAYERS', undefined],
      ['LAYER_OVER_BUDGET', 0],
    ]);
  });

  it('first matching budget wins, matched against the normalized reference too', async () => {
    const found = await sizeFindings(
      {
        budgets: [
          { image: 'docker.io/library/web:*', maxSize: '1KB' },
          { image: '*', maxSize: '1GB' },
        ],
      },
      'web:2',
    );
    expect(found.map((f) => f.messageId)).toEqual(['OVER_BUDGET']);
  });

  it('an image with no budget is a warning', async () => {
    const found = await sizeFindings({ budgets: [{ image: 'other/*', maxSize: '1KB' }] });
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['NO_BUDGET', 'warning']]);
  });
});
