// secret-file: credentials in any layer's files — including files a later layer deleted, which stay
// extractable, and members of archives (jars, tarballs, .gz) in them.
import type { MaskedSecret } from '../engine/finding.js';
import { PackageContent, type ContentDigests, type PackageContentSummary } from '../packages/package-content.js';
import { isPackageDatabase } from '../packages/package-databases.js';
import { isInterestingPath, type ScannedFile, type SecretMatch } from '../secrets/index.js';
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

export default defineRule({
  id: 'secret-file',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is shipped in any layer\'s files, including files deleted by a later layer.',
    messages: {
      SECRET_IN_FILE: '{{title}} in {{path}}:{{line}}: {{masked}}, added in layer {{layer}}; keep it out of the build context (.dockerignore) or use a BuildKit secret mount, and rotate it',
      SECRET_IN_DELETED_FILE: '{{title}} in {{path}}:{{line}}: {{masked}}; a later layer {{fate}} the file but it is still extractable from layer {{layer}} — never COPY it in (use a BuildKit secret mount or a multi-stage build), and rotate it',
      ARCHIVE_NOT_FULLY_SCANNED: 'archive {{path}} {{reason}}, so part of it was not scanned for secrets (layer {{layer}}); if it is yours and this is expected, raise the bound in secret-file\'s archiveLimits, otherwise find out what it holds',
    },
  },
  // Every layer ships, so a deleted file's secret is still in the image: reported by default.
  // finalFilesystemOnly is for teams that accept that risk knowingly (e.g. images never pulled outside).
  // skipUnchangedPackageFiles: a distro package's own test keys are not the image owner's secret,
  // but only content that still matches its package record is skipped, never a path as such.
  // openArchives: zip-family, tar, gzip and zstd files are opened and their members scanned, within
  // archiveLimits (bounds against archive bombs; hitting one is a warning naming the archive).
  defaultOptions: { finalFilesystemOnly: false, skipUnchangedPackageFiles: true, openArchives: true, archiveLimits: DEFAULT_ARCHIVE_LIMITS },
  optionsSchema: z.strictObject({
    finalFilesystemOnly: z.boolean().default(false),
    skipUnchangedPackageFiles: z.boolean().default(true),
    openArchives: z.boolean().default(true),
    archiveLimits: archiveLimitsSchema.default(DEFAULT_ARCHIVE_LIMITS),
  }),
  needs: { files: (path) => isInterestingPath(path) || isPackageDatabase(path) || isArchivePath(path) },
  create(context) {
    const { finalFilesystemOnly, skipUnchangedPackageFiles, openArchives, archiveLimits } = context.options;
    const pending: Pending[] = [];
    const warnings: PendingWarning[] = [];
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
        pending.push({ layerKey, path, ...(member !== undefined ? { member } : {}), ...context.maskSecret(match), ...(match.severity ? { severity: match.severity } : {}), size, ...(digests ? { digests } : {}) });
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
        return archiveAwareVisitor({
          file,
          openArchives,
          digests: skipUnchangedPackageFiles,
          budget: archiveBudget,
          scanner: (path, size, options) => context.fileScanner(path, size, options),
          onText: (scan) => track(scan.then((scanned) => collect(layerKey, file.path, file.size, scanned))),
          onArchive: (outcome) =>
            track(
              outcome.then(({ members, warnings: found, digests }) => {
                for (const { member, scanned } of members) collect(layerKey, file.path, file.size, scanned, member, digests);
                for (const warning of found) {
                  warnings.push({ layerKey, path: file.path, ...(warning.member !== undefined ? { member: warning.member } : {}), reason: warning.reason, size: file.size, ...(digests ? { digests } : {}) });
                }
              }),
            ),
        });
      },
      layerMemo: {
        save: (layerKey) => {
          const findings: Saved[] = pending.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const archives: SavedWarning[] = warnings.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const records = packages.save(layerKey);
          return { findings, ...(archives.length > 0 ? { warnings: archives } : {}), ...(records ? { packages: records } : {}) };
        },
        parse: parseMemo,
        apply: (layerKey, parsed) => {
          const memo = parsed as ParsedMemo;
          for (const found of memo.findings) pending.push({ layerKey, ...found });
          for (const found of memo.warnings ?? []) warnings.push({ layerKey, ...found });
          if (memo.packages) packages.apply(layerKey, memo.packages);
        },
      },
      async settle() {
        while (running.size > 0) await Promise.all(running);
        if (failure) throw failure.error;
      },
      image(_image, fs) {
        const index = skipUnchangedPackageFiles ? packages.index((key) => context.layerIndexOf(key) !== undefined) : undefined;
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
          const location = { path: found.path, ...(found.member !== undefined ? { member: found.member } : {}), line: found.line, layer, inFinalFilesystem: visible };
          if (visible) context.report({ messageId: 'SECRET_IN_FILE', data: base, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
          else context.report({ messageId: 'SECRET_IN_DELETED_FILE', data: { ...base, fate: fs.get(found.path) ? 'overwrote' : 'deleted' }, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
        }
        for (const warning of warnings) {
          const layer = context.layerIndexOf(warning.layerKey);
          if (layer === undefined) continue;
          const visible = fs.isVisible(warning.path, layer);
          if (!visible && finalFilesystemOnly) continue;
          // A package's own archive is not opened by default: its bound or format is not the image owner's problem.
          if (index && warning.digests && index.matches(warning.path, warning.digests)) continue;
          const shown = warning.member !== undefined ? `${warning.path}!/${warning.member}` : warning.path;
          const location = { path: warning.path, ...(warning.member !== undefined ? { member: warning.member } : {}), layer, inFinalFilesystem: visible };
          context.report({ messageId: 'ARCHIVE_NOT_FULLY_SCANNED', data: { path: shown, reason: warning.reason, layer }, location, severity: 'warning' });
        }
        if (index) {
          const verifiedBytes = [...verified.values()].reduce((sum, size) => sum + size, 0);
          summary = { databases: index.managers, knownFiles: index.knownFiles, verifiedFiles: verified.size, verifiedBytes, droppedFindings: dropped };
        }
      },
      facts: () => (summary ? { packageContent: summary } : {}),
    };
  },
});

