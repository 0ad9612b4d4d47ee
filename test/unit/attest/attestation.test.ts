// --attest: in-toto Statement v1 with the SLSA VSA v1 predicate, validated against schemas written
// from the specs; DSSE signing with ECDSA P-256 and Ed25519 keys made by openssl; verification by
// imagegate (valid, altered, wrong key) and independently by openssl over a PAE computed here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAttestation, verifyAttestationFile, writeAttestations } from '../../../src/attest/attestation-file.js';
import { loadVerifyKey } from '../../../src/attest/keys.js';
import { UsageError } from '../../../src/core/errors.js';
import { summarize } from '../../../src/engine/run-checks.js';
import type { ImageReport, Report } from '../../../src/engine/report.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const token = `ghp_${'Qw3Er4Ty5U'.repeat(3)}zyxwvu`; // fake, GitHub-token shaped, built at runtime
let dir: string;
let report: Report;

const schema = (name: string): object => JSON.parse(readFileSync(new URL(`./schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validateStatement = ajv.compile(schema('in-toto-statement-v1.json'));
const validateVsa = ajv.compile(schema('slsa-vsa-v1.json'));

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8' });
}

/** PAE written from the DSSE protocol text, independently of src/attest/dsse.ts. */
function independentPae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

beforeAll(async () => {
  dir = await tempDir('imagegate-attest-');
  const built = await classicSaveArchive([await layerTar([{ path: 'app/.env', content: `GITHUB_TOKEN=${token}\n` }])], {
    env: ['PATH=/bin'],
    user: '10001',
  });
  const image = await checkMemoryImage(built, { only: ['secret-file'], reference: 'registry.example.com/team/app:1' });
  const passing: ImageReport = {
    ...image,
    reference: 'registry.example.com/team/ok:2',
    normalizedReference: 'registry.example.com/team/ok:2',
    findings: [],
    passed: true,
  };
  const broken: ImageReport = { reference: 'broken:1', passed: false, findings: [], error: { message: 'unreadable' } };
  const images = [image, passing, broken];
  report = {
    version: 1,
    tool: { name: 'imagegate', version: '9.9.9' },
    rules: [{ id: 'secret-file', category: 'secrets', severity: 'error', description: '', docsUrl: '' }],
    images,
    summary: summarize(images, 'error'),
  };
  await writeFile(join(dir, 'policy.json'), '{"rules":{}}\n');
  await writeFile(join(dir, 'budgets.json'), '{"budgets":[]}\n');
  openssl('genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'ed.pem'));
  openssl('pkey', '-in', join(dir, 'ed.pem'), '-pubout', '-out', join(dir, 'ed.pub'));
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(dir, 'ec.pem'));
  openssl('pkey', '-in', join(dir, 'ec.pem'), '-pubout', '-out', join(dir, 'ec.pub'));
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', join(dir, 'p384.pem'));
});

async function attest(keyFile?: string): Promise<string> {
  const file = join(dir, `out-${keyFile ? 'signed' : 'plain'}-${Math.random().toString(36).slice(2)}.jsonl`);
  const plan = await planAttestation(file, {
    ...(keyFile ? { keyFile: join(dir, keyFile) } : {}),
    policy: { file: join(dir, 'policy.json'), uri: 'file:policy.json' },
    budgets: { file: join(dir, 'budgets.json'), uri: 'file:budgets.json' },
  });
  await writeAttestations(report, plan, new Date('2026-12-06T04:00:00Z'));
  return file;
}

describe('attestations', () => {
  it('writes one statement per checked image that validates against the in-toto Statement and VSA schemas', async () => {
    const lines = (await readFile(await attest(), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { subject: { name: string; digest: { sha256: string } }[]; predicate: Record<string, unknown> });
    expect(lines).toHaveLength(2); // the unreadable image has no digest to attest to
    for (const statement of lines) {
      expect(validateStatement(statement), JSON.stringify(validateStatement.errors)).toBe(true);
      expect(validateVsa(statement.predicate), JSON.stringify(validateVsa.errors)).toBe(true);
    }
    const [failed, passed] = lines;
    expect(failed!.subject[0]!.digest.sha256).toBe(report.images[0]!.digest!.slice('sha256:'.length));
    expect(failed!.predicate).toMatchObject({
      verificationResult: 'FAILED',
      verifiedLevels: ['FAILED'],
      verifier: { id: 'pkg:npm/imagegate', version: { imagegate: '9.9.9' } },
    });
    expect(passed!.predicate).toMatchObject({ verificationResult: 'PASSED', verifiedLevels: ['IMAGEGATE_POLICY_PASSED'] });
    const policyHash = openssl('dgst', '-sha256', '-r', join(dir, 'policy.json')).split(' ')[0];
    expect(failed!.predicate.policy).toEqual({ uri: 'file:policy.json', digest: { sha256: policyHash } });
    const details = failed!.predicate['pkg:npm/imagegate#verification-details'] as {
      findings: { ruleId: string; count: number }[];
      budgets: { digest: { sha256: string } };
    };
    expect(details.findings).toEqual([{ ruleId: 'secret-file', severity: 'error', waived: false, count: 1 }]);
    expect(details.budgets.digest.sha256).toBe(openssl('dgst', '-sha256', '-r', join(dir, 'budgets.json')).split(' ')[0]);
  });

  it('never carries a secret, a preview of one, or a finding message', async () => {
    const text = await readFile(await attest(), 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain('ghp_');
    expect(text).not.toContain('GitHub token');
  });

  it.each(['ed', 'ec'])(
    'signs as DSSE envelopes (%s key) that imagegate verifies and that fail once altered or checked with another key',
    async (kind) => {
      const file = await attest(`${kind}.pem`);
      const key = await loadVerifyKey(join(dir, `${kind}.pub`));
      expect((await verifyAttestationFile(file, key)).every((line) => line.valid)).toBe(true);

      const envelopes = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { payload: string; payloadType: string; signatures: { sig: string }[] });
      const statement = JSON.parse(Buffer.from(envelopes[0]!.payload, 'base64').toString('utf8')) as { predicate: { verificationResult: string } };
      statement.predicate.verificationResult = 'PASSED';
      const tampered = join(dir, `tampered-${kind}.jsonl`);
      await writeFile(tampered, `${JSON.stringify({ ...envelopes[0], payload: Buffer.from(JSON.stringify(statement)).toString('base64') })}\n`);
      const [result] = await verifyAttestationFile(tampered, key);
      expect(result).toMatchObject({ valid: false, reason: expect.stringContaining('no signature verifies') });

      const other = await loadVerifyKey(join(dir, `${kind === 'ed' ? 'ec' : 'ed'}.pub`));
      expect((await verifyAttestationFile(file, other)).some((line) => line.valid)).toBe(false);
    },
  );

  it.each(['ed', 'ec'])('has signatures openssl verifies over a PAE computed without imagegate (%s key)', async (kind) => {
    const file = await attest(`${kind}.pem`);
    const envelope = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!) as {
      payload: string;
      payloadType: string;
      signatures: { sig: string }[];
    };
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    const paeFile = join(dir, `pae-${kind}.bin`);
    const sigFile = join(dir, `sig-${kind}.bin`);
    await writeFile(paeFile, independentPae(envelope.payloadType, Buffer.from(envelope.payload, 'base64')));
    await writeFile(sigFile, Buffer.from(envelope.signatures[0]!.sig, 'base64'));
    const pub = join(dir, `${kind}.pub`);
    const out =
      kind === 'ed'
        ? openssl('pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', paeFile, '-sigfile', sigFile)
        : openssl('dgst', '-sha256', '-verify', pub, '-signature', sigFile, paeFile);
    expect(out).toMatch(/Verified OK|Signature Verified Successfully/);
  });

  it('refuses keys of other kinds and unreadable files with a usage error (exit 2)', async () => {
    await expect(attest('p384.pem')).rejects.toThrow(/EC curve secp384r1 key; use an ECDSA P-256 or Ed25519 key/);
    await expect(verifyAttestationFile(join(dir, 'missing.jsonl'), await loadVerifyKey(join(dir, 'ed.pub')))).rejects.toBeInstanceOf(UsageError);
  });
});
