// secret-file: credentials in any layer's files — including files a later layer deleted, which stay
// extractable, and members of archives (jars, tarballs, .gz) in them.
import type { MaskedSecret } from '../core/finding.js';
import { PackageContent, type ContentDigests, type PackageContentSummary, type ThirdPartySummary } from '../packages/package-content.js';
import { LineSplitter } from '../packages/line-splitter.js';
import {
  emptyThirdParty,
  parseSavedThirdParty,
  ThirdPartyIndex,
  ThirdPartyRecordReader,
  thirdPartyRecordKind,
  vendorArchivePlace,
  type SavedThirdParty,
} from '../packages/third-party.js';
import { isPackageDatabase } from '../packages/package-databases.js';
import { isCredentialFile, isDocsOrTestsPath, isGenericKind, isInterestingPath, type ScannedFile, type SecretMatch } from '../secrets/index.js';
import type { Severity } from '../core/finding.js';
import { z } from 'zod';
import { archiveLimitsSchema, DEFAULT_ARCHIVE_LIMITS, ImageArchiveBudget } from '../archives/limits.js';
import { isArchivePath } from '../archives/sniff.js';
import { defineRule } from './define-rule.js';
import { archiveAwareVisitor } from './secret-file-archives.js';

interface Pending {
  layerKey: string;
  path: string;
  /** Inside an archive: the member path, nested archives joined by "!/". */
  member?: string;
  line: number;
  secret: MaskedSecret;
  data: { title: string; masked: string };
  /** Set when the match is less severe than the rule (encrypted keys, test keys). */
  severity?: SecretMatch['severity'];
  /** The file's size and content digests: whether it is unchanged package content is known only once every layer is read. */
  size: number;
  digests?: ContentDigests;
}

type Saved = Omit<Pending, 'layerKey'>;

/** An archive not read to its end (a bound, a broken or unsupported archive): never silently skipped. */
interface PendingWarning {
  layerKey: string;
  path: string;
  member?: string;
  reason: string;
  size: number;
  digests?: ContentDigests;
}

type SavedWarning = Omit<PendingWarning, 'layerKey'>;

/** A package's archive that was not opened: by its place (no digests), or to verify against the records. */
interface PendingUnopened {
  layerKey: string;
  path: string;
  ecosystem: string;
  size: number;
  digests?: ContentDigests;
}

type SavedUnopened = Omit<PendingUnopened, 'layerKey'>;

/** What findings in third-party content and in docs/tests become: a lower severity, or nothing ('off'). */
const demotion = z.enum(['error', 'warning', 'info', 'off']);
const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };
const lower = (a: Severity, b: Severity | undefined): Severity => (b !== undefined && RANK[b] < RANK[a] ? b : a);

