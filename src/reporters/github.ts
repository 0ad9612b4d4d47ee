// GitHub Actions workflow commands: one ::error / ::warning / ::notice line per counted finding,
// so findings show as annotations on the run; the markdown summary goes to GITHUB_STEP_SUMMARY.
import type { Finding, Severity } from '../core/finding.js';
import type { Report } from '../engine/report.js';
import { isWaived, whereText } from './finding-facts.js';
import { plural } from '../core/plural.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** `dockerfile`: image-level findings are annotated on this file (file=), so they show beside the code that fixes them. */
export function formatGithub(report: Report, options: { dockerfile?: string } = {}): string {
  const lines: string[] = [];
  for (const image of report.images) {
    if (image.error) {
      lines.push(`::error title=${property(`imagegate: ${image.reference} could not be checked`)}::${data(image.error.message)}`);
      continue;
    }
    for (const finding of image.findings) {
      if (isWaived(finding)) continue;
      lines.push(command(image.reference, finding, options.dockerfile));
    }
  }
  const s = report.summary;
  lines.push(
    `imagegate: ${plural(s.images, 'image')}, ${s.passed} passed, ${s.failed} failed, ${s.errored} could not be checked (exit ${s.exitCode})`,
  );
  return `${lines.join('\n')}\n`;
}

function command(reference: string, finding: Finding, dockerfile: string | undefined): string {
  const where = whereText(finding.location);
  const title = `imagegate ${finding.ruleId}: ${reference}`;
  const file = dockerfile !== undefined ? `file=${property(dockerfile)},` : '';
  return `::${COMMAND[finding.severity]} ${file}title=${property(title)}::${data(`${finding.message}${where ? ` (${where})` : ''}`)}`;
}

/** Workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','. */
function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