interface ParsedMemo {
  findings: Saved[];
  warnings?: SavedWarning[];
  packages?: unknown;
}

function parseMemo(memo: unknown): ParsedMemo | undefined {
  const value = memo as { findings?: unknown; warnings?: unknown; packages?: unknown } | null;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.findings) || !value.findings.every(isSavedFinding)) return undefined;
  if (value.warnings !== undefined && !(Array.isArray(value.warnings) && value.warnings.every(isSavedWarning))) return undefined;
  const parsed: ParsedMemo = { findings: value.findings, ...(value.warnings ? { warnings: value.warnings as SavedWarning[] } : {}) };
  if (value.packages === undefined) return parsed;
  const packages = PackageContent.parse(value.packages);
  return packages ? { ...parsed, packages } : undefined;
}

const isKey = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isSavedFinding(value: unknown): value is Saved {
  const found = value as Partial<Saved> | null;
  return (
    typeof found === 'object' && found !== null &&
    typeof found.path === 'string' && typeof found.line === 'number' && isKey(found.size) &&
    (found.member === undefined || typeof found.member === 'string') &&
    typeof found.secret === 'object' && found.secret !== null && typeof found.secret.preview === 'string' && typeof found.secret.fingerprint === 'string' &&
    typeof found.data === 'object' && found.data !== null && typeof found.data.title === 'string' && typeof found.data.masked === 'string' &&
    (found.severity === undefined || found.severity === 'warning') &&
    isDigests(found.digests)
  );
}

function isDigests(value: unknown): boolean {
  const digests = value as Partial<ContentDigests> | null | undefined;
  return digests === undefined || (typeof digests === 'object' && digests !== null && isKey(digests.md5) && isKey(digests.sha1));
}

function isSavedWarning(value: unknown): value is SavedWarning {
  const found = value as Partial<SavedWarning> | null;
  return (
    typeof found === 'object' && found !== null && typeof found.path === 'string' && typeof found.reason === 'string' && isKey(found.size) &&
    (found.member === undefined || typeof found.member === 'string') && isDigests(found.digests)
  );
}
