// SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, Sonar…): one run,
// every evaluated rule in the driver, one result per finding with a location inside the image.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../core/finding.js';
import type { ImageReport, Report } from '../engine/report.js';
import { findingFingerprint, isWaived, waivedText, whereText } from './finding-facts.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report, options: { dockerfile: string } = { dockerfile: 'Dockerfile' }): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const rules: ReportingDescriptor[] = report.rules.map((rule) => ({
    id: rule.id,
    name: camel(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} See ${rule.docsUrl} in the imagegate package, or run: imagegate explain ${rule.id}` },
    help: { text: `imagegate explain ${rule.id} (${rule.docsUrl})` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category, tags: ['container', rule.category] },
  }));
  const results = report.images.flatMap((image) =>
    image.findings.map((finding) => result(image, finding, ruleIndex.get(finding.ruleId), options.dockerfile)),
  );
  const failures = report.images.filter((image) => image.error);
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'imagegate', version: report.tool.version, semanticVersion: report.tool.version, rules } },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            exitCode: report.summary.exitCode,
            toolExecutionNotifications: failures.map((image) => ({
              level: 'error',
              message: { text: `${image.reference} could not be checked: ${image.error!.message}` },
            })),
          },
        ],
        originalUriBaseIds: { IMAGE_ROOT: { description: { text: "The root of the checked image's filesystem." } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(image: ImageReport, finding: Finding, index: number | undefined, dockerfile: string): Result {
  const { location } = finding;
  const where = whereText(location);
  const physical = location.path
    ? {
        artifactLocation: { uri: encodeURI(archiveUri(location.path, location.member).replace(/^\/+/, '')), uriBaseId: 'IMAGE_ROOT' },
        ...(location.line ? { region: { startLine: location.line } } : {}),
      }
    : // Metadata findings (env, labels, history, user, size) are fixed in the Dockerfile.
      { artifactLocation: { uri: encodeURI(dockerfile) } };
  const sarifResult: Result = {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}${where ? ` [${where}]` : ''} — ${image.reference}` },
    locations: [
      {
        physicalLocation: physical,
        logicalLocations: [
          {
            name: image.reference,
            fullyQualifiedName: `${image.normalizedReference ?? image.reference}${image.digest ? `@${image.digest}` : ''}`,
            kind: 'container-image',
          },
        ],
      },
    ],
    partialFingerprints: { 'imagegate/v1': findingFingerprint(image, finding) },
    properties: {
      image: image.reference,
      ...(image.digest ? { digest: image.digest } : {}),
      ...(image.platform ? { platform: image.platform } : {}),
      messageId: finding.messageId,
      ...location,
      ...(finding.secret ? { secret: finding.secret } : {}),
    },
  };
  if (finding.waived) {
    sarifResult.suppressions = isWaived(finding) ? [{ kind: 'external', status: 'accepted', justification: waivedText(finding.waived) }] : [];
  }
  return sarifResult;
}

function camel(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** A member of an archive as the jar: URL scheme and most tools spell it: app.jar!/BOOT-INF/classes/application.properties. */
function archiveUri(path: string, member: string | undefined): string {
  return member !== undefined ? `${path}!/${member}` : path;
}
