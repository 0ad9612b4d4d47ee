// A compact markdown summary for a pull-request comment or GITHUB_STEP_SUMMARY: a table of images,
// then the counted findings of each failed image (at most MAX_LISTED, the rest counted).
import { formatSize } from '../config/size.js';
import type { Report } from '../engine/report.js';
import { counts } from '../exit-code.js';
import { isWaived, whereText } from './finding-facts.js';
import { plural } from '../core/plural.js';

const MAX_LISTED = 20;

export function formatMarkdown(report: Report): string {
  const s = report.summary;
  const verdict = s.exitCode === 0 ? '✅ passed' : s.exitCode === 1 ? '❌ failed' : '⚠️ could not check every image';
  const lines = [
    `### imagegate: ${verdict}`,
    '',
    '| image | platform | size | result | errors | warnings |',
    '|---|---|---|---|---|---|',
    ...report.images.map((image) => {
      const count = (severity: string) => image.findings.filter((f) => f.severity === severity && !isWaived(f)).length;
      const result = image.error ? '⚠️ not checked' : image.passed ? '✅ passed' : '❌ failed';
      return `| \`${cell(image.reference)}\` | ${image.platform ?? ''} | ${image.sizeBytes !== undefined ? formatSize(image.sizeBytes) : ''} | ${result} | ${count('error')} | ${count('warning')} |`;
    }),
  ];
  for (const image of report.images) {
    if (image.error) {
      lines.push('', `**\`${cell(image.reference)}\`** could not be checked: ${cell(image.error.message)}`);
      continue;
    }
    const counted = image.findings.filter((finding) => counts(finding, s.failOn));
    if (counted.length === 0) continue;
    lines.push('', `<details><summary><b>${html(image.reference)}</b>: ${plural(counted.length, 'finding')} at or above ${s.failOn}</summary>`, '');
    for (const finding of counted.slice(0, MAX_LISTED)) {
      const where = whereText(finding.location);
      lines.push(`- **${finding.ruleId}** ${cell(finding.message)}${where ? ` _(${cell(where)})_` : ''}`);
    }
    if (counted.length > MAX_LISTED) lines.push(`- … and ${counted.length - MAX_LISTED} more (see the JSON or SARIF report)`);
    lines.push('', '</details>');
  }
  lines.push(
    '',
    `${plural(s.images, 'image')}: ${s.passed} passed, ${s.failed} failed, ${s.errored} not checked · ${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${s.waived} waived · fail on ${s.failOn}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Keep table cells and list items on one line and out of markdown syntax. */
function cell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
}

function html(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
