// The HTML report: one self-contained file (inline CSS and script, no network) for people to open
// in a browser, from file:// or as a CI artifact. Everything from the image is escaped; a strict
// Content-Security-Policy allows only this page's own style and script, by hash.
import { createHash } from 'node:crypto';
import type { Report } from '../../engine/report.js';
import { imageTitle } from '../finding-facts.js';
import { html, jsonForScript, Raw } from './escape.js';
import { imageSection } from './image-section.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { findingRecords, summarySection } from './summary.js';
import { plural } from '../../core/plural.js';

export interface HtmlOptions {
  /** `imagegate size`: no rules ran, so no verdicts or findings, only where the bytes go. */
  sizeOnly?: boolean;
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy the page states for itself: nothing loads, nothing but its own script and style runs. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; script-src ${hash(PAGE_SCRIPT)}; style-src ${hash(PAGE_STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;

export function formatHtml(report: Report, options: HtmlOptions = {}): string {
  const sizeOnly = options.sizeOnly ?? false;
  const s = report.summary;
  const verdict = sizeOnly ? 'size report' : s.exitCode === 0 ? 'passed' : s.exitCode === 1 ? 'failed' : 'could not check every image';
  const data = { images: report.images.map(imageTitle), findings: sizeOnly ? [] : findingRecords(report) };
  const page: Raw = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>imagegate: ${verdict}</title>
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
<header>
<h1>imagegate ${sizeOnly ? 'size report' : html`report: <span class="verdict-${s.exitCode}">${verdict}</span>`}</h1>
<p class="note">imagegate ${report.tool.version}${sizeOnly ? '' : ` · fail on ${s.failOn}`} · ${plural(s.images, 'image')}</p>
<nav aria-label="Images"><ul><li><a href="#summary">Summary</a></li>${report.images.map((image, i) => html`<li><a href="#image-${i}"><code>${imageTitle(image)}</code></a></li>`)}</ul></nav>
</header>
<main>
${summarySection(report, { sizeOnly })}
${report.images.map((image, i) => imageSection(image, i, report, { sizeOnly }))}
</main>
<script type="application/json" id="report-data">${raw(jsonForScript(data))}</script>
<script>${raw(PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}

/** Markup this module wrote itself (the style, the script, the escaped JSON): inserted as is. */
function raw(markup: string): Raw {
  return new Raw(markup);
}
