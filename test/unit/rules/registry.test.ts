// The rule registry checks itself, in the manner of typescript-eslint's rule meta-tests: every rule file is
// registered under its own name, and every rule's docs page lists exactly its message ids and options, both
// read from the rule's declared meta, so a rule, a message or an option cannot be added or removed without
// its page following.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { docsPath, type RuleDefinition } from '../../../src/rules/define-rule.js';
import { rules } from '../../../src/rules/index.js';

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Files of src/rules/ that are not rules: the registry, the rule shape and a rule's helper. */
const NOT_RULES = ['define-rule.ts', 'index.ts', 'secret-file-archives.ts'];
/** Pages of docs/rules/ that are not a rule's page. */
const NOT_RULE_PAGES = ['secret-formats.md'];

function isRule(value: unknown): value is RuleDefinition {
  return typeof value === 'object' && value !== null && 'id' in value && 'meta' in value && 'create' in value;
}

/** The option names a rule declares: the keys of its options schema (every rule's is a strict object). */
function declaredOptions(rule: RuleDefinition): string[] {
  if (!rule.optionsSchema) return [];
  if (!(rule.optionsSchema instanceof z.ZodObject)) throw new Error(`${rule.id}: options schema is not an object schema`);
  return Object.keys(rule.optionsSchema.shape).sort();
}

/** The lines of a page's `## heading` section, up to the next `## `. */
function section(page: string, heading: string): string[] {
  const lines = page.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** First-column `ids` of the Markdown table whose header row starts with `| firstHeader |`. */
function tableKeys(lines: readonly string[], firstHeader: string): string[] | undefined {
  const header = lines.findIndex((line) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(line));
  if (header < 0) return undefined;
  const keys: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cell = /^\|\s*`([^`]+)`[^|]*\|/.exec(line);
    if (cell) keys.push(cell[1]!);
  }
  return keys.sort();
}

const readPage = (id: string): string => readFileSync(root(docsPath(id)), 'utf8');

describe('the rule registry', () => {
  it('registers every rule file of src/rules under the rule id its file is named after', async () => {
    const files = readdirSync(root('src/rules')).filter((name) => name.endsWith('.ts') && !NOT_RULES.includes(name));
    const registered = new Map(rules.map((rule) => [rule.id, rule]));
    for (const file of files) {
      const module = (await import(root(`src/rules/${file}`))) as { default?: unknown };
      expect(isRule(module.default), `src/rules/${file} default-exports a rule (or belongs in NOT_RULES)`).toBe(true);
      const rule = module.default as RuleDefinition;
      expect(rule.id, `src/rules/${file} is named after its rule`).toBe(basename(file, '.ts'));
      expect(registered.get(rule.id), `src/rules/${file} is in the list of src/rules/index.ts`).toBe(rule);
    }
    expect(rules.map((rule) => `${rule.id}.ts`).sort()).toEqual(files.sort());
  });

  it('has a docs page for every rule and no page for a rule that does not exist', () => {
    const pages = readdirSync(root('docs/rules')).filter((name) => name.endsWith('.md') && !NOT_RULE_PAGES.includes(name));
    expect(pages.map((page) => basename(page, '.md')).sort()).toEqual(rules.map((rule) => rule.id).sort());
  });
});

describe.for(rules.map((rule) => [rule.id, rule] as const))('rule %s', ([id, rule]) => {
  it('has a docs page, messages and default options that pass its schema', () => {
    expect(existsSync(root(docsPath(id)))).toBe(true);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const messageId of Object.keys(rule.meta.messages)) expect(messageId).toMatch(/^[A-Z][A-Z0-9_]*$/);
    if (rule.optionsSchema) expect(rule.optionsSchema.safeParse(Object.freeze(rule.defaultOptions)).success).toBe(true);
  });

  it('declares a default for every option it has, and no other', () => {
    expect(Object.keys(rule.defaultOptions as object).sort()).toEqual(declaredOptions(rule));
  });

  it('lists exactly its message ids in its page\'s "| message | when |" table', () => {
    const documented = tableKeys(readPage(id).split('\n'), 'message');
    expect(documented, `${docsPath(id)} has a "| message | when |" table`).toBeDefined();
    expect(documented).toEqual(Object.keys(rule.meta.messages).sort());
  });

  it('lists exactly its options in its page\'s "## Options" table', () => {
    const options = section(readPage(id), 'Options');
    const documented = tableKeys(options, 'option') ?? [];
    expect(documented).toEqual(declaredOptions(rule));
    if (declaredOptions(rule).length === 0) expect(options.join('\n').trim(), `${docsPath(id)}: "## Options" says None.`).toBe('None.');
  });
});
