// The one pipeline: rules come in through the settings, and a source's capability (not its class)
// decides whether images are read together.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBudgets } from '../../../src/config/budgets.js';
import { parsePolicy } from '../../../src/config/policy.js';
import { checkBatch, type CheckSettings } from '../../../src/engine/check-image.js';
import { ruleConfigInfo } from '../../../src/engine/load-settings.js';
import { runChecks } from '../../../src/engine/run-checks.js';
import { hostPlatform } from '../../../src/image/platform.js';
import { checkImages } from '../../../src/index.js';
import { rules as catalog } from '../../../src/rules/index.js';
import { createScanPool } from '../../../src/secrets/index.js';
import type { ImageSource } from '../../../src/sources/source.js';
import type { CheckTarget } from '../../../src/sources/targets.js';
import { memorySource } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type BuiltImage } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

// No USER, no HEALTHCHECK, no labels: several rules have something to say about it.
const image = async (): Promise<BuiltImage> => classicSaveArchive([await layerTar([{ path: 'app/x', content: 'x' }])]);

function settings(rules: CheckSettings['rules']): CheckSettings {
  return {
    rules,
    policy: parsePolicy({}, '<test>', ruleConfigInfo()),
    budgets: parseBudgets({ budgets: [] }, '<test budgets>'),
    failOn: 'error',
    platform: hostPlatform(),
    today: '2026-11-25',
    scanThreads: 0,
  };
}

const target = (source: ImageSource, name = 'example.com/team/app:1'): CheckTarget => ({
  raw: name,
  normalized: name,
  candidates: [name],
  source,
  locator: name,
});

describe('rules passed in through the settings', () => {
  it('runs only the rules it is given', async () => {
    const built = await image();
    const all = await runChecks([target(memorySource(built))], settings(catalog), 1);
    expect(new Set(all.images[0]!.findings.map((finding) => finding.ruleId)).size).toBeGreaterThan(1);

    const healthcheck = catalog.filter((rule) => rule.id === 'healthcheck');
    const one = await runChecks([target(memorySource(built))], settings(healthcheck), 1);
    expect(one.rules.map((rule) => rule.id)).toEqual(['healthcheck']);
    expect(one.images[0]!.findings.map((finding) => `${finding.ruleId}/${finding.messageId}`)).toEqual(['healthcheck/MISSING_HEALTHCHECK']);
  });

  it('a library user chooses the rules by id', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'app.tar'), (await image()).archive);
    const report = await checkImages([`docker-archive:${join(dir, 'app.tar')}`], {
      rules: ['healthcheck'],
      scanThreads: 0,
      budgets: { budgets: [] },
    });
    expect(report.rules.map((rule) => rule.id)).toEqual(['healthcheck']);
    expect(report.images[0]!.error).toBeUndefined();
    expect(report.images[0]!.findings.map((finding) => finding.ruleId)).toEqual(['healthcheck']);
  });
});

describe('reading images together is a capability of the source', () => {
  it('asks readTogether for several images, and read() for one', async () => {
    const built = await image();
    const calls: string[] = [];
    const inner = memorySource(built);
    const source: ImageSource = {
      description: 'a source that reads several images at once',
      resolve: (locator) => inner.resolve(locator),
      readTogether: async (images, _context, what) => {
        calls.push(`together: ${images.length}, ${what}`);
        throw new Error('the shared reading failed');
      },
    };
    const pool = createScanPool(0);
    try {
      const two = await checkBatch([target(source, 'a:1'), target(source, 'b:1')], settings(catalog), pool);
      // A failed shared reading fails every image in it, each with the reason.
      expect(two.map((report) => [report.reference, report.error?.message])).toEqual([
        ['a:1', 'the shared reading failed'],
        ['b:1', 'the shared reading failed'],
      ]);
      const one = await checkBatch([target(source, 'c:1')], settings(catalog), pool);
      expect(one[0]!.error).toBeUndefined();
      expect(calls).toEqual(['together: 2, 2 images (a:1, b:1)']);
    } finally {
      await pool.close();
    }
  });
});
