// Checks several images concurrently and builds the report in argument order.
import pLimit from 'p-limit';
import { expandPlatforms, type CheckTarget } from '../sources/targets.js';
import { exitCodeFor } from '../exit-code.js';
import { checkImage, type CheckSettings } from './check-image.js';
import type { Severity } from './finding.js';
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
    // Promise.all keeps argument order whatever order the checks finish in.
    images = await Promise.all(references.map((reference) => limit(() => checkImage(reference, settings, scanPool))));
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
  return { version: 1, tool: { name: 'imagegate', version: TOOL_VERSION }, rules, images, summary: summarize(images, settings.failOn) };
}

export function summarize(images: ImageReport[], failOn: Severity): ReportSummary {
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
