// JUnit XML for CI test tabs (Jenkins, GitLab, Azure DevOps): one <testsuite> per image, one
// <testcase> per evaluated rule; a rule fails when it has a finding at or above --fail-on.
import type { Finding } from '../core/finding.js';
import type { ImageReport, Report } from '../engine/report.js';
import { counts } from '../exit-code.js';
import { imageTitle, waivedText, whereText } from './finding-facts.js';

export function formatJunit(report: Report): string {
  const failOn = report.summary.failOn;
  const suites = report.images.map((image) => suite(image, report, failOn));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="imagegate" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(
  image: ImageReport,
  report: Report,
  failOn: Report['summary']['failOn'],
): { xml: string; tests: number; failures: number; errors: number } {
  const name = imageTitle(image);
  const props = [
    ['reference', image.reference],
    ['digest', image.digest],
    ['platform', image.platform],
    ['sizeBytes', image.sizeBytes?.toString()],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  const properties = props.length
    ? [`    <properties>`, ...props.map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`), `    </properties>`]
    : [];
  if (image.error) {
    const xml = [
      `  <testsuite name="${attr(name)}" tests="1" failures="0" errors="1" skipped="0">`,
      ...properties,
      `    <testcase classname="${attr(`imagegate.${image.reference}`)}" name="image can be read and verified">`,
      `      <error type="could-not-check" message="${attr(image.error.message)}">${text(image.error.message)}</error>`,
      '    </testcase>',
      '  </testsuite>',
    ].join('\n');
    return { xml, tests: 1, failures: 0, errors: 1 };
  }
  let failures = 0;
  const cases = report.rules.map((rule) => {
    const findings = image.findings.filter((finding) => finding.ruleId === rule.id);
    const failing = findings.filter((finding) => counts(finding, failOn));
    const head = `    <testcase classname="${attr(`imagegate.${image.reference}`)}" name="${attr(rule.id)}">`;
    const lines = [head];
    if (failing.length > 0) {
      failures++;
      const summary = failing.length === 1 ? failing[0]!.message : `${failing.length} findings: ${failing[0]!.message}`;
      lines.push(`      <failure type="${attr(rule.id)}" message="${attr(summary)}">${text(failing.map(describe).join('\n'))}</failure>`);
    }
    const other = findings.filter((finding) => !failing.includes(finding));
    if (other.length > 0) lines.push(`      <system-out>${text(other.map(describe).join('\n'))}</system-out>`);
    lines.push('    </testcase>');
    return lines.join('\n');
  });
  const xml = [
    `  <testsuite name="${attr(name)}" tests="${report.rules.length}" failures="${failures}" errors="0" skipped="0">`,
    ...properties,
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: report.rules.length, failures, errors: 0 };
}

function describe(finding: Finding): string {
  const where = whereText(finding.location);
  const waiver = finding.waived ? (finding.waived.expired ? ` (waiver expired ${finding.waived.expires})` : ` (${waivedText(finding.waived)})`) : '';
  return `[${finding.severity}] ${finding.message}${where ? ` — ${where}` : ''}${waiver}`;
}

/** XML 1.0 forbids most control characters even escaped; drop them, escape the rest. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function attr(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
