// imagegate merge: shard reports as one report, summary recomputed, inputs validated.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReports, readReportFile, type ReportFile } from '../../../src/audit/merge.js';
import type { Finding } from '../../../src/core/finding.js';
import type { ImageReport, Report } from '../../../src/engine/report.js';
import { summarize } from '../../../src/engine/run-checks.js';
import { renderReport, REPORT_FORMATS } from '../../../src/reporters/index.js';
import { TOOL_VERSION } from '../../../src/version.js';
import { tempDir } from '../support/temp-dir.js';

const rule = (id: string, severity: Finding['severity'] = 'error') => ({
  id,
  category: 'security',
  severity,
  description: `${id} rule`,
  docsUrl: `docs/rules/${id}.md`,
});

const finding = (severity: Finding['severity'], waived?: Finding['waived']): Finding => ({
  ruleId: 'healthcheck',
  messageId: 'NO_HEALTHCHECK',
  severity,
  message: 'no HEALTHCHECK',
  location: {},
  ...(waived ? { waived } : {}),
});

function image(reference: string, findings: Finding[] = [], error?: string): ImageReport {
  const counted = findings.some((f) => f.severity === 'error' && !(f.waived && !f.waived.expired));
  return {
    reference,
    normalizedReference: `docker.io/${reference}`,
    platform: 'linux/amd64',
    sizeBytes: 1000,
    passed: !counted && !error,
    findings,
    ...(error ? { error: { message: error } } : {}),
  };
}

function report(images: ImageReport[], overrides: { version?: string; failOn?: Finding['severity']; rules?: Report['rules'] } = {}): Report {
  const failOn = overrides.failOn ?? 'error';
  return {
    version: 1,
    tool: { name: 'imagegate', version: overrides.version ?? TOOL_VERSION },
    rules: overrides.rules ?? [rule('healthcheck'), rule('non-root-user')],
    images,
    summary: summarize(images, failOn),
  };
}

const input = (file: string, r: Report): ReportFile => ({ file, report: r });

describe('mergeReports', () => {
  it('concatenates images sorted by reference and recomputes the summary', () => {
    const shard1 = report([image('team/zeta:1'), image('team/alpha:1', [finding('error')])]);
    const shard2 = report([image('team/mid:2', [finding('warning'), finding('error', { reason: 'r', expires: '2099-01-01', expired: false })])]);
    const merged = mergeReports([input('shard-1.json', shard1), input('shard-2.json', shard2)]);
    expect(merged.images.map((i) => i.reference)).toEqual(['team/alpha:1', 'team/mid:2', 'team/zeta:1']);
    expect(merged.summary).toEqual({
      images: 3,
      passed: 2,
      failed: 1,
      errored: 0,
      findings: { error: 1, warning: 1, info: 0 },
      waived: 1,
      failOn: 'error',
      exitCode: 1,
    });
    expect(merged.tool).toEqual({ name: 'imagegate', version: TOOL_VERSION });
    // The same inputs in another order make the same report.
    expect(mergeReports([input('shard-2.json', shard2), input('shard-1.json', shard1)])).toEqual(merged);
  });

  it('takes the exit code of the merged report: 0 when all passed, 2 when any image could not be checked', () => {
    expect(mergeReports([input('a', report([image('a:1')])), input('b', report([image('b:1')]))]).summary.exitCode).toBe(0);
    expect(
      mergeReports([input('a', report([image('a:1', [finding('error')])])), input('b', report([image('b:1', [], 'engine went away')]))]).summary,
    ).toMatchObject({ exitCode: 2, errored: 1, failed: 1 });
    // An empty shard merges to nothing.
    expect(mergeReports([input('a', report([])), input('b', report([image('b:1')]))]).summary).toMatchObject({ images: 1, exitCode: 0 });
  });

  it('unions the rules evaluated', () => {
    const merged = mergeReports([
      input('a', report([], { rules: [rule('healthcheck')] })),
      input('b', report([], { rules: [rule('healthcheck'), rule('secret-env')] })),
    ]);
    expect(merged.rules.map((r) => r.id)).toEqual(['healthcheck', 'secret-env']);
  });

  it('refuses reports of different versions, --fail-on or policies, and the same image twice', () => {
    expect(() => mergeReports([input('a.json', report([])), input('b.json', report([], { version: '0.0.1' }))])).toThrow(
      `b.json was written by imagegate 0.0.1, a.json by ${TOOL_VERSION}`,
    );
    expect(() => mergeReports([input('a.json', report([])), input('b.json', report([], { failOn: 'warning' }))])).toThrow(
      'b.json was checked with --fail-on warning, a.json with --fail-on error',
    );
    expect(() => mergeReports([input('a.json', report([])), input('b.json', report([], { rules: [rule('healthcheck', 'warning')] }))])).toThrow(
      'rule healthcheck ran at severity warning in b.json but error in a.json',
    );
    expect(() => mergeReports([input('a.json', report([image('x:1')])), input('b.json', report([image('x:1')]))])).toThrow(
      'x:1 (linux/amd64) is in both a.json and b.json',
    );
  });

  it('renders in every format', () => {
    const merged = mergeReports([input('a', report([image('a:1', [finding('error')])])), input('b', report([]))]);
    for (const format of REPORT_FORMATS) expect(renderReport(format, merged).length).toBeGreaterThan(0);
  });
});

describe('readReportFile', () => {
  it('reads a JSON report back exactly as it was written', async () => {
    const dir = await tempDir();
    const written = report([image('team/app:1', [finding('error')])]);
    await writeFile(join(dir, 'r.json'), renderReport('json', written));
    expect((await readReportFile(join(dir, 'r.json'))).report).toEqual(written);
  });

  it.each([
    ['sarif.json', JSON.stringify({ version: '2.1.0', runs: [] }), 'not an imagegate JSON report'],
    ['array.json', '[]', 'not an imagegate JSON report'],
    ['text.txt', 'team/app:1  passed\n', 'invalid JSON'],
    [
      'cut.json',
      JSON.stringify({
        version: 1,
        tool: { name: 'imagegate', version: '0.1.0' },
        rules: [],
        images: [{ reference: 'a:1' }],
        summary: { failOn: 'error' },
      }),
      'images[0].passed',
    ],
    [
      'severity.json',
      JSON.stringify({ version: 1, tool: { name: 'imagegate', version: '0.1.0' }, rules: [], images: [], summary: { failOn: 'fatal' } }),
      'summary.failOn',
    ],
  ])('refuses %s, naming the file', async (name, content, message) => {
    const dir = await tempDir();
    const file = join(dir, name);
    await writeFile(file, content);
    await expect(readReportFile(file)).rejects.toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(file) }));
    await expect(readReportFile(file)).rejects.toThrow(message);
  });

  it('names a file that is not there', async () => {
    await expect(readReportFile('/nonexistent/report.json')).rejects.toThrow('/nonexistent/report.json: file not found');
  });
});
