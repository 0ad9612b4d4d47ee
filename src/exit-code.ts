// The one place that turns results into an exit code: 0 pass, 1 a finding at or above --fail-on, 2 could not check.
import { severityFails, type FailOn, type Finding } from './core/finding.js';
import type { ImageReport } from './engine/report.js';

export const EXIT_PASS = 0;
export const EXIT_VIOLATION = 1;
export const EXIT_ERROR = 2;

/** A waived finding does not count; an expired waiver does not waive. */
export function counts(finding: Finding, failOn: FailOn): boolean {
  return !(finding.waived && !finding.waived.expired) && severityFails(finding.severity, failOn);
}

export function imagePasses(image: Pick<ImageReport, 'error' | 'findings'>, failOn: FailOn): boolean {
  return !image.error && !image.findings.some((finding) => counts(finding, failOn));
}

export function exitCodeFor(images: readonly ImageReport[], failOn: FailOn): 0 | 1 | 2 {
  if (images.some((image) => image.error)) return EXIT_ERROR;
  return images.every((image) => imagePasses(image, failOn)) ? EXIT_PASS : EXIT_VIOLATION;
}
