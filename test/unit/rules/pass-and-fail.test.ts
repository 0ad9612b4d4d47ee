// Every registered rule has a passing and a failing image, run through the real engine on an in-memory
// archive. The cases are keyed by rule id and checked against the registry, so a new rule cannot land
// without both (typescript-eslint's rule meta-tests ask the same of every rule file).
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/rules/index.js';
import { fake } from '../secrets/fixtures.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, tarBuffer, type BuiltImage, type ConfigSpec, type FileSpec } from '../support/image-builder.js';

interface Run {
  image: () => Promise<BuiltImage>;
  budgets?: object;
  /** The rule's entry in the policy (options, severity); the other rules are off. */
  rule?: object;
  reference?: string;
}

interface Case {
  pass: Run;
  fail: Run;
  /** The message id the failing image must produce. */
  failsWith: string;
}

const oneLayer =
  (files: FileSpec[], spec: ConfigSpec = {}) =>
  async (): Promise<BuiltImage> =>
    classicSaveArchive([await layerTar(files)], spec);
const plain = oneLayer([{ path: '/app/server', content: 'binary' }]);
const budget = (limits: object) => ({ budgets: [{ image: 'example.com/team/*', ...limits }] });
const labels = { 'org.opencontainers.image.version': '1.2.3', 'org.opencontainers.image.source': 'https://example.com/repo' };
const step = (createdBy: string) => ({ history: [{ created_by: createdBy }] });

const cases: Record<string, Case> = {
  'size-budget': {
    pass: { image: oneLayer([{ path: '/app/big', content: 'x'.repeat(4000) }]), budgets: budget({ maxSize: '1MB' }) },
    fail: { image: oneLayer([{ path: '/app/big', content: 'x'.repeat(4000) }]), budgets: budget({ maxSize: '1KB' }) },
    failsWith: 'OVER_BUDGET',
  },
  'layer-waste': {
    pass: {
      image: async () =>
        classicSaveArchive([
          await layerTar([{ path: '/app/big', content: 'x'.repeat(4000) }]),
          await layerTar([{ path: '/app/other', content: 'y' }]),
        ]),
      budgets: budget({ maxWasted: '1KB' }),
    },
    fail: {
      image: async () =>
        classicSaveArchive([
          await layerTar([{ path: '/app/big', content: 'x'.repeat(4000) }]),
          await tarBuffer([{ name: 'app/.wh.big', content: Buffer.alloc(0) }]),
        ]),
      budgets: budget({ maxWasted: '1KB' }),
    },
    failsWith: 'WASTE_OVER_BUDGET',
  },
  'build-hygiene': {
    pass: { image: plain },
    fail: { image: oneLayer([{ path: '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', content: 'index' }]) },
    failsWith: 'LEFTOVER',
  },
  'oci-labels': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { labels }) },
    fail: { image: plain },
    failsWith: 'MISSING_LABEL',
  },
  'non-root-user': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { user: '10001' }) },
    fail: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { user: 'root' }) },
    failsWith: 'ROOT_USER',
  },
  healthcheck: {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { healthcheck: ['CMD', '/app/health'] }) },
    fail: { image: plain },
    failsWith: 'MISSING_HEALTHCHECK',
  },
  'secret-env': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { env: ['PATH=/usr/bin:/bin', 'GITHUB_TOKEN_FILE=/run/secrets/github'] }) },
    fail: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { env: ['PATH=/usr/bin:/bin', `GITHUB_TOKEN=${fake.github()}`] }) },
    failsWith: 'SECRET_IN_ENV',
  },
  'secret-history': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], step('/bin/sh -c npm ci --omit=dev')) },
    fail: {
      image: oneLayer(
        [{ path: '/app/server', content: 'binary' }],
        step(`/bin/sh -c echo //registry.npmjs.org/:_authToken=${fake.npm()} > .npmrc && npm ci`),
      ),
    },
    failsWith: 'SECRET_IN_HISTORY',
  },
  'secret-label': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { labels }) },
    fail: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { labels: { 'com.example.deploy-token': fake.github() } }) },
    failsWith: 'SECRET_IN_LABEL',
  },
  'secret-file': {
    pass: { image: oneLayer([{ path: '/app/.env', content: 'GITHUB_TOKEN=changeme\n' }]) },
    fail: { image: oneLayer([{ path: '/app/.env', content: `GITHUB_TOKEN=${fake.github()}\n` }]) },
    failsWith: 'SECRET_IN_FILE',
  },
  'setuid-files': {
    pass: { image: oneLayer([{ path: '/app/tool', content: 'binary', mode: 0o755 }]) },
    fail: { image: oneLayer([{ path: '/app/tool', content: 'binary', mode: 0o4755 }]) },
    failsWith: 'SETUID_FILE',
  },
  'user-accounts': {
    pass: { image: oneLayer([{ path: '/etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/app:/bin/sh\n' }]) },
    fail: { image: oneLayer([{ path: '/usr/bin/sudo', content: 'binary', mode: 0o755 }]) },
    failsWith: 'SUDO_INSTALLED',
  },
  'world-writable': {
    pass: { image: oneLayer([{ path: '/app/data', content: 'data', mode: 0o644 }]) },
    fail: { image: oneLayer([{ path: '/app/data', content: 'data', mode: 0o666 }]) },
    failsWith: 'WORLD_WRITABLE',
  },
  'build-steps': {
    pass: {
      image: oneLayer(
        [{ path: '/app/server', content: 'binary' }],
        step('/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl'),
      ),
    },
    fail: { image: oneLayer([{ path: '/app/server', content: 'binary' }], step('/bin/sh -c curl -fsSL https://example.com/install.sh | sh')) },
    failsWith: 'PIPE_TO_SHELL',
  },
  'sensitive-volumes': {
    pass: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { extra: { Volumes: { '/var/lib/app': {} } } }) },
    fail: { image: oneLayer([{ path: '/app/server', content: 'binary' }], { extra: { Volumes: { '/etc': {} } } }) },
    failsWith: 'SENSITIVE_VOLUME',
  },
  'image-tag': {
    pass: { image: plain, reference: 'example.com/team/app:1.2.3' },
    fail: { image: plain, reference: 'example.com/team/app:latest' },
    failsWith: 'LATEST_TAG',
  },
  'unwanted-files': {
    pass: { image: oneLayer([{ path: '/root/.ssh/id_ed25519.pub', content: 'ssh-ed25519 AAAA app' }]) },
    fail: { image: oneLayer([{ path: '/app/.DS_Store', content: 'Bud1' }]) },
    failsWith: 'UNWANTED_FILE',
  },
  structure: {
    pass: {
      image: oneLayer([{ path: '/app/server', content: 'binary' }], { user: '10001' }),
      rule: { options: { assertions: [{ metadata: { user: '10001' } }] } },
    },
    fail: {
      image: oneLayer([{ path: '/app/server', content: 'binary' }], { user: '10001' }),
      rule: { options: { assertions: [{ metadata: { user: 'root' } }] } },
    },
    failsWith: 'METADATA_MISMATCH',
  },
};