export default defineRule({
  id: 'secret-file',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: "No credential is shipped in any layer's files, including files deleted by a later layer.",
    messages: {
      SECRET_IN_FILE:
        '{{title}} in {{path}}:{{line}}: {{masked}}, added in layer {{layer}}; keep it out of the build context (.dockerignore) or use a BuildKit secret mount, and rotate it',
      SECRET_IN_DELETED_FILE:
        '{{title}} in {{path}}:{{line}}: {{masked}}; a later layer {{fate}} the file but it is still extractable from layer {{layer}} — never COPY it in (use a BuildKit secret mount or a multi-stage build), and rotate it',
      SECRET_IN_PACKAGE:
        '{{title}} in {{path}}:{{line}}: {{masked}}, in the {{ecosystem}} package {{package}} (third-party content, layer {{layer}}); usually a sample the package ships — if it is a real credential, report it to the package and rotate it',
      SECRET_IN_DOCS:
        '{{title}} in {{path}}:{{line}}: {{masked}}, a generic pattern in documentation, tests or examples (layer {{layer}}); usually a sample — if it is a real credential, remove it and rotate it',
      ARCHIVE_NOT_FULLY_SCANNED:
        "archive {{path}} {{reason}}, so part of it was not scanned for secrets (layer {{layer}}); if it is yours and this is expected, raise the bound in secret-file's archiveLimits, otherwise find out what it holds",
      ARCHIVE_NOT_OPENED:
        "archive {{path}} was not opened: it lies where packages are installed, but no package record of the image has its content (layer {{layer}}); if it is yours, set secret-file's skipUnchangedPackageFiles to false to scan it",
    },
  },
  // Every layer ships, so a deleted file's secret is still in the image: reported by default.
  // finalFilesystemOnly is for teams that accept that risk knowingly (e.g. images never pulled outside).
  // skipUnchangedPackageFiles: a distro package's own test keys are not the image owner's secret,
  // but only content that still matches its package record is skipped, never a path as such.
  // openArchives: zip-family, tar, gzip, zstd, bzip2 and xz files are opened and their members scanned, within
  // archiveLimits (bounds against archive bombs; hitting one is a warning naming the archive).
  // thirdPartyContent / docsAndTests: findings in installed language packages (node_modules,
  // site-packages, vendor/, gems, Go and Maven caches) and generic patterns in docs and tests are
  // samples far more often than credentials; 'error' restores full reporting, 'off' drops them.
  defaultOptions: {
    finalFilesystemOnly: false,
    skipUnchangedPackageFiles: true,
    openArchives: true,
    archiveLimits: DEFAULT_ARCHIVE_LIMITS,
    thirdPartyContent: 'info',
    docsAndTests: 'info',
  },
  optionsSchema: z.strictObject({
    finalFilesystemOnly: z.boolean().default(false),
    skipUnchangedPackageFiles: z.boolean().default(true),
    openArchives: z.boolean().default(true),
    archiveLimits: archiveLimitsSchema.default(DEFAULT_ARCHIVE_LIMITS),
    thirdPartyContent: demotion.default('info'),
    docsAndTests: demotion.default('info'),
  }),
  needs: { files: (path) => isInterestingPath(path) || isPackageDatabase(path) || isArchivePath(path) },
  create(context) {
    const { finalFilesystemOnly, skipUnchangedPackageFiles, openArchives, archiveLimits, thirdPartyContent, docsAndTests } = context.options;
    const thirdParty = new Map<string, SavedThirdParty>();
    const recordsOf = (layerKey: string): SavedThirdParty => {
      let records = thirdParty.get(layerKey);
      if (!records) thirdParty.set(layerKey, (records = emptyThirdParty()));
      return records;
    };
    const pending: Pending[] = [];
    const warnings: PendingWarning[] = [];
    const unopened: PendingUnopened[] = [];
    const archiveBudget = new ImageArchiveBudget(archiveLimits);
    // Scans finish on other threads; their results are gathered before `image` runs. Only scans
    // still running are kept: a promise per scanned file, held until every layer was read, was
    // over 5 MB of a 3 GB image's heap. The first failure is kept for `settle` to throw.
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    const packages = new PackageContent();
    let summary: PackageContentSummary | undefined;
    const collect = (layerKey: string, path: string, size: number, scanned: ScannedFile, member?: string, digests = scanned.digests): void => {
      for (const match of scanned.matches) {
        pending.push({
          layerKey,
          path,
          ...(member !== undefined ? { member } : {}),
          ...context.maskSecret(match),
          ...(match.severity ? { severity: match.severity } : {}),
          size,
          ...(digests ? { digests } : {}),
        });
      }
    };
    const track = (scan: Promise<void>): void => {
      const tracked: Promise<void> = scan.catch((error: unknown) => void (failure ??= { error })).finally(() => running.delete(tracked));
      running.add(tracked);
    };
    return {
      file(file, layerKey) {
        // Package databases are read for their records (on this thread: they are small and few), never scanned.
        const database = skipUnchangedPackageFiles ? packages.reader(file.path, layerKey) : undefined;
        if (database) return database;
        const recordKind = thirdPartyContent !== 'error' ? thirdPartyRecordKind(file.path) : undefined;
        const records = recordKind ? new ThirdPartyRecordReader(file.path, recordKind, recordsOf(layerKey)) : undefined;
        if (records && recordKind === 'pip') {
          // pip's RECORD is read for its records (paths and hashes), never scanned, like dpkg's md5sums.
          const lines = new LineSplitter((line) => records.line(line.toString('utf8')));
          return { chunk: (data) => (lines.push(data), true), end: () => (lines.end(), records.end()) };
        }
        // A package's archive is not opened (skipUnchangedPackageFiles, or thirdPartyContent for
        // the places known by path): only the team's own archives are worth the work.
        const place = openArchives && isArchivePath(file.path) ? vendorArchivePlace(file.path, packages.hasRecords) : undefined;
        const vendor = place && (place.verify ? skipUnchangedPackageFiles : thirdPartyContent !== 'error') ? place : undefined;
        const visitor = archiveAwareVisitor({
          file,
          openArchives,
          ...(vendor ? { vendor: vendor.verify ? ('verify' as const) : ('skip' as const) } : {}),
          onUnopened: (digests) =>
            void unopened.push({
              layerKey,
              path: file.path,
              ecosystem: vendor?.ecosystem ?? 'system',
              size: file.size,
              ...(digests ? { digests } : {}),
            }),
          digests: skipUnchangedPackageFiles,
          budget: archiveBudget,
          scanner: (path, size, options) => context.fileScanner(path, size, options),
          onText: (scan) => track(scan.then((scanned) => collect(layerKey, file.path, file.size, scanned))),
          onArchive: (outcome) =>
            track(
              outcome.then(({ members, warnings: found, digests }) => {
                for (const { member, scanned } of members) collect(layerKey, file.path, file.size, scanned, member, digests);
                for (const warning of found) {
                  warnings.push({
                    layerKey,
                    path: file.path,
                    ...(warning.member !== undefined ? { member: warning.member } : {}),
                    reason: warning.reason,
                    size: file.size,
                    ...(digests ? { digests } : {}),
                  });
                }
              }),
            ),
        });
        if (!visitor || !records) return visitor;
        // A package's manifest (package.json, installed.json) is scanned and read for its records alike.
        return {
          chunk: (data) => {
            records.text(data.toString('latin1'));
            return visitor.chunk(data);
          },
          end: () => {
            records.end();
            visitor.end();
          },
        };
      },
      layerMemo: {
        save: (layerKey) => {
          const findings: Saved[] = pending.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const archives: SavedWarning[] = warnings.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const packaged: SavedUnopened[] = unopened.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const records = packages.save(layerKey);
          const third = thirdParty.get(layerKey);
          return {
            findings,
            ...(archives.length > 0 ? { warnings: archives } : {}),
            ...(packaged.length > 0 ? { unopened: packaged } : {}),
            ...(records ? { packages: records } : {}),
            ...(third ? { thirdParty: third } : {}),
          };
        },
        parse: parseMemo,
        apply: (layerKey, parsed) => {
          const memo = parsed as ParsedMemo;
          for (const found of memo.findings) pending.push({ layerKey, ...found });
          for (const found of memo.warnings ?? []) warnings.push({ layerKey, ...found });
          for (const found of memo.unopened ?? []) unopened.push({ layerKey, ...found });
          if (memo.packages) packages.apply(layerKey, memo.packages);
          if (memo.thirdParty) thirdParty.set(layerKey, memo.thirdParty);
        },
      },
      async settle() {
        while (running.size > 0) await Promise.all(running);
        if (failure) throw failure.error;
      },
      image(_image, fs) {
        const index = skipUnchangedPackageFiles ? packages.index((key) => context.layerIndexOf(key) !== undefined) : undefined;
        const owners = new ThirdPartyIndex([...thirdParty].filter(([key]) => context.layerIndexOf(key) !== undefined).map(([, records]) => records));
        const classified = new Classified();
        const verified = new Map<string, number>();
        let dropped = 0;
        for (const found of pending) {
          const layer = context.layerIndexOf(found.layerKey);
          if (layer === undefined) continue; // a layer of another image in the same archive
          const visible = fs.isVisible(found.path, layer);
          if (!visible && finalFilesystemOnly) continue;
          if (index && found.digests && index.matches(found.path, found.digests)) {
            dropped++;
            verified.set(`${found.layerKey}\0${found.path}`, found.size);
            continue;
          }
          const shown = found.member !== undefined ? `${found.path}!/${found.member}` : found.path;
          const base = { ...found.data, path: shown, line: found.line, layer };
          const location = {
            path: found.path,
            ...(found.member !== undefined ? { member: found.member } : {}),
            line: found.line,
            layer,
            inFinalFilesystem: visible,
          };
          // A credential file (an .npmrc, a docker config) dropped into node_modules by hand is still the team's.
          const owner =
            thirdPartyContent !== 'error' && !isCredentialFile(found.secret.kind, shown) ? owners.owner(found.path, found.digests) : undefined;
          if (owner) {
            classified.add(owner.ecosystem, found.layerKey, found.path);
            if (thirdPartyContent === 'off') continue;
            const data = { ...base, ecosystem: owner.ecosystem, package: owner.name };
            context.report({
              messageId: 'SECRET_IN_PACKAGE',
              data,
              location,
              secret: found.secret,
              severity: lower(thirdPartyContent as Severity, found.severity),
            });
            continue;
          }
          // A member's own path counts: a README or a test inside a jar or zip is documentation too.
          if (docsAndTests !== 'error' && isGenericKind(found.secret.kind) && isDocsOrTestsPath(shown)) {
            classified.add('docs and tests', found.layerKey, found.path);
            if (docsAndTests === 'off') continue;
            context.report({
              messageId: 'SECRET_IN_DOCS',
              data: base,
              location,
              secret: found.secret,
              severity: lower(docsAndTests as Severity, found.severity),
            });
            continue;
          }
          if (visible)
            context.report({
              messageId: 'SECRET_IN_FILE',
              data: base,
              location,
              secret: found.secret,
              ...(found.severity ? { severity: found.severity } : {}),
            });
          else
            context.report({
              messageId: 'SECRET_IN_DELETED_FILE',
              data: { ...base, fate: fs.get(found.path) ? 'overwrote' : 'deleted' },
              location,
              secret: found.secret,
              ...(found.severity ? { severity: found.severity } : {}),
            });
        }
        for (const warning of warnings) {
          const layer = context.layerIndexOf(warning.layerKey);
          if (layer === undefined) continue;
          const visible = fs.isVisible(warning.path, layer);
          if (!visible && finalFilesystemOnly) continue;
          // A package's own archive is not opened by default: its bound or format is not the image owner's problem.
          if (index && warning.digests && index.matches(warning.path, warning.digests)) continue;
          const shown = warning.member !== undefined ? `${warning.path}!/${warning.member}` : warning.path;
          const location = {
            path: warning.path,
            ...(warning.member !== undefined ? { member: warning.member } : {}),
            layer,
            inFinalFilesystem: visible,
          };
          context.report({
            messageId: 'ARCHIVE_NOT_FULLY_SCANNED',
            data: { path: shown, reason: warning.reason, layer },
            location,
            severity: 'warning',
          });
        }
        for (const archive of unopened) {
          const layer = context.layerIndexOf(archive.layerKey);
          if (layer === undefined) continue;
          const visible = fs.isVisible(archive.path, layer);
          if (!visible && finalFilesystemOnly) continue;
          if (!archive.digests) {
            classified.files(archive.ecosystem, archive.layerKey, archive.path);
            continue;
          }
          const pip = owners.owner(archive.path, archive.digests);
          if ((index && index.matches(archive.path, archive.digests)) || pip?.ecosystem === 'pip') {
            verified.set(`${archive.layerKey}\0${archive.path}`, archive.size);
            continue;
          }
          const location = { path: archive.path, layer, inFinalFilesystem: visible };
          context.report({ messageId: 'ARCHIVE_NOT_OPENED', data: { path: archive.path, layer }, location, severity: 'warning' });
        }
        const verifiedBytes = [...verified.values()].reduce((sum, size) => sum + size, 0);
        const thirdPartySummary = mergeSummary(owners.known(), classified.summary());
        if (index || Object.keys(thirdPartySummary).length > 0) {
          summary = {
            databases: index?.managers ?? [],
            knownFiles: index?.knownFiles ?? 0,
            verifiedFiles: verified.size,
            verifiedBytes,
            droppedFindings: dropped,
            ...(Object.keys(thirdPartySummary).length > 0 ? { thirdParty: thirdPartySummary } : {}),
          };
        }
      },
      facts: () => (summary ? { packageContent: summary } : {}),
    };
  },
});

