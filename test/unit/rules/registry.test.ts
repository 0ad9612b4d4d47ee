// Every registered rule is documented and self-consistent: a docs page, message ids, default options its schema accepts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsPath } from '../../../src/rules/define-rule.js';
import { rules } from '../../../src/rules/index.js';

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe.for(rules.map((rule) => [rule.id, rule] as const))('rule %s', ([id, rule]) => {
  it('has a docs page, messages and default options that pass its schema', () => {
    expect(existsSync(root(docsPath(id)))).toBe(true);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const messageId of Object.keys(rule.meta.messages)) expect(messageId).toMatch(/^[A-Z][A-Z0-9_]*$/);
    if (rule.optionsSchema) expect(rule.optionsSchema.safeParse(Object.freeze(rule.defaultOptions)).success).toBe(true);
  });
});
