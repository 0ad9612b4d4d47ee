// Checks several images concurrently and builds the report in argument order.
import pLimit from 'p-limit';
import { expandPlatforms, type CheckTarget } from '../sources/targets.js';
import { exitCodeFor } from '../exit-code.js';
import { checkImage, type CheckSettings } from './check-image.js';
import { BATCH_SIZE, checkEngineBatch } from './check-batch.js';
import { DockerEngineSource } from '../sources/docker-engine.js';
import type { FailOn, Severity } from '../core/finding.js';
import type { ImageReport, Report, ReportSummary } from './report.js';
import { TOOL_VERSION } from '../version.js';
import { createScanPool } from '../secrets/index.js';
import { rules as allRules } from '../rules/index.js';
import { docsPath } from '../rules/define-rule.js';

export async function runChecks(requested: CheckTarget[], settings: CheckSettings, concurrency: number): Promise<Report> {
  const limit = pLimit(Math.max(1, concurrency));
  const references = settings.allPlatforms ? (await Promise.all(requested.map((target) => limit(() => expandPlatforms(target))))).flat() : requested;
  // One pool of scan threads serves every image of the run.
  const scanPool = createScanPool(settings.scanThreads);
  let images: ImageReport[];
  try {
    // Images of one engine go out in shared exports (a common base is read once); the rest one by one.
    const units = workUnits(references);
    const done = await Promise.all(
      units.map((unit) =>
        limit(async () => (unit.engine ? checkEngineBatch(unit.targets, settings, scanPool, unit.engine) : [await checkImage(unit.targets[0]!, settings, scanPool)])),
      ),
    );
    const byTarget = new Map(units.flatMap((unit, i) => unit.targets.map((target, j) => [target, done[i]![j]!] as const)));
    // Argument order, whatever order the checks finish in.
    images = references.map((reference) => byTarget.get(reference)!);
  } finally {
    await scanPool.close();
  }
  const rules = allRules
    .filter((rule) => settings.policy.rules[rule.id]?.enabled ?? true)
    .map((rule) => ({
      id: rule.id,
      category: rule.meta.category,
      severity: settings.policy.rules[rule.id]?.severity ?? rule.meta.defaultSeverity,
      description: rule.meta.description,
      docsUrl: docsPath(rule.id),
    }));
  return { version: 1, tool: { name: 'imagegate', version: TOOL_VERSION }, rules, config: { policy: settings.policy.source, budgets: settings.budgets.source }, images, summary: summarize(images, settings.failOn) };
}

interface WorkUnit {
  targets: CheckTarget[];
  /** Set for a batch of images read from this engine in one export. */
  engine?: DockerEngineSource;
}

/** Engine images in batches of BATCH_SIZE (when there are several), everything else alone. */
function workUnits(references: CheckTarget[]): WorkUnit[] {
  const units: WorkUnit[] = [];
  const byEngine = new Map<DockerEngineSource, CheckTarget[]>();
  for (const target of references) {
    if (target.source instanceof DockerEngineSource) byEngine.set(target.source, [...(byEngine.get(target.source) ?? []), target]);
    else units.push({ targets: [target] });
  }
  for (const [engine, targets] of byEngine) {
    if (targets.length === 1) units.push({ targets });
    else for (let i = 0; i < targets.length; i += BATCH_SIZE) units.push({ targets: targets.slice(i, i + BATCH_SIZE), engine });
  }
  return units;
}

export function summarize(images: ImageReport[], failOn: FailOn): ReportSummary {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let waived = 0;
  for (const image of images) {
    for (const finding of image.findings) {
      if (finding.waived && !finding.waived.expired) waived++;
      else findings[finding.severity]++;
    }
  }
  const errored = images.filter((image) => image.error).length;
  const passed = images.filter((image) => image.passed).length;
  return { images: images.length, passed, failed: images.length - passed - errored, errored, findings, waived, failOn, exitCode: exitCodeFor(images, failOn) };
}
