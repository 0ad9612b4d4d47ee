// Policy validation: rule entry forms, defaults, waivers, and complete, path-addressed error reports.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { ConfigError } from '../../../src/core/errors.js';
import { loadPolicyFile, parsePolicy } from '../../../src/config/policy.js';
import { RULES } from './rule-stand-ins.js';

/** Runs parsePolicy expecting failure and returns its issues as `path: message` lines. */
function issuesOf(input: unknown): string[] {
  try {
    parsePolicy(input, 'policy.json', RULES);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected parsePolicy to throw');
}

const WAIVER = { rule: 'secret-file', reason: 'test fixture, not a real key', expires: '2027-03-31' };

describe('parsePolicy: rules', () => {
  it('enables every rule at its default when nothing is listed', () => {
    const policy = parsePolicy({}, '<object>', RULES);
    expect(policy.source).toBe('<object>');
    expect(Object.keys(policy.rules)).toEqual(RULES.map((rule) => rule.id));
    expect(policy.rules['healthcheck']).toEqual({ enabled: true, severity: 'warning', options: undefined });
    expect(policy.rules['oci-labels']).toEqual({ enabled: true, severity: 'error', options: { required: [] } });
    // A schema with its own default fills in options when none are written.
    expect(policy.rules['secret-env']?.options).toEqual({ extraKeys: [] });
    expect(policy.waivers).toEqual([]);
  });

  it('accepts "off", a severity string and the object form', () => {
    const policy = parsePolicy(
      {
        $schema: './schema.json',
        rules: {
          'secret-file': 'off',
          'non-root-user': 'warning',
          healthcheck: { severity: 'info' },
          'secret-label': { enabled: false },
          'secret-env': { options: { extraKeys: ['MY_TOKEN'] } },
          'oci-labels': {
            severity: 'warning',
            options: { required: [{ name: 'org.opencontainers.image.source', pattern: '^https://' }] },
          },
        },
      },
      'policy.json',
      RULES,
    );
    expect(policy.rules['secret-file']).toMatchObject({ enabled: false, severity: 'error' });
    expect(policy.rules['non-root-user']).toMatchObject({ enabled: true, severity: 'warning' });
    expect(policy.rules['healthcheck']).toMatchObject({ enabled: true, severity: 'info' });
    expect(policy.rules['secret-label']).toMatchObject({ enabled: false, severity: 'error' });
    expect(policy.rules['secret-env']).toEqual({ enabled: true, severity: 'error', options: { extraKeys: ['MY_TOKEN'] } });
    expect(policy.rules['oci-labels']).toEqual({
      enabled: true,
      severity: 'warning',
      options: { required: [{ name: 'org.opencontainers.image.source', pattern: '^https://' }] },
    });
  });

  it('rejects unknown rule ids with a suggestion, or the list of known rules', () => {
    expect(issuesOf({ rules: { 'secret-fille': 'off', frobnicate: 'off' } })).toEqual([
      'rules.secret-fille: unknown rule "secret-fille" (did you mean "secret-file"?)',
      `rules.frobnicate: unknown rule "frobnicate"; known rules: ${RULES.map((rule) => rule.id).join(', ')}`,
    ]);
  });

  it('rejects bad entry values', () => {
    expect(issuesOf({ rules: { healthcheck: 'warn', 'secret-env': 3, 'secret-file': { severity: 'fatal', enabled: 'yes' } } })).toEqual([
      'rules.healthcheck: expected "off", a severity ("error", "warning" or "info") or an object, got "warn" (did you mean "warning"?)',
      'rules.secret-env: expected "off", a severity ("error", "warning" or "info") or an object, got 3',
      'rules.secret-file.enabled: expected true or false, got "yes"',
      'rules.secret-file.severity: expected "error", "warning" or "info", got "fatal"',
    ]);
  });

  it('rejects unknown keys with a suggestion, at every level', () => {
    expect(issuesOf({ rule: {}, rules: { healthcheck: { severty: 'info' } }, waivers: [{ ...WAIVER, expiry: '2027-01-01' }] })).toEqual([
      'rule: unknown key "rule" (did you mean "rules"?)',
      'rules.healthcheck.severty: unknown key "severty" (did you mean "severity"?)',
      'waivers[0].expiry: unknown key "expiry" (did you mean "expires"?)',
    ]);
  });

  it("validates options with the rule's schema and reports nested paths", () => {
    const lines = issuesOf({
      rules: {
        'oci-labels': {
          options: {
            required: [
              { name: 'a', pattern: '([' },
              { name: '', patern: 'x' },
            ],
            extra: 1,
          },
        },
      },
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'rules.oci-labels.options.required[0].pattern: is not a valid regular expression',
        'rules.oci-labels.options.required[1].name: must not be empty',
        'rules.oci-labels.options.required[1].patern: unknown key "patern" (did you mean "pattern"?)',
        'rules.oci-labels.options.extra: unknown key "extra"',
      ]),
    );
    expect(lines).toHaveLength(4);
  });

  it('rejects options for a rule that takes none, also alongside a bad sibling key', () => {
    expect(issuesOf({ rules: { healthcheck: { options: { interval: 5 }, enable: true } } })).toEqual([
      'rules.healthcheck.enable: unknown key "enable" (did you mean "enabled"?)',
      'rules.healthcheck.options: rule "healthcheck" takes no options',
    ]);
  });

  it('reports the wrong document shape at the root', () => {
    expect(issuesOf([])).toEqual([': expected an object, got an array']);
    expect(issuesOf({ rules: [], waivers: {} })).toEqual(['rules: expected an object, got an array', 'waivers: expected an array, got an object']);
  });
});

