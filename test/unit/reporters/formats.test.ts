// Every report format on one real check (an image with secrets, one that could not be read):
// SARIF against the official 2.1.0 schema, JUnit through a strict XML parser, GitHub commands,
// markdown, and no raw secret in any of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it, beforeAll } from 'vitest';
import { summarize } from '../../../src/engine/run-checks.js';
import type { ImageReport, Report } from '../../../src/engine/report.js';
import { docsPath } from '../../../src/rules/define-rule.js';
import { rules } from '../../../src/rules/index.js';
import { renderReport, REPORT_FORMATS } from '../../../src/reporters/index.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

const token = `ghp_${'Zx9Yw8Vu7T'.repeat(3)}abcdef`; // fake, GitHub-token shaped
const awsSecret = `${'q1W2e3R4t5'.repeat(4)}`;
let report: Report;

beforeAll(async () => {
  const built = await classicSaveArchive(
    [
      await layerTar([
        { path: 'app/.env', content: `GITHUB_TOKEN=${token}\n` },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
      ]),
    ],
    { env: ['PATH=/bin', `AWS_SECRET_ACCESS_KEY=${awsSecret}`], user: 'root' },
  );
  const checked = await checkMemoryImage(built, { policy: {}, budgets: { budgets: [{ image: '*', maxSize: '1MB' }] } });
  const broken: ImageReport = {
    reference: 'broken:1',
    passed: false,
    findings: [],
    error: { message: 'broken:1: layer 0 has uncompressed digest <a> & "b", but the config expects <c>' },
  };
  const images = [checked, broken];
  report = {
    version: 1,
    tool: { name: 'imagegate', version: '0.0.0-test' },
    rules: rules.map((rule) => ({
      id: rule.id,
      category: rule.meta.category,
      severity: rule.meta.defaultSeverity,
      description: rule.meta.description,
      docsUrl: docsPath(rule.id),
    })),
    images,
    summary: summarize(images, 'error'),
  };
});

describe('report formats', () => {
  it('SARIF validates against the official 2.1.0 schema, with every rule and a location on every result', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The official schema is draft-04 and has a pattern that is only valid outside unicode mode.
    const Ajv = require('ajv-draft-04') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const sarif = JSON.parse(renderReport('sarif', report)) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; locations: unknown[]; level: string }[];
        invocations: { executionSuccessful: boolean }[];
      }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    expect(run.results.length).toBe(report.images[0]!.findings.length);
    expect(run.results.every((result) => result.locations.length >= 1)).toBe(true);
    expect(new Set(run.results.map((result) => result.ruleId))).toEqual(
      new Set(['secret-file', 'secret-env', 'non-root-user', 'oci-labels', 'healthcheck']),
    );
    expect(run.invocations[0]!.executionSuccessful).toBe(false);
  });

  it('JUnit is well-formed XML with one suite per image and one case per evaluated rule', () => {
    const xml = renderReport('junit', report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml) as {
      testsuites: {
        testsuite: { '@_name': string; '@_failures': string; '@_errors': string; testcase: { '@_name': string; failure?: { '@_type': string } }[] }[];
      };
    };
    const [image, broken] = parsed.testsuites.testsuite;
    expect(parsed.testsuites.testsuite).toHaveLength(2);
    expect(image!.testcase.map((c) => c['@_name'])).toEqual(rules.map((rule) => rule.id));
    const failed = image!.testcase.filter((c) => c.failure).map((c) => c['@_name']);
    expect(failed).toEqual(['oci-labels', 'non-root-user', 'healthcheck', 'secret-env', 'secret-file']);
    expect(image!['@_failures']).toBe('5');
    expect(broken!['@_errors']).toBe('1');
  });

  it('github prints workflow commands with escaped properties', () => {
    const out = renderReport('github', report);
    const lines = out.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error title=imagegate secret-file%3A example.com/team/app%3A1::'))).toHaveLength(1);
    expect(lines.some((line) => line.startsWith('::error title=imagegate healthcheck'))).toBe(true);
    expect(lines.some((line) => line.startsWith('::error title=imagegate%3A broken%3A1 could not be checked::'))).toBe(true);
    expect(lines.every((line) => !line.includes('\r'))).toBe(true);
  });

  it('gitlab is a Code Quality array anchored at the Dockerfile, one issue per counted finding and per unchecked image', () => {
    const issues = JSON.parse(renderReport('gitlab', report, { dockerfile: 'services/api/Dockerfile' })) as {
      check_name: string;
      severity: string;
      fingerprint: string;
      description: string;
      location: { path: string; lines: { begin: number } };
    }[];
    const counted = report.images[0]!.findings.length;
    expect(issues).toHaveLength(counted + 1);
    expect(issues.every((issue) => issue.location.path === 'services/api/Dockerfile' && issue.location.lines.begin === 1)).toBe(true);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    expect(issues.map((issue) => issue.severity)).toContain('critical');
    expect(issues.at(-1)).toMatchObject({ check_name: 'imagegate', severity: 'blocker' });
    expect(issues.find((issue) => issue.check_name === 'imagegate/secret-file')?.description).toContain('/app/.env:1');
  });

  it('--dockerfile anchors SARIF metadata findings and GitHub annotations at the given file', () => {
    const sarif = JSON.parse(renderReport('sarif', report, { dockerfile: 'svc/Dockerfile' })) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const user = sarif.runs[0]!.results.find((result) => result.ruleId === 'non-root-user')!;
    expect(user.locations[0]!.physicalLocation.artifactLocation.uri).toBe('svc/Dockerfile');
    expect(renderReport('github', report, { dockerfile: 'svc/Dockerfile' })).toMatch(/^::error file=svc\/Dockerfile,title=/m);
    expect(renderReport('github', report)).not.toContain('file=');
  });

  it('markdown is a compact summary with a table row per image', () => {
    const md = renderReport('markdown', report);
    expect(md).toContain('### imagegate: ⚠️ could not check every image');
    expect(md).toContain('| `example.com/team/app:1` | linux/amd64 |');
    expect(md).toContain('**`broken:1`** could not be checked');
  });

  it.each(REPORT_FORMATS)('%s never contains a raw secret', (format) => {
    const out = renderReport(format, report);
    expect(out).not.toContain(token);
    expect(out).not.toContain(awsSecret);
  });
});
