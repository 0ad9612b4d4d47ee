// Runs zod schemas over config documents and turns their issues into readable, path-addressed ConfigIssues.
import type { z } from 'zod';
import type { ConfigIssue } from '../core/errors.js';
import { describeValue, listAlternatives } from './describe.js';
import { knownKeysAt } from './schema-keys.js';
import { didYouMean } from './suggest.js';

export type Path = readonly PropertyKey[];

/** `rules.oci-labels.options.required[0].pattern`; keys that would read ambiguously are quoted in brackets. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[\w$-]+$/.test(String(segment))) out += out === '' ? String(segment) : `.${String(segment)}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  array: 'an array',
  int: 'an integer',
  boolean: 'true or false',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? `a ${expected}`;
}

/**
 * Per-parse error map: it only replaces zod's default wording, so messages a rule author wrote into
 * their own schema (which take precedence in zod) come through untouched.
 */
export const readableErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${typeName(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value': {
      const input = issue.input;
      const hint =
        typeof input === 'string'
          ? didYouMean(
              input,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : '';
      return `expected ${listAlternatives(issue.values)}, got ${describeValue(input)}${hint}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min === 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      if (issue.origin === 'array') return `must have at least ${min} item${min === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      if (issue.origin === 'array') return `must have at most ${max} item${max === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    default:
      return undefined;
  }
};

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** What one union branch wanted, for "expected X or Y" messages. */
function branchExpectation(branch: z.core.$ZodIssue[]): string | undefined {
  const first = branch[0];
  if (!first || first.path.length > 0) return undefined;
  if (first.code === 'invalid_type') return typeName(first.expected);
  if (first.code === 'invalid_value') return listAlternatives(first.values);
  return undefined;
}

interface Context {
  schema: z.core.$ZodType;
  value: unknown;
  file: string;
  base: Path;
}

function convert(issue: z.core.$ZodIssue, prefix: Path, ctx: Context): ConfigIssue[] {
  const relative = [...prefix, ...issue.path];
  const at = (path: Path): string => formatPath([...ctx.base, ...path]);
  if (issue.code === 'unrecognized_keys') {
    // One issue per key, addressed at the key itself, so each line names exactly what to delete or fix.
    const known = knownKeysAt(ctx.schema, relative);
    return issue.keys.map((key) => ({ file: ctx.file, path: at([...relative, key]), message: `unknown key "${key}"${didYouMean(key, known)}` }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A branch whose issues are all nested accepted the value's shape: its issues are the real story.
    const shaped = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    const best = shaped.sort((a, b) => a.length - b.length)[0];
    if (best) return best.flatMap((inner) => convert(inner, relative, ctx));
    const expectations = issue.errors.map(branchExpectation);
    if (expectations.every((e): e is string => e !== undefined)) {
      const message = `expected ${expectations.join(' or ')}, got ${describeValue(valueAt(ctx.value, relative))}`;
      return [{ file: ctx.file, path: at(relative), message }];
    }
  }
  return [{ file: ctx.file, path: at(relative), message: issue.message }];
}

export type Validation<T> = { ok: true; data: T } | { ok: false; issues: ConfigIssue[] };

/**
 * Validates `value` (found at `base` inside `file`) against `schema`, returning parsed data or every
 * issue with full paths relative to the document root.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, base: Path = []): Validation<z.output<S>> {
  const result = schema.safeParse(value, { error: readableErrorMap });
  if (result.success) return { ok: true, data: result.data };
  const ctx: Context = { schema, value, file, base };
  return { ok: false, issues: result.error.issues.flatMap((issue) => convert(issue, [], ctx)) };
}