interface ParsedMemo {
  findings: Saved[];
  warnings?: SavedWarning[];
  unopened?: SavedUnopened[];
  packages?: unknown;
  thirdParty?: SavedThirdParty;
}

function parseMemo(memo: unknown): ParsedMemo | undefined {
  const value = memo as { findings?: unknown; warnings?: unknown; unopened?: unknown; packages?: unknown; thirdParty?: unknown } | null;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.findings) || !value.findings.every(isSavedFinding)) return undefined;
  if (value.warnings !== undefined && !(Array.isArray(value.warnings) && value.warnings.every(isSavedWarning))) return undefined;
  if (value.unopened !== undefined && !(Array.isArray(value.unopened) && value.unopened.every(isSavedUnopened))) return undefined;
  const parsed: ParsedMemo = {
    findings: value.findings,
    ...(value.warnings ? { warnings: value.warnings } : {}),
    ...(value.unopened ? { unopened: value.unopened } : {}),
  };
  if (value.packages !== undefined) {
    const packages = PackageContent.parse(value.packages);
    if (!packages) return undefined;
    parsed.packages = packages;
  }
  if (value.thirdParty !== undefined) {
    const third = parseSavedThirdParty(value.thirdParty);
    if (!third) return undefined;
    parsed.thirdParty = third;
  }
  return parsed;
}

