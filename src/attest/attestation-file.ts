// --attest FILE: the statements of a run as JSON Lines (one per image, as in-toto bundles are
// written), each a DSSE envelope when --attest-key is given. verify-attestation reads them back.
import { createHash, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import type { Report } from '../engine/report.js';
import { signEnvelope, verifyEnvelope, IN_TOTO_PAYLOAD_TYPE, type Envelope } from './dsse.js';
import { loadSigningKey } from './keys.js';
import { buildStatements, STATEMENT_TYPE, VSA_PREDICATE_TYPE, type AttestationInputs, type ResourceDescriptor } from './statement.js';

export interface AttestationPlan {
  file: string;
  key?: { privateKey: KeyObject; publicKey: KeyObject };
  policy: ResourceDescriptor;
  budgets?: ResourceDescriptor;
}

/** Reads the key and hashes the policy and budgets before any image is read, so a bad flag fails first. */
export async function planAttestation(
  file: string,
  options: { keyFile?: string; policy: { file: string; uri: string }; budgets?: { file: string; uri: string } },
): Promise<AttestationPlan> {
  const key = options.keyFile !== undefined ? await loadSigningKey(options.keyFile) : undefined;
  const policy = { uri: options.policy.uri, digest: { sha256: await sha256File(options.policy.file) } };
  const budgets = options.budgets ? { uri: options.budgets.uri, digest: { sha256: await sha256File(options.budgets.file) } } : undefined;
  return { file, ...(key ? { key } : {}), policy, ...(budgets ? { budgets } : {}) };
}

/** Writes the file; returns how many statements it holds. */
export async function writeAttestations(report: Report, plan: AttestationPlan, now = new Date()): Promise<number> {
  const inputs: AttestationInputs = { policy: plan.policy, ...(plan.budgets ? { budgets: plan.budgets } : {}), timeVerified: now.toISOString() };
  const lines = buildStatements(report, inputs).map((statement) => {
    const body = Buffer.from(JSON.stringify(statement), 'utf8');
    return JSON.stringify(plan.key ? signEnvelope(body, plan.key.privateKey, plan.key.publicKey) : statement);
  });
  await writeFile(plan.file, lines.map((line) => `${line}\n`).join(''));
  return lines.length;
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** One line of the file, checked: `valid` only when signed by the key and carrying a VSA statement. */
export interface VerifiedLine {
  line: number;
  valid: boolean;
  reason?: string;
  subject?: string;
  result?: string;
}

/** Throws UsageError when the file cannot be read or a line is not JSON (exit 2); bad signatures are results (exit 1). */
export async function verifyAttestationFile(file: string, publicKey: KeyObject): Promise<VerifiedLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new UsageError(`${file}: holds no attestation`);
  return lines.map((line, i) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(line) as Envelope;
    } catch {
      throw new UsageError(`${file}: line ${i + 1} is not JSON`);
    }
    return checkLine(envelope, i + 1, publicKey);
  });
}

function checkLine(envelope: Envelope, line: number, publicKey: KeyObject): VerifiedLine {
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.payload !== 'string' || !Array.isArray(envelope.signatures)) {
    return { line, valid: false, reason: 'not a signed DSSE envelope' };
  }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { line, valid: false, reason: `payloadType is ${String(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}` };
  if (!verifyEnvelope(envelope, publicKey))
    return { line, valid: false, reason: 'no signature verifies with this key (altered, or signed by another key)' };
  let statement: {
    _type?: unknown;
    predicateType?: unknown;
    subject?: { name?: string; digest?: { sha256?: string } }[];
    predicate?: { verificationResult?: string };
  };
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as typeof statement;
  } catch {
    return { line, valid: false, reason: 'the signed payload is not JSON' };
  }
  if (statement._type !== STATEMENT_TYPE || statement.predicateType !== VSA_PREDICATE_TYPE)
    return { line, valid: false, reason: 'the signed payload is not an in-toto VSA statement' };
  const subject = statement.subject?.[0];
  return {
    line,
    valid: true,
    subject: `${subject?.name ?? '?'}@sha256:${subject?.digest?.sha256 ?? '?'}`,
    result: String(statement.predicate?.verificationResult),
  };
}
