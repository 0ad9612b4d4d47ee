// The human report: grouped per image, most severe first, each finding with where it is and what to do.
import { formatSize } from '../config/size.js';
import type { Finding, FindingLocation } from '../core/finding.js';
import type { ImageReport, Report } from '../engine/report.js';
import { describeStep } from '../image/image-model.js';
import { filePlace } from './finding-facts.js';
import { createStyle, type Style } from './style.js';
import { describePackageContent } from './package-content-text.js';
import { formatSizeBreakdown } from './size-text.js';
import { waivedText } from './finding-facts.js';
import { shortStep, wrapWords } from './wrap.js';
import { plural } from '../core/plural.js';

/** `width`: columns to wrap findings to (the terminal's; 80 without one). */
export function formatText(report: Report, options: { color: boolean; sizeReport?: boolean; width?: number }): string {
  const style = createStyle(options.color);
  const width = options.width ?? 80;
  const blocks = report.images.map((image) => formatImage(image, style, options.sizeReport ?? false, width));
  return `${blocks.join('\n\n')}\n\n${formatSummary(report, style)}\n`;
}

function formatImage(image: ImageReport, style: Style, sizeReport: boolean, width: number): string {
  const facts = [image.platform, shortDigest(image.digest), image.sizeBytes !== undefined ? formatSize(image.sizeBytes) : undefined]
    .filter(Boolean)
    .join('  ');
  if (image.error) {
    return `${style.red('✖')} ${style.bold(image.reference)}  ${style.red('could not be checked')}\n  ${image.error.message}`;
  }
  const verdict = image.passed ? style.green('passed') : style.red('FAILED');
  const head = `${image.passed ? style.green('✔') : style.red('✖')} ${style.bold(image.reference)}  ${style.dim(facts)}  ${verdict}`;
  // Where the bytes went, whenever a size limit failed (or on request).
  const sizeFailed = image.findings.some(
    (f) => (f.ruleId === 'size-budget' && f.messageId !== 'NO_BUDGET' && f.severity !== 'info') || f.ruleId === 'layer-waste',
  );
  const breakdown = image.size && (sizeReport || sizeFailed) ? `\n${formatSizeBreakdown(image.size, style)}` : '';
  // What was left out as unchanged package content, so fewer findings than expected are explained.
  const packages = describePackageContent(image.packageContent);
  const packageLine = packages ? `\n  ${style.dim(packages)}` : '';
  if (image.findings.length === 0) return `${head}\n  no findings${packageLine}${breakdown}`;
  // Every finding links to its rule's page: one line per image, in finding order.
  const ruleIds = [...new Set(image.findings.map((finding) => finding.ruleId))];
  const docs = style.dim(`  how to fix: imagegate explain <rule> (${ruleIds.join(', ')}), or docs/rules/<rule>.md`);
  return [head, ...image.findings.map((finding) => formatFinding(finding, style, width)), docs].join('\n') + packageLine + breakdown;
}

const INDENT = ' '.repeat(10);

function formatFinding(finding: Finding, style: Style, width: number): string {
  const severity = { error: style.red, warning: style.yellow, info: style.cyan }[finding.severity](finding.severity.padEnd(7));
  const rule = finding.ruleId.padEnd(15);
  const [first = '', ...more] = wrapWords(finding.message, width, 2 + 8 + rule.length + 1, INDENT.length);
  const lines = [`  ${severity} ${style.bold(rule)} ${first}`, ...more.map((line) => INDENT + line)];
  const where = describeLocation(finding.location);
  if (where) lines.push(...wrapWords(where, width, INDENT.length, INDENT.length).map((line) => INDENT + style.dim(line)));
  if (finding.waived) {
    const { reason, expires, expired } = finding.waived;
    lines.push(
      `          ${expired ? style.red(`waiver expired ${expires} (no longer applies): ${reason}`) : style.dim(waivedText(finding.waived))}`,
    );
  }
  return lines.join('\n');
}

function describeLocation(location: FindingLocation): string {
  const parts: string[] = [];
  if (location.path !== undefined) parts.push(filePlace(location)!);
  if (location.envKey !== undefined) parts.push(`env ${location.envKey}`);
  if (location.label !== undefined) parts.push(`label ${location.label}`);
  if (location.historyIndex !== undefined) parts.push(`history step ${location.historyIndex}`);
  if (location.layer !== undefined)
    parts.push(
      `layer ${location.layer}${location.fromBaseImage ? ' of the base image' : ''}${location.createdBy !== undefined ? ` (${shortStep(describeStep(location.createdBy), 70)})` : ''}`,
    );
  if (location.inFinalFilesystem === false) parts.push('not in final filesystem');
  return parts.join(' · ');
}

function formatSummary(report: Report, style: Style): string {
  const { summary } = report;
  const counts = `${plural(summary.findings.error, 'error')}, ${plural(summary.findings.warning, 'warning')}, ${summary.findings.info} info, ${summary.waived} waived`;
  const images = `${plural(summary.images, 'image')}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} could not be checked`;
  const verdict =
    summary.exitCode === 0
      ? summary.failOn === 'never' && summary.findings.error + summary.findings.warning + summary.findings.info > 0
        ? style.yellow('REPORT ONLY: --fail-on never, findings do not fail the run')
        : style.green('PASS')
      : summary.exitCode === 1
        ? style.red(`FAIL: findings at or above "${summary.failOn}"`)
        : style.red('ERROR: not every image could be checked');
  return `${images}; ${counts}\n${verdict} (exit ${summary.exitCode})`;
}

function shortDigest(digest: string | undefined): string | undefined {
  return digest ? digest.slice(0, 19) : undefined;
}
