import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../../src/core/errors.js';
import { ignoresFromFlags, parseIgnoreFile } from '../../../src/config/ignores.js';
import { discoverFile } from '../../../src/engine/load-settings.js';
import { applyWaivers } from '../../../src/engine/waivers.js';
import type { Finding } from '../../../src/core/finding.js';
import { exitCodeFor } from '../../../src/exit-code.js';
import { tempDir } from '../support/temp-dir.js';

const RULES = ['healthcheck', 'secret-file', 'non-root-user'];

const finding = (ruleId: string, fingerprint?: string): Finding => ({
  ruleId,
  messageId: 'X',
  severity: 'error',
  message: 'm',
  location: {},
  ...(fingerprint ? { secret: { kind: 'k', preview: 'p…', length: 20, fingerprint } } : {}),
});

function issuesOf(text: string): string[] {
  try {
    parseIgnoreFile(text, '.imagegateignore', RULES);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('.imagegateignore', () => {
  it('takes rule ids and fingerprints with a reason on the line or in the comment above, and an optional expiry', () => {
    const waivers = parseIgnoreFile(
      [
        '# the base image has no HEALTHCHECK; the orchestrator probes it',
        'healthcheck',
        '',
        'A1B2C3D4E5F6 exp:2027-03-31  # vendored test key, SEC-12',
      ].join('\n'),
      '.imagegateignore',
      RULES,
    );
    expect(waivers).toEqual([
      { rule: 'healthcheck', reason: 'the base image has no HEALTHCHECK; the orchestrator probes it', origin: '.imagegateignore:2' },
      { fingerprint: 'a1b2c3d4e5f6', reason: 'vendored test key, SEC-12', expires: '2027-03-31', origin: '.imagegateignore:4' },
    ]);
  });

  it('reports every bad line at once: no reason, unknown id, bad expiry', () => {
    expect(issuesOf(['healthcheck', '', 'helthcheck # typo', 'secret-file exp:2027-02-30 # bad date', 'abc # too short'].join('\n'))).toEqual([
      'line 1: "healthcheck" has no reason; say why after # on the same line or in a comment line right above it',
      'line 3: "helthcheck" is neither a rule id (did you mean "healthcheck"?) nor a secret fingerprint (at least 6 hex characters, as reports show it); see imagegate rules',
      'line 4: unexpected "exp:2027-02-30" after the id; write an expiry as exp:YYYY-MM-DD and the reason after #',
      'line 5: "abc" is neither a rule id nor a secret fingerprint (at least 6 hex characters, as reports show it); see imagegate rules',
    ]);
  });

  it('a blank line ends the comment that explains the next entry', () => {
    expect(issuesOf(['# about something else', '', 'healthcheck'].join('\n'))).toHaveLength(1);
  });
});

describe('--ignore', () => {
  it('waives by rule id or by fingerprint prefix, and says where the waiver came from', () => {
    const waivers = ignoresFromFlags(['healthcheck', 'abcdef'], RULES);
    const result = applyWaivers(
      [finding('healthcheck'), finding('secret-file', 'abcdef123456'), finding('secret-file', '123456abcdef')],
      waivers,
      ['app:1'],
      '2026-12-06',
    );
    expect(result.map((f) => f.waived?.origin)).toEqual(['--ignore healthcheck', '--ignore abcdef', undefined]);
    expect(exitCodeFor([{ reference: 'app:1', passed: false, findings: result.slice(0, 2) }], 'error')).toBe(0);
  });

  it('names the flag and suggests the rule for a typo', () => {
    expect(() => ignoresFromFlags(['non-root'], RULES)).toThrow(UsageError);
    expect(() => ignoresFromFlags(['non-root'], RULES)).toThrow('--ignore "non-root" is neither a rule id (did you mean "non-root-user"?)');
  });

  it('an ignore with a past expiry no longer waives', () => {
    const [waiver] = parseIgnoreFile('healthcheck exp:2026-01-01 # until the probe lands', 'f', RULES);
    const [result] = applyWaivers([finding('healthcheck')], [waiver!], ['app:1'], '2026-12-06');
    expect(result!.waived).toMatchObject({ expired: true, expires: '2026-01-01' });
  });
});

describe('--fail-on never', () => {
  it('passes a run with findings but still exits 2 for an image that could not be checked', () => {
    expect(exitCodeFor([{ reference: 'a', passed: true, findings: [finding('healthcheck')] }], 'never')).toBe(0);
    expect(exitCodeFor([{ reference: 'a', passed: false, findings: [], error: { message: 'unreadable' } }], 'never')).toBe(2);
  });
});

describe('discovering imagegate.policy.json and .imagegateignore', () => {
  it('finds the file in the working directory, else at the repository root, never above it', async () => {
    const dir = await tempDir();
    const repo = join(dir, 'repo');
    const sub = join(repo, 'services', 'api');
    await mkdir(join(repo, '.git'), { recursive: true });
    await mkdir(sub, { recursive: true });
    await writeFile(join(dir, 'imagegate.policy.json'), '{}');
    expect(discoverFile('imagegate.policy.json', sub)).toBeUndefined();
    await writeFile(join(repo, 'imagegate.policy.json'), '{}');
    expect(discoverFile('imagegate.policy.json', sub)).toBe(join(repo, 'imagegate.policy.json'));
  });
});