describe('parsePolicy: waivers', () => {
  it('accepts a full waiver and normalizes the fingerprint to lower case', () => {
    const waiver = {
      ...WAIVER,
      image: 'registry.example.com/team/*',
      path: '/app/test/fixtures/*',
      fingerprint: '1A2B3C4D5E6F',
      envKey: 'API_KEY',
      label: 'x',
    };
    const policy = parsePolicy({ waivers: [waiver] }, 'policy.json', RULES);
    expect(policy.waivers).toEqual([{ ...waiver, fingerprint: '1a2b3c4d5e6f' }]);
  });

  it("accepts an expired waiver: expiry is the engine's business", () => {
    const policy = parsePolicy({ waivers: [{ ...WAIVER, expires: '2001-01-01' }] }, 'policy.json', RULES);
    expect(policy.waivers[0]?.expires).toBe('2001-01-01');
  });

  it('requires rule, reason and expires, and checks each', () => {
    expect(issuesOf({ waivers: [{}] })).toEqual([
      'waivers[0].rule: is required',
      'waivers[0].reason: is required',
      'waivers[0].expires: is required',
    ]);
    expect(
      issuesOf({
        waivers: [
          { ...WAIVER, rule: 'secret-fil', reason: '   ' },
          { ...WAIVER, expires: '2027-02-30' },
          { ...WAIVER, expires: '31/03/2027' },
          { ...WAIVER, fingerprint: 'xyz', image: '' },
        ],
      }),
    ).toEqual([
      'waivers[0].rule: unknown rule "secret-fil" (did you mean "secret-file"?)',
      'waivers[0].reason: must not be empty',
      'waivers[1].expires: "2027-02-30" is not a real calendar date',
      'waivers[2].expires: expected a date like "2027-03-31" (YYYY-MM-DD), got "31/03/2027"',
      'waivers[3].image: must not be empty',
      'waivers[3].fingerprint: expected at least 6 hex characters of the fingerprint shown in the report, got "xyz"',
    ]);
  });
});

describe('parsePolicy: reporting', () => {
  it('reports all issues together in one ConfigError, one per line', () => {
    try {
      parsePolicy({ rules: { healthcheck: 'warn', nope: 'off' }, waivers: [{ rule: 'x' }] }, 'p.json', RULES);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { message, issues } = error as ConfigError;
      expect(issues.length).toBeGreaterThanOrEqual(5);
      expect(message.split('\n')).toHaveLength(issues.length);
      expect(message).toContain('p.json: rules.nope: unknown rule "nope"');
      expect(message).toContain('p.json: waivers[0].reason: is required');
    }
  });
});

describe('parsePolicy: a policy that checks nothing', () => {
  it('refuses to turn off every rule, alongside the other issues', () => {
    const everyRuleOff = Object.fromEntries(RULES.map((rule) => [rule.id, 'off']));
    expect(() => parsePolicy({ rules: everyRuleOff }, 'p.json', RULES)).toThrow(/p\.json: rules: turns off every rule .* pass every image/);
    try {
      parsePolicy({ rules: everyRuleOff, waivers: [{ rule: 'x' }] }, 'p.json', RULES);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.path)).toContain('rules');
      expect((error as ConfigError).issues.length).toBeGreaterThan(1);
    }
  });

  it('accepts a policy that keeps a single rule on', () => {
    const oneOn = Object.fromEntries(RULES.map((rule, i) => [rule.id, i === 0 ? 'error' : 'off']));
    expect(() => parsePolicy({ rules: oneOn }, 'p.json', RULES)).not.toThrow();
  });
});

describe('loadPolicyFile', () => {
  async function write(text: string): Promise<string> {
    const file = join(await tempDir('imagegate-policy-'), 'policy.json');
    await writeFile(file, text);
    return file;
  }

  it('loads a valid file and records its path as the source', async () => {
    const file = await write(JSON.stringify({ rules: { healthcheck: 'off' } }));
    const policy = await loadPolicyFile(file, RULES);
    expect(policy.source).toBe(file);
    expect(policy.rules['healthcheck']?.enabled).toBe(false);
  });

  it('names file, line and column on a JSON syntax error', async () => {
    const file = await write('{\n  "rules": {\n    "healthcheck": "off",\n  }\n}\n');
    const error = await loadPolicyFile(file, RULES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${file}: invalid JSON at line 3, column 25: trailing commas are not allowed in JSON`);
  });

  it('validates after parsing, naming the file', async () => {
    const file = await write('{ "rules": { "healthcheck": "loud" } }');
    await expect(loadPolicyFile(file, RULES)).rejects.toThrow(`${file}: rules.healthcheck: expected`);
  });

  it('reports a missing file as a ConfigError', async () => {
    await expect(loadPolicyFile('/nonexistent/policy.json', RULES)).rejects.toThrow('/nonexistent/policy.json: file not found');
  });
});
