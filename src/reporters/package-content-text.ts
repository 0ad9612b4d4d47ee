// One line saying what secret-file treated as unchanged package content: for the text report and -v.
import { formatSize } from '../config/size.js';
import type { PackageContentSummary } from '../packages/package-content.js';

/** Undefined when the image has no package database to speak of (scratch, distroless without one, rpm). */
export function describePackageContent(summary: PackageContentSummary | undefined): string | undefined {
  if (!summary || summary.databases.length === 0) return undefined;
  const known = `${summary.knownFiles.toLocaleString('en-US')} files known to ${summary.databases.join(' and ')}`;
  if (summary.droppedFindings === 0) return `package content: ${known}; no findings in unchanged package files`;
  const files = `${summary.verifiedFiles} unchanged package file${summary.verifiedFiles === 1 ? '' : 's'} (${formatSize(summary.verifiedBytes)})`;
  return `package content: ${known}; ${summary.droppedFindings} finding${summary.droppedFindings === 1 ? '' : 's'} in ${files} not reported`;
}