/** Files and findings classified as third-party content or docs/tests, per ecosystem. */
class Classified {
  private readonly by = new Map<string, { files: Set<string>; findings: number }>();
  add(group: string, layerKey: string, path: string): void {
    let entry = this.by.get(group);
    if (!entry) this.by.set(group, (entry = { files: new Set(), findings: 0 }));
    entry.files.add(`${layerKey}\0${path}`);
    entry.findings++;
  }
  /** A file classified without a finding (a package's archive left unopened). */
  files(group: string, layerKey: string, path: string): void {
    let entry = this.by.get(group);
    if (!entry) this.by.set(group, (entry = { files: new Set(), findings: 0 }));
    entry.files.add(`${layerKey}\0${path}`);
  }
  summary(): Record<string, { files: number; findings: number }> {
    return Object.fromEntries([...this.by].map(([group, { files, findings }]) => [group, { files: files.size, findings }]));
  }
}

function mergeSummary(
  known: Record<string, { packages: number }>,
  classified: Record<string, { files: number; findings: number }>,
): ThirdPartySummary {
  const out: ThirdPartySummary = {};
  for (const group of new Set([...Object.keys(known), ...Object.keys(classified)]).values()) {
    out[group] = { packages: known[group]?.packages ?? 0, files: classified[group]?.files ?? 0, findings: classified[group]?.findings ?? 0 };
  }
  return out;
}

