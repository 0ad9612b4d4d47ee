// The shipped policies/default.json and budgets.json must load with the real rule ids.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBudget, loadBudgetsFile } from '../../../src/config/budgets.js';
import { loadPolicyFile } from '../../../src/config/policy.js';
import { ruleConfigInfo } from '../../../src/engine/load-settings.js';

// The real rules, not the stand-ins: the shipped file must name every rule that exists.
const RULES = ruleConfigInfo();

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('shipped defaults', () => {
  it('policies/default.json spells out every rule at its default severity', async () => {
    const policy = await loadPolicyFile(root('policies/default.json'), RULES);
    for (const rule of RULES) {
      expect(policy.rules[rule.id]).toMatchObject({ enabled: true, severity: rule.defaultSeverity });
    }
    expect(policy.rules['oci-labels']?.options).toEqual({
      required: [{ name: 'org.opencontainers.image.version' }, { name: 'org.opencontainers.image.source' }],
    });
    expect(policy.waivers).toEqual([]);
  });

  it('budgets.json holds the platform table and the demo entry', async () => {
    const budgets = await loadBudgetsFile(root('budgets.json'));
    const limit = (ref: string) => findBudget(budgets, [ref]);
    expect(limit('acme/web-crawler:3')?.maxSize).toBe(2_100_000_000);
    expect(limit('acme/rag-api:1')?.maxSize).toBe(600_000_000);
    expect(limit('acme/platform-tools:1')?.maxSize).toBe(2_900_000_000);
    expect(limit('acme/db-migrate:1')?.maxSize).toBe(1_200_000_000);
    expect(limit('acme/edge-proxy:1')?.maxSize).toBe(100_000_000);
    expect(limit('imagegate-example/storage:1')).toMatchObject({ maxSize: 20_000_000, maxLayers: 20, maxLayerSize: 10_000_000 });
  });
});
