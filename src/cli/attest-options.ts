// --attest FILE and --attest-key KEY on check and audit: which policy and budgets files the verdict
// rests on (the same ones loadSettings reads), named by URI and hashed into the attestation.
import { existsSync } from 'node:fs';
import { planAttestation, writeAttestations, type AttestationPlan } from '../attest/attestation-file.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_BUDGETS, DEFAULT_POLICY } from '../engine/load-settings.js';
import type { Report } from '../engine/report.js';
import { TOOL_VERSION } from '../version.js';
import { plural } from '../core/plural.js';

export interface AttestOptions {
  attest?: string;
  attestKey?: string;
  policy?: string;
  budgets?: string;
  quiet?: boolean;
}

const fileUri = (path: string): string => `file:${encodeURI(path.replace(/\\/g, '/'))}`;

export async function attestationPlan(options: AttestOptions): Promise<AttestationPlan | undefined> {
  if (options.attestKey !== undefined && options.attest === undefined)
    throw new UsageError('--attest-key signs the file --attest writes; add --attest FILE');
  if (options.attest === undefined) return undefined;
  const budgetsFile = options.budgets ?? (existsSync(DEFAULT_BUDGETS) ? DEFAULT_BUDGETS : undefined);
  return planAttestation(options.attest, {
    ...(options.attestKey !== undefined ? { keyFile: options.attestKey } : {}),
    // The shipped policy is named by the package that ships it, not by where it is installed.
    policy:
      options.policy !== undefined
        ? { file: options.policy, uri: fileUri(options.policy) }
        : { file: DEFAULT_POLICY, uri: `pkg:npm/imagegate@${TOOL_VERSION}#policies/default.json` },
    ...(budgetsFile !== undefined ? { budgets: { file: budgetsFile, uri: fileUri(budgetsFile) } } : {}),
  });
}

export async function writeAttestationFile(report: Report, plan: AttestationPlan, quiet: boolean): Promise<void> {
  const count = await writeAttestations(report, plan);
  if (quiet) return;
  const skipped = report.images.length - count;
  process.stderr.write(
    `imagegate: ${plural(count, `${plan.key ? 'signed ' : ''}attestation`)} written to ${plan.file}${skipped > 0 ? `; ${plural(skipped, 'image')} could not be checked and have none` : ''}\n`,
  );
}
