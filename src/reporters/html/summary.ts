// The summary across images: verdict cards, the image table, findings counted by rule and
// severity, and every finding in one table the page's script sorts and filters.
import { formatSize } from '../../config/size.js';
import type { FailOn, Finding, Severity } from '../../core/finding.js';
import { counts } from '../../exit-code.js';
import type { ImageReport, Report } from '../../engine/report.js';
import { describeStep } from '../../image/image-model.js';
import { filePlace, imageTitle, isWaived } from '../finding-facts.js';
import { html, type Raw } from './escape.js';
import { compareText } from '../../core/compare-text.js';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function resultOf(image: ImageReport): { key: string; text: string } {
  if (image.error) return { key: 'unchecked', text: 'could not be checked' };
  return image.passed ? { key: 'passed', text: 'passed' } : { key: 'failed', text: 'failed' };
}

export function summarySection(report: Report, options: { sizeOnly: boolean }): Raw {
  const s = report.summary;
  return html`<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="cards">
<div class="card"><b>${s.images}</b>images</div>
${options.sizeOnly ? '' : html`<div class="card res-passed"><b>${s.passed}</b>passed</div><div class="card res-failed"><b>${s.failed}</b>failed</div>`}
<div class="card res-unchecked"><b>${s.errored}</b>could not be checked</div>
${options.sizeOnly ? '' : html`<div class="card"><b>${s.findings.error}</b>errors</div><div class="card"><b>${s.findings.warning}</b>warnings</div><div class="card"><b>${s.findings.info}</b>info</div><div class="card"><b>${s.waived}</b>waived</div>`}
</div>
${imagesTable(report, options)}
${options.sizeOnly ? '' : html`${byRuleTable(report)}${allFindings(report)}`}
</section>`;
}

function imagesTable(report: Report, options: { sizeOnly: boolean }): Raw {
  const rows = report.images.map((image, i) => {
    const result = resultOf(image);
    const count = (severity: Severity) => image.findings.filter((f) => f.severity === severity && !isWaived(f)).length;
    return html`<tr data-image-index="${i}"><td data-sort="${i}" class="num">${i + 1}</td><td><a href="#image-${i}"><code>${image.reference}</code></a></td><td class="hide-narrow">${image.platform ?? ''}</td>
<td class="num" data-sort="${image.sizeBytes ?? -1}">${image.sizeBytes !== undefined ? formatSize(image.sizeBytes) : ''}</td>
<td class="num" data-sort="${image.size?.wastedBytes ?? -1}">${image.size ? formatSize(image.size.wastedBytes) : ''}</td>
${options.sizeOnly ? '' : html`<td class="res-${result.key}">${result.text}</td><td class="num">${count('error')}</td><td class="num">${count('warning')}</td><td class="num">${count('info')}</td>`}
${options.sizeOnly && image.error ? html`<td class="res-unchecked">could not be measured</td>` : ''}</tr>`;
  });
  return html`<h3>Images</h3><div class="scroll"><table class="sortable" id="images-table"><thead><tr><th class="num">#</th><th>image</th><th class="hide-narrow">platform</th><th class="num">size</th><th class="num">wasted</th>${
    options.sizeOnly ? '' : html`<th>result</th><th class="num">errors</th><th class="num">warnings</th><th class="num">info</th>`
  }</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function byRuleTable(report: Report): Raw {
  const counts = new Map<string, Record<Severity | 'waived', number>>();
  for (const image of report.images) {
    for (const finding of image.findings) {
      const row = counts.get(finding.ruleId) ?? { error: 0, warning: 0, info: 0, waived: 0 };
      row[isWaived(finding) ? 'waived' : finding.severity]++;
      counts.set(finding.ruleId, row);
    }
  }
  if (counts.size === 0) return html`<h3>Findings by rule</h3><p>No findings.</p>`;
  const rows = [...counts]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(
      ([rule, c]) =>
        html`<tr><td><code>${rule}</code></td>${SEVERITIES.map((sev) => html`<td class="num">${c[sev]}</td>`)}<td class="num">${c.waived}</td></tr>`,
    );
  return html`<h3>Findings by rule and severity</h3><div class="scroll"><table class="sortable"><thead><tr><th>rule</th><th class="num">error</th><th class="num">warning</th><th class="num">info</th><th class="num">waived</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** One record per row of the all-findings table, in row order: what the filters compare. */
export function findingRecords(report: Report): { image: string; rule: string; severity: string; layer: string }[] {
  return report.images.flatMap((image) =>
    image.findings.map((finding) => ({
      image: imageTitle(image),
      rule: finding.ruleId,
      severity: finding.severity,
      layer: finding.location.layer === undefined ? '' : String(finding.location.layer),
    })),
  );
}

function allFindings(report: Report): Raw {
  let row = 0;
  const rows = report.images.flatMap((image, i) =>
    image.findings.map((finding) => findingRow(finding, image, row++, i, report.summary.failOn, true)),
  );
  return html`<h3 id="findings-title">All findings</h3>
<div id="filters" class="filters" role="search" aria-label="Filter findings"></div>
${rows.length === 0 ? html`<p>No findings.</p>` : html`<div class="scroll"><table class="sortable" id="all-findings" aria-labelledby="findings-title">${findingHead(true)}<tbody>${rows}</tbody></table></div>`}`;
}

export function findingHead(withImage: boolean): Raw {
  return html`<thead><tr>${withImage ? html`<th>image</th>` : ''}<th>rule</th><th>severity</th><th class="num">layer</th><th>step</th><th>where</th><th>message</th></tr></thead>`;
}

export function findingRow(
  finding: Finding,
  image: ImageReport,
  row: number | undefined,
  imageIndex: number,
  failOn: FailOn,
  withImage: boolean,
): Raw {
  const { location } = finding;
  const where = [
    filePlace(location) ?? '',
    location.envKey ? `env ${location.envKey}` : '',
    location.label ? `label ${location.label}` : '',
    location.historyIndex !== undefined && !location.path ? `history step ${location.historyIndex}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const state = isWaived(finding)
    ? ` (waived: ${finding.waived!.reason})`
    : finding.waived?.expired
      ? ' (waiver expired)'
      : counts(finding, failOn)
        ? ''
        : ' (below --fail-on)';
  return html`<tr${row !== undefined ? html` data-row="${row}"` : ''}>${withImage ? html`<td><a href="#image-${imageIndex}"><code>${imageTitle(image)}</code></a></td>` : ''}<td class="nowrap"><code>${finding.ruleId}</code></td><td class="sev-${finding.severity}" data-sort="${['info', 'warning', 'error'].indexOf(finding.severity)}">${finding.severity}${state}</td>
<td class="num" data-sort="${location.layer ?? -1}">${location.layer ?? ''}${location.fromBaseImage ? html` <span class="note">base image</span>` : ''}</td><td><code>${location.createdBy ? describeStep(location.createdBy).slice(0, 160) : ''}</code></td><td><code>${where}</code>${location.inFinalFilesystem === false ? html` <span class="note">(not in final filesystem)</span>` : ''}</td>
<td>${finding.message}${finding.secret ? html` <span class="pill mono">${finding.secret.kind} ${finding.secret.preview} (${finding.secret.length} chars, ${finding.secret.fingerprint})</span>` : ''}</td></tr>`;
}