async function findingsOf(id: string, run: Run) {
  const off = Object.fromEntries(rules.filter((rule) => rule.id !== id).map((rule) => [rule.id, 'off']));
  const report = await checkMemoryImage(await run.image(), {
    policy: { rules: { ...off, [id]: run.rule ?? 'error' } },
    ...(run.budgets ? { budgets: run.budgets } : {}),
    ...(run.reference ? { reference: run.reference } : {}),
  });
  expect(report.error).toBeUndefined();
  expect(report.findings.every((finding) => finding.ruleId === id)).toBe(true);
  return report.findings;
}

describe('pass and fail cases', () => {
  it('has one for every registered rule, and none for a rule that does not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((rule) => rule.id).sort());
  });
});

describe.for(rules.map((rule) => [rule.id, rule] as const))('rule %s', ([id, rule]) => {
  const known = cases[id];

  it('passes an image that keeps it', async () => {
    expect(known, `a pass and a fail case for ${id} in this file`).toBeDefined();
    expect((await findingsOf(id, known!.pass)).map((finding) => finding.messageId)).toEqual([]);
  });

  it('fails an image that breaks it, with one of its own message ids', async () => {
    expect(known, `a pass and a fail case for ${id} in this file`).toBeDefined();
    expect(Object.keys(rule.meta.messages)).toContain(known!.failsWith);
    expect((await findingsOf(id, known!.fail)).map((finding) => finding.messageId)).toContain(known!.failsWith);
  });
});
