// The report: one entry per image checked, plus a summary. The JSON reporter prints exactly this shape.
import type { FailOn, Finding, Severity } from '../core/finding.js';
import type { ImageErrorCode } from './error-codes.js';
import type { SizeAnalysis } from '../image/size-analysis.js';
import type { PackageContentSummary } from '../packages/package-content.js';

export interface ImageReport {
  reference: string;
  normalizedReference?: string;
  digest?: string;
  imageId?: string;
  platform?: string;
  sizeBytes?: number;
  /** Sum of the stored (compressed) layer blobs, when the source states blob sizes (OCI layouts, registries). */
  compressedSizeBytes?: number;
  layers?: { index: number; diffId: string; sizeBytes: number; compressedSizeBytes?: number; createdBy?: string }[];
  /** Where the bytes go: layers with their steps, wasted bytes, efficiency, largest files and directories. */
  size?: SizeAnalysis;
  /** Files secret-file found unchanged from their package database record (absent when that check is off). */
  packageContent?: PackageContentSummary;
  passed: boolean;
  findings: Finding[];
  /** Set when the image could not be checked; such an image never passes. */
  error?: { message: string; code?: ImageErrorCode };
}

export interface ReportSummary {
  images: number;
  passed: number;
  failed: number;
  errored: number;
  findings: Record<Severity, number>;
  waived: number;
  failOn: FailOn;
  exitCode: 0 | 1 | 2;
}

/** A rule that ran in this check, as configured by the policy (reporters list passing rules too). */
export interface ReportRule {
  id: string;
  category: string;
  severity: Severity;
  description: string;
  docsUrl: string;
}

export interface Report {
  version: 1;
  tool: { name: 'imagegate'; version: string };
  /** The rules evaluated on every image, in catalog order. */
  rules: ReportRule[];
  /** The configuration files the run used (a merged report has none). */
  config?: { policy: string; budgets: string };
  images: ImageReport[];
  summary: ReportSummary;
}
