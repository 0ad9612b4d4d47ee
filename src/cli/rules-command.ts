// `imagegate rules` and `imagegate explain <ruleId>`: the rule catalog and each rule's page, offline.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { closestMatch } from '../config/suggest.js';
import { docsPath } from '../rules/define-rule.js';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../version.js';

export function runRulesCommand(): number {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map(
    (rule) => `${rule.id.padEnd(width)}  ${rule.meta.category.padEnd(8)}  ${rule.meta.defaultSeverity.padEnd(7)}  ${rule.meta.description}`,
  );
  process.stdout.write(
    `${'rule'.padEnd(width)}  category  default  checks\n${lines.join('\n')}\n\nimagegate explain <rule> prints a rule's documentation.\n`,
  );
  return 0;
}

export async function runExplainCommand(ruleId: string): Promise<number> {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (!rule) {
    const hint = closestMatch(
      ruleId,
      rules.map((r) => r.id),
    );
    throw new UsageError(`no rule "${ruleId}"${hint ? ` (did you mean "${hint}"?)` : ''}; imagegate rules lists them all`);
  }
  const page = await readFile(new URL(docsPath(rule.id), PACKAGE_ROOT), 'utf8');
  process.stdout.write(page.endsWith('\n') ? page : `${page}\n`);
  return 0;
}