const isKey = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isSavedFinding(value: unknown): value is Saved {
  const found = value as Partial<Saved> | null;
  return (
    typeof found === 'object' &&
    found !== null &&
    typeof found.path === 'string' &&
    typeof found.line === 'number' &&
    isKey(found.size) &&
    (found.member === undefined || typeof found.member === 'string') &&
    typeof found.secret === 'object' &&
    found.secret !== null &&
    typeof found.secret.preview === 'string' &&
    typeof found.secret.fingerprint === 'string' &&
    typeof found.data === 'object' &&
    found.data !== null &&
    typeof found.data.title === 'string' &&
    typeof found.data.masked === 'string' &&
    (found.severity === undefined || found.severity === 'warning') &&
    isDigests(found.digests)
  );
}

function isDigests(value: unknown): boolean {
  const digests = value as Partial<ContentDigests> | null | undefined;
  return (
    digests === undefined ||
    (typeof digests === 'object' &&
      digests !== null &&
      isKey(digests.md5) &&
      isKey(digests.sha1) &&
      (digests.sha256 === undefined || isKey(digests.sha256)))
  );
}

function isSavedWarning(value: unknown): value is SavedWarning {
  const found = value as Partial<SavedWarning> | null;
  return (
    typeof found === 'object' &&
    found !== null &&
    typeof found.path === 'string' &&
    typeof found.reason === 'string' &&
    isKey(found.size) &&
    (found.member === undefined || typeof found.member === 'string') &&
    isDigests(found.digests)
  );
}

function isSavedUnopened(value: unknown): value is SavedUnopened {
  const found = value as Partial<SavedUnopened> | null;
  return (
    typeof found === 'object' &&
    found !== null &&
    typeof found.path === 'string' &&
    typeof found.ecosystem === 'string' &&
    isKey(found.size) &&
    isDigests(found.digests)
  );
}
