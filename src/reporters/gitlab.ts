// GitLab Code Quality: a JSON array of issues that merge requests show inline and in the widget.
// GitLab wants a repository path for every issue; an image has no such path, so every issue is
// anchored to the Dockerfile that builds the image (--dockerfile), and the place inside the image
// goes into the description.
import type { Finding, Severity } from '../core/finding.js';
import type { ImageReport, Report } from '../engine/report.js';
import { findingFingerprint, imageTitle, isWaived, whereText } from './finding-facts.js';

const SEVERITY: Record<Severity, 'critical' | 'minor' | 'info'> = { error: 'critical', warning: 'minor', info: 'info' };

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'blocker' | 'critical' | 'major' | 'minor' | 'info';
  location: { path: string; lines: { begin: number } };
}

export function formatGitlab(report: Report, options: { dockerfile: string }): string {
  const at = { path: options.dockerfile, lines: { begin: 1 } };
  const issues: CodeQualityIssue[] = report.images.flatMap((image): CodeQualityIssue[] => {
    if (image.error) {
      return [
        {
          description: `${imageTitle(image)} could not be checked: ${image.error.message}`,
          check_name: 'imagegate',
          fingerprint: errorFingerprint(image),
          severity: 'blocker',
          location: at,
        },
      ];
    }
    return image.findings.filter((finding) => !isWaived(finding)).map((finding) => issue(image, finding, at));
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function issue(image: ImageReport, finding: Finding, at: CodeQualityIssue['location']): CodeQualityIssue {
  const where = whereText(finding.location);
  return {
    description: `${imageTitle(image)}: ${finding.message}${where ? ` (${where})` : ''}`,
    check_name: `imagegate/${finding.ruleId}`,
    fingerprint: findingFingerprint(image, finding),
    severity: SEVERITY[finding.severity],
    location: at,
  };
}

function errorFingerprint(image: ImageReport): string {
  return findingFingerprint(image, { ruleId: 'imagegate', messageId: 'NOT_CHECKED', severity: 'error', message: '', location: {} });
}
