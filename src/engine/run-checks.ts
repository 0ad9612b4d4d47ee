// Checks several images concurrently and builds the report in argument order.
import pLimit from 'p-limit';
import { expandPlatforms, type CheckTarget } from '../sources/targets.js';
import { exitCodeFor } from '../exit-code.js';
import { checkBatch, type CheckSettings } from './check-image.js';
import type { ImageSource } from '../sources/source.js';
import type { FailOn, Severity } from '../core/finding.js';
import type { ImageReport, Report, ReportSummary } from './report.js';
import { TOOL_VERSION } from '../version.js';
import { createScanPool } from '../secrets/index.js';
import { docsPath } from '../rules/define-rule.js';

/** Images per shared reading: bounds the layer indexes held at once (each image's files are indexed). */
export const BATCH_SIZE = 16;

export async function runChecks(requested: CheckTarget[], settings: CheckSettings, concurrency: number): Promise<Report> {
  const limit = pLimit(Math.max(1, concurrency));
  const references = settings.allPlatforms ? (await Promise.all(requested.map((target) => limit(() => expandPlatforms(target))))).flat() : requested;
  // One pool of scan threads serves every image of the run.
  const scanPool = createScanPool(settings.scanThreads);
  let images: ImageReport[];
  try {
    // Images of a source that reads several at once (an engine's shared export: a common base is
    // read once) go in batches; the rest one by one.
    const units = workUnits(references);
    const done = await Promise.all(units.map((unit) => limit(() => checkBatch(unit, settings, scanPool))));
    const byTarget = new Map(units.flatMap((unit, i) => unit.map((target, j) => [target, done[i]![j]!] as const)));
    // Argument order, whatever order the checks finish in.
    images = references.map((reference) => byTarget.get(reference)!);
  } finally {
    await scanPool.close();
    // The run may have grown the layer cache past its bound: least recently used records go.
    await settings.cache?.evict();
  }
  const rules = settings.rules
    .filter((rule) => settings.policy.rules[rule.id]?.enabled ?? true)
    .map((rule) => ({
      id: rule.id,
      category: rule.meta.category,
      severity: settings.policy.rules[rule.id]?.severity ?? rule.meta.defaultSeverity,
      description: rule.meta.description,
      docsUrl: docsPath(rule.id),
    }));
  return {
    version: 1,
    tool: { name: 'imagegate', version: TOOL_VERSION },
    rules,
    config: { policy: settings.policy.source, budgets: settings.budgets.source },
    images,
    summary: summarize(images, settings.failOn),
  };
}

/** Images of a source that can read several together in batches of BATCH_SIZE, everything else alone. */
function workUnits(references: CheckTarget[]): CheckTarget[][] {
  const units: CheckTarget[][] = [];
  const bySource = new Map<ImageSource, CheckTarget[]>();
  for (const target of references) {
    if (target.source.readTogether) bySource.set(target.source, [...(bySource.get(target.source) ?? []), target]);
    else units.push([target]);
  }
  for (const targets of bySource.values()) {
    for (let i = 0; i < targets.length; i += BATCH_SIZE) units.push(targets.slice(i, i + BATCH_SIZE));
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
  return {
    images: images.length,
    passed,
    failed: images.length - passed - errored,
    errored,
    findings,
    waived,
    failOn,
    exitCode: exitCodeFor(images, failOn),
  };
}
