// The unit every rule produces and every reporter consumes.
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** --fail-on: the lowest severity that fails a run, or `never` for report-only runs (audits). */
export type FailOn = Severity | 'never';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** Is a finding of this severity at or above --fail-on? Waivers are the caller's concern. */
export function severityFails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** Where in the image a finding was made; every field is optional because rules look at different parts. */
export interface FindingLocation {
  /** 0-based index into the image's layers (rootfs.diff_ids order). */
  layer?: number;
  /** The layer's uncompressed digest (diffID). */
  diffId?: string;
  /** The Dockerfile step that created the layer (history created_by). */
  createdBy?: string;
  /** Absolute path inside the image filesystem. */
  path?: string;
  /** For a file inside an archive at `path`: the member's path in it; nested archives are joined by "!/" (BOOT-INF/lib/x.jar!/app.properties). */
  member?: string;
  /** 1-based line inside the file or value. */
  line?: number;
  envKey?: string;
  label?: string;
  /** 0-based index into the config's history array. */
  historyIndex?: number;
  /** For files: is this copy still visible in the final filesystem? */
  inFinalFilesystem?: boolean;
  /** Set when the layer came with the base image (--base-image, or its root filesystem layer): the fix is in the base, not in the team's steps. */
  fromBaseImage?: true;
}

/** A secret, as it may leave the process: never the value itself. */
export interface MaskedSecret {
  /** Kind of credential, e.g. "github-token". */
  kind: string;
  /** A short prefix followed by an ellipsis, e.g. "ghp_…". */
  preview: string;
  length: number;
  /** Truncated SHA-256 of the secret; stable, so a waiver can name it. */
  fingerprint: string;
}

export interface WaiverStatus {
  reason: string;
  /** Absent for an ignore without an expiry date. */
  expires?: string;
  /** Where an ignore came from ("--ignore …", ".imagegateignore:3"); absent for policy waivers. */
  origin?: string;
  /** An expired waiver no longer applies; the finding counts again and the report says why. */
  expired: boolean;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  location: FindingLocation;
  secret?: MaskedSecret;
  docsUrl?: string;
  waived?: WaiverStatus;
}
