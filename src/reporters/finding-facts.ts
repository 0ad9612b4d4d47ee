// Small facts every reporter needs about a finding: does it count, where is it, and a stable id.
import { createHash } from 'node:crypto';
import type { Finding, FindingLocation, WaiverStatus } from '../core/finding.js';
import type { ImageReport } from '../engine/report.js';

/** "waived until 2027-03-31: reason" — or without a date for an ignore that has none, naming where it came from. */
export function waivedText(waived: WaiverStatus): string {
  const when = waived.expires !== undefined ? ` until ${waived.expires}` : '';
  const origin = waived.origin !== undefined ? ` (${waived.origin})` : '';
  return `waived${when}: ${waived.reason}${origin}`;
}

export function isWaived(finding: Finding): boolean {
  return Boolean(finding.waived && !finding.waived.expired);
}

/** A file's place with its archive member and line: "/app/app.jar!/BOOT-INF/classes/application.properties:2". */
export function filePlace(location: FindingLocation): string | undefined {
  if (location.path === undefined) return undefined;
  const file = location.member !== undefined ? `${location.path}!/${location.member}` : location.path;
  return location.line !== undefined ? `${file}:${location.line}` : file;
}

/** One line naming where a finding is: "/etc/app.env:3 (layer 2)", "env AWS_SECRET_ACCESS_KEY", … */
export function whereText(location: FindingLocation): string {
  const parts: string[] = [];
  if (location.path) parts.push(filePlace(location)!);
  if (location.envKey) parts.push(`env ${location.envKey}`);
  if (location.label) parts.push(`label ${location.label}`);
  if (location.historyIndex !== undefined && !location.path) parts.push(`history step ${location.historyIndex}`);
  if (location.layer !== undefined) parts.push(`layer ${location.layer}${location.fromBaseImage ? ' of the base image' : ''}`);
  if (location.inFinalFilesystem === false) parts.push('not in final filesystem');
  return parts.join(', ');
}

/** Stable across runs for the same finding on the same image name: dashboards use it to track one issue over time. */
export function findingFingerprint(image: ImageReport, finding: Finding): string {
  const { path, line, envKey, label, historyIndex, layer, member } = finding.location;
  // The member joins the key only when there is one, so fingerprints of findings outside archives stay as they were.
  const key = [
    image.normalizedReference ?? image.reference,
    finding.ruleId,
    finding.messageId,
    path,
    line,
    envKey,
    label,
    historyIndex,
    layer,
    finding.secret?.fingerprint,
    ...(member !== undefined ? [member] : []),
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function imageTitle(image: ImageReport): string {
  return image.platform ? `${image.reference} (${image.platform})` : image.reference;
}
