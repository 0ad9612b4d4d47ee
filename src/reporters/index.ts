// Every report format by name: the CLI's --format and --report, and the library, pick from here.
import type { Report } from '../engine/report.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatHtml } from './html/index.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'gitlab', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderOptions {
  color?: boolean;
  sizeReport?: boolean;
  /** Columns the text report wraps to (default 80). */
  width?: number;
  /**
   * The Dockerfile that builds the image, relative to the repository root: SARIF, GitHub and GitLab
   * annotations of image-level findings (env, user, labels, history, size) point at it.
   */
  dockerfile?: string;
}

/** All formats render the already-redacted report: none can show more of a secret than the JSON does. */
export function renderReport(format: ReportFormat, report: Report, options: RenderOptions = {}): string {
  const dockerfile = options.dockerfile ?? 'Dockerfile';
  switch (format) {
    case 'text':
      return formatText(report, {
        color: options.color ?? false,
        sizeReport: options.sizeReport ?? false,
        ...(options.width !== undefined ? { width: options.width } : {}),
      });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { dockerfile });
    case 'junit':
      return formatJunit(report);
    case 'github':
      return formatGithub(report, options.dockerfile !== undefined ? { dockerfile } : {});
    case 'gitlab':
      return formatGitlab(report, { dockerfile });
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(report);
  }
}
