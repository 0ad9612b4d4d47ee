// Budgets: parsing sizes, strict keys, complete error reports, and which entry applies to an image.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { findBudget, loadBudgetsFile, parseBudgets } from '../../../src/config/budgets.js';
import { ConfigError } from '../../../src/core/errors.js';

function issuesOf(input: unknown): string[] {
  try {
    parseBudgets(input, 'budgets.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected parseBudgets to throw');
}

describe('parseBudgets', () => {
  it("parses sizes and keeps each entry's index", () => {
    const budgets = parseBudgets(
      {
        $schema: './budgets.schema.json',
        budgets: [
          { image: '*rag*', maxSize: '600MB', description: 'RAG services' },
          { image: 'app', maxLayers: 40, maxLayerSize: 300_000_000 },
          { image: 'big', maxSize: '1.5GiB', maxLayerSize: '300 mb' },
        ],
      },
      'budgets.json',
    );
    expect(budgets).toEqual({
      source: 'budgets.json',
      budgets: [
        { image: '*rag*', maxSize: 600_000_000, index: 0 },
        { image: 'app', maxLayers: 40, maxLayerSize: 300_000_000, index: 1 },
        { image: 'big', maxSize: 1.5 * 1024 ** 3, maxLayerSize: 300_000_000, index: 2 },
      ],
    });
  });

  it('accepts an empty table', () => {
    expect(parseBudgets({ budgets: [] }, 'b.json').budgets).toEqual([]);
  });

  it('reports every issue with its path', () => {
    expect(
      issuesOf({
        budget: [],
        budgets: [
          { image: 'a', maxSize: '600MB' },
          { image: 'b', maxsize: '1GB' },
          { image: 'c', maxSize: '600 megs', maxLayers: 0, maxLayerSize: true },
          { image: '', maxLayers: 2.5 },
          { maxSize: '0MB' },
        ],
      }),
    ).toEqual([
      'budgets[1].maxsize: unknown key "maxsize" (did you mean "maxSize"?)',
      'budgets[2].maxSize: expected a size like "600MB" or "1.5GiB", got "600 megs"',
      'budgets[2].maxLayers: must be greater than 0',
      'budgets[2].maxLayerSize: expected a size like "600MB" or "1.5GiB", got true',
      'budgets[3].image: must not be empty',
      'budgets[3].maxLayers: expected an integer, got 2.5',
      'budgets[4].image: is required',
      'budgets[4].maxSize: must be greater than 0',
      'budget: unknown key "budget" (did you mean "budgets"?)',
      'budgets[1]: set at least one of maxSize, maxLayers, maxLayerSize, maxCompressedSize, maxWasted, minEfficiency, maxGrowth',
    ]);
  });

  it('requires the budgets array and an object document', () => {
    expect(issuesOf({})).toEqual(['budgets: is required']);
    expect(issuesOf('nope')).toEqual([': expected an object, got "nope"']);
  });
});

describe('findBudget', () => {
  const budgets = parseBudgets(
    {
      budgets: [
        { image: 'imagegate-example/*', maxSize: '20MB' },
        { image: '*rag*', maxSize: '600MB' },
        { image: 'docker.io/library/*', maxSize: '100MB' },
        { image: '*', maxSize: '5GB' },
      ],
    },
    'budgets.json',
  );

  it('returns the first entry whose glob matches, in file order', () => {
    // "storage" contains "rag", but the more specific entry comes first.
    expect(findBudget(budgets, ['imagegate-example/storage:1'])?.index).toBe(0);
    expect(findBudget(budgets, ['acme/rag-api:2'])?.index).toBe(1);
    expect(findBudget(budgets, ['acme/web:2'])?.index).toBe(3);
  });

  it('matches the reference as written or normalized', () => {
    expect(findBudget(budgets, ['nginx:1.27', 'docker.io/library/nginx:1.27'])?.index).toBe(2);
    expect(findBudget(budgets, ['imagegate-example/app:1', 'docker.io/imagegate-example/app:1'])?.index).toBe(0);
  });

  it('returns undefined when nothing matches', () => {
    const narrow = parseBudgets({ budgets: [{ image: '*db*', maxSize: '1200MB' }] }, 'b.json');
    expect(findBudget(narrow, ['nginx', 'docker.io/library/nginx:latest'])).toBeUndefined();
    expect(findBudget(narrow, [])).toBeUndefined();
  });
});

describe('loadBudgetsFile', () => {
  it('loads a file and reports syntax errors with line and column', async () => {
    const dir = await tempDir('imagegate-budgets-');
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, '{"budgets":[{"image":"*","maxLayers":3}]}');
    await writeFile(bad, '{"budgets":[\n  {"image":"*" "maxLayers":3}\n]}');
    expect((await loadBudgetsFile(good)).budgets).toEqual([{ image: '*', maxLayers: 3, index: 0 }]);
    await expect(loadBudgetsFile(bad)).rejects.toThrow(`${bad}: invalid JSON at line 2, column 16: expected "," or "}", found """`);
  });
});
