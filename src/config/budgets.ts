// Loads the size-budget table and picks the budget that applies to an image.
import { z } from 'zod';
import { describeValue } from './describe.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { matchGlob } from './glob.js';
import { readJsonFile } from './json-file.js';
import { parseSize } from './size.js';
import { formatPath, validate } from './zod-issues.js';

export interface Budget {
  /** Glob over the image reference, as written or normalized. */
  image: string;
  maxSize?: number;
  maxLayers?: number;
  maxLayerSize?: number;
  /** Sum of the layer blobs as stored (compressed), checked where the source knows blob sizes. */
  maxCompressedSize?: number;
  /** Bytes shipped by some layer but not visible in the final filesystem. */
  maxWasted?: number;
  /** 1 − wasted / shipped, as a fraction (0.9) — written as 0.9 or "90%". */
  minEfficiency?: number;
  /** Growth against the baseline: a fraction (0.1 for "10%") or bytes ("50MB"). */
  maxGrowth?: { fraction: number } | { bytes: number };
  /** Position in the file, so reports can point at the entry that applied. */
  index: number;
}

export interface Budgets {
  source: string;
  budgets: Budget[];
}

const LIMIT_KEYS = ['maxSize', 'maxLayers', 'maxLayerSize', 'maxCompressedSize', 'maxWasted', 'minEfficiency', 'maxGrowth'] as const;

/** "600MB", "1.5GiB" or a byte count, parsed to bytes; the parse error message becomes the issue. */
const sizeSchema = z.unknown().transform((value, ctx) => {
  try {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`expected a size like "600MB" or "1.5GiB", got ${describeValue(value)}`);
    const bytes = parseSize(value);
    if (bytes > 0) return bytes;
    ctx.issues.push({ code: 'custom', input: value, message: 'must be greater than 0' });
  } catch (error) {
    ctx.issues.push({ code: 'custom', input: value, message: (error as Error).message });
  }
  return z.NEVER;
});

const entrySchema = z.strictObject({
  image: z.string().min(1),
  description: z.string().optional(),
  maxSize: sizeSchema.optional(),
  maxLayers: z.int().positive().optional(),
  maxLayerSize: sizeSchema.optional(),
  maxCompressedSize: sizeSchema.optional(),
  maxWasted: sizeSchema.optional(),
  minEfficiency: z
    .union([z.number().min(0).max(1), z.string().regex(/^\d+(?:\.\d+)?%$/, 'expected a fraction like 0.9 or a percentage like "90%"')])
    .transform((value) => (typeof value === 'number' ? value : Number(value.slice(0, -1)) / 100))
    .optional(),
  maxGrowth: z
    .unknown()
    .transform((value, ctx) => {
      if (typeof value === 'string' && /^\d+(?:\.\d+)?%$/.test(value.trim())) return { fraction: Number(value.trim().slice(0, -1)) / 100 };
      try {
        if (typeof value !== 'string' && typeof value !== 'number')
          throw new Error(`expected "10%" or a size like "50MB", got ${describeValue(value)}`);
        return { bytes: parseSize(value) };
      } catch (error) {
        ctx.issues.push({ code: 'custom', input: value, message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
});

const documentSchema = z.strictObject({
  $schema: z.string().optional(),
  budgets: z.array(entrySchema),
});

type SizeKey = 'maxSize' | 'maxLayerSize' | 'maxCompressedSize' | 'maxWasted' | 'maxGrowth';
/** One budget as written: sizes as "600MB", "1.5GiB" or bytes; maxGrowth also as "10%" (the schema's input, sizes made precise). */
export type BudgetEntry = Omit<z.input<typeof entrySchema>, SizeKey> & { [K in SizeKey]?: string | number };
/** A budgets document as written (budgets.json, or the object handed to the library's `budgets`). */
export type BudgetsDocument = Omit<z.input<typeof documentSchema>, 'budgets'> & { budgets: BudgetEntry[] };

/** An entry with no limit at all is almost certainly a typo'd key; checked on the raw input so it is reported alongside other issues. */
function missingLimitIssues(input: unknown, file: string): ConfigIssue[] {
  const entries = (input as { budgets?: unknown } | null)?.budgets;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    if (LIMIT_KEYS.some((key) => (entry as Record<string, unknown>)[key] !== undefined)) return [];
    return [{ file, path: formatPath(['budgets', index]), message: `set at least one of ${LIMIT_KEYS.join(', ')}` }];
  });
}

/** Validates a parsed budgets document. Throws a ConfigError listing every issue found. */
export function parseBudgets(input: unknown, source: string): Budgets {
  const parsed = validate(documentSchema, input, source);
  const issues = [...(parsed.ok ? [] : parsed.issues), ...missingLimitIssues(input, source)];
  if (!parsed.ok || issues.length > 0) throw new ConfigError(issues);
  const budgets = parsed.data.budgets.map(({ description: _description, ...limits }, index) => ({ ...limits, index }));
  return { source, budgets };
}

/** Reads, parses and validates a budgets file; every failure is a ConfigError naming the file. */
export async function loadBudgetsFile(path: string): Promise<Budgets> {
  return parseBudgets(await readJsonFile(path), path);
}

/**
 * The first entry whose glob matches any of `refs` (pass the reference as written and normalized, so
 * both "app:1" and "docker.io/library/app:1" style globs work). Order in the file is priority order.
 */
export function findBudget(budgets: Budgets, refs: string[]): Budget | undefined {
  return budgets.budgets.find((budget) => refs.some((ref) => matchGlob(budget.image, ref)));
}
