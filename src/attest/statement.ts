// The verdict as an in-toto Statement v1 with the SLSA Verification Summary (VSA v1) predicate, one
// per checked image, so a release system can later verify what the gate decided without its log.
// It holds digests, rule ids, severities and counts only: never a message, value or secret preview.
// Reference: https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md
// Reference: https://slsa.dev/spec/v1.0/verification_summary
import type { Report, ImageReport } from '../engine/report.js';
import { isWaived } from '../reporters/finding-facts.js';
import { compareText } from '../core/compare-text.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const VSA_PREDICATE_TYPE = 'https://slsa.dev/verification_summary/v1';
/** The verifier's identity: imagegate as an npm package URL. */
export const VERIFIER_ID = 'pkg:npm/imagegate';
/** Extension field (the spec allows fields named by URIs) with what the VSA fields have no room for. */
export const DETAILS_FIELD = 'pkg:npm/imagegate#verification-details';
/** verifiedLevels of a pass: a custom value (the spec reserves only the SLSA_ prefix); a failure is FAILED. */
export const PASSED_LEVEL = 'IMAGEGATE_POLICY_PASSED';

/** A file the verdict depended on: its URI and its SHA-256. */
export interface ResourceDescriptor {
  uri: string;
  digest: { sha256: string };
}

export interface AttestationInputs {
  policy: ResourceDescriptor;
  budgets?: ResourceDescriptor;
  /** When the check ran (RFC 3339). */
  timeVerified: string;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: { name: string; digest: { sha256: string }; annotations: { digestKind: 'manifest' | 'image-id' } }[];
  predicateType: typeof VSA_PREDICATE_TYPE;
  predicate: Record<string, unknown>;
}

/** One statement per image that was checked; an image that could not be read has no digest to attest to. */
export function buildStatements(report: Report, inputs: AttestationInputs): Statement[] {
  return report.images.filter((image) => !image.error && image.digest !== undefined).map((image) => statementFor(image, report, inputs));
}

function statementFor(image: ImageReport, report: Report, inputs: AttestationInputs): Statement {
  const digest = image.digest!;
  const hex = /^sha256:([a-f0-9]{64})$/.exec(digest)?.[1];
  if (!hex) throw new Error(`${image.reference}: digest ${digest} is not a sha256 digest`);
  const name = image.normalizedReference ?? image.reference;
  return {
    _type: STATEMENT_TYPE,
    subject: [
      {
        name,
        digest: { sha256: hex },
        annotations: { digestKind: image.imageId !== undefined && digest === image.imageId ? 'image-id' : 'manifest' },
      },
    ],
    predicateType: VSA_PREDICATE_TYPE,
    predicate: {
      verifier: { id: VERIFIER_ID, version: { imagegate: report.tool.version } },
      timeVerified: inputs.timeVerified,
      resourceUri: resourceUri(name, digest),
      policy: inputs.policy,
      verificationResult: image.passed ? 'PASSED' : 'FAILED',
      verifiedLevels: [image.passed ? PASSED_LEVEL : 'FAILED'],
      slsaVersion: '1.0',
      [DETAILS_FIELD]: {
        ...(inputs.budgets ? { budgets: inputs.budgets } : {}),
        failOn: report.summary.failOn,
        rulesEvaluated: report.rules.map((rule) => rule.id),
        findings: countFindings(image),
      },
    },
  };
}

/** Rule ids with their counts by severity; waived findings counted apart. */
function countFindings(image: ImageReport): { ruleId: string; severity: string; waived: boolean; count: number }[] {
  const counts = new Map<string, { ruleId: string; severity: string; waived: boolean; count: number }>();
  for (const finding of image.findings) {
    const waived = isWaived(finding);
    const key = `${finding.ruleId}\u0000${finding.severity}\u0000${waived}`;
    const entry = counts.get(key) ?? { ruleId: finding.ruleId, severity: finding.severity, waived, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.severity, b.severity));
}

/**
 * A registry-style name becomes an OCI package URL (pkg:oci/NAME@DIGEST?repository_url=…); other
 * references (archives, layouts) already start with a transport scheme and are kept as written.
 */
export function resourceUri(name: string, digest: string): string {
  const match = /^([a-z0-9.-]+(?::\d+)?)\/((?:[a-z0-9._-]+\/)*)([a-z0-9._-]+)(?:[:@].*)?$/.exec(name);
  if (!match) return name;
  const [, host, path, repo] = match;
  return `pkg:oci/${repo}@${encodeURIComponent(digest)}?repository_url=${encodeURIComponent(`${host}/${path}${repo}`)}`;
}
