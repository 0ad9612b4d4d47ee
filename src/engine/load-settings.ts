// Loads policy and budgets for a run, reporting the problems of both files together.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBudgetsFile, type Budgets } from '../config/budgets.js';
import { ConfigError, type ConfigIssue } from '../config/errors.js';
import { loadPolicyFile, type Policy, type RuleConfigInfo } from '../config/policy.js';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../version.js';

export const DEFAULT_POLICY = fileURLToPath(new URL('policies/default.json', PACKAGE_ROOT));
/** Budgets belong to the user's project, so the default is the one in the working directory. */
export const DEFAULT_BUDGETS = 'budgets.json';

export function ruleConfigInfo(): RuleConfigInfo[] {
  return rules.map((rule) => ({
    id: rule.id,
    defaultSeverity: rule.meta.defaultSeverity,
    ...(rule.optionsSchema ? { optionsSchema: rule.optionsSchema } : {}),
    defaultOptions: rule.defaultOptions,
  }));
}

export async function loadSettings(options: { policy?: string; budgets?: string }): Promise<{ policy: Policy; budgets: Budgets }> {
  const issues: ConfigIssue[] = [];
  const collect = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const policy = await collect(() => loadPolicyFile(options.policy ?? DEFAULT_POLICY, ruleConfigInfo()));
  const budgetsPath = options.budgets ?? (existsSync(DEFAULT_BUDGETS) ? DEFAULT_BUDGETS : undefined);
  const budgets = budgetsPath ? await collect(() => loadBudgetsFile(budgetsPath)) : { source: 'budgets.json (none found; pass --budgets FILE)', budgets: [] };
  if (issues.length > 0 || !policy || !budgets) throw new ConfigError(issues);
  return { policy, budgets };
}
