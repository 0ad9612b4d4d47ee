// One line saying what secret-file treated as unchanged package content: for the text report and -v.
import { formatSize } from '../config/size.js';
import type { PackageContentSummary } from '../packages/package-content.js';
import { groupDigits, plural } from '../core/plural.js';

/** Undefined when the image has no package database to speak of (scratch, distroless without one, rpm). */
export function describePackageContent(summary: PackageContentSummary | undefined): string | undefined {
  if (!summary) return undefined;
  const distro = describeDistroContent(summary);
  const third = describeThirdParty(summary);
  return distro && third ? `${distro}\n  ${third}` : (distro ?? third);
}

/** `third-party content: npm 412 packages (3 findings in 3 files), docs and tests (2 findings in 2 files) reported as info`. */
function describeThirdParty(summary: PackageContentSummary): string | undefined {
  const groups = Object.entries(summary.thirdParty ?? {});
  if (groups.length === 0) return undefined;
  const parts = groups.map(([group, { packages, files, findings }]) => {
    const known = packages > 0 ? ` ${plural(packages, 'package')}` : '';
    return `${group}${known} (${findings} finding${findings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'})`;
  });
  return `third-party content and docs/tests: ${parts.join(', ')}, reported below error (secret-file thirdPartyContent / docsAndTests)`;
}

function describeDistroContent(summary: PackageContentSummary): string | undefined {
  if (summary.databases.length === 0) return undefined;
  const known = `${groupDigits(summary.knownFiles)} files known to ${summary.databases.join(' and ')}`;
  if (summary.droppedFindings === 0) return `package content: ${known}; no findings in unchanged package files`;
  const files = `${summary.verifiedFiles} unchanged package file${summary.verifiedFiles === 1 ? '' : 's'} (${formatSize(summary.verifiedBytes)})`;
  return `package content: ${known}; ${summary.droppedFindings} finding${summary.droppedFindings === 1 ? '' : 's'} in ${files} not reported`;
}
