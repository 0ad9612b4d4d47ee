// secret-file: credentials in any layer's files — including files a later layer deleted, which stay extractable.
import type { MaskedSecret } from '../engine/finding.js';
import { PackageContent, type ContentDigests, type PackageContentSummary } from '../packages/package-content.js';
import { isPackageDatabase } from '../packages/package-databases.js';
import { isInterestingPath, type ScannedFile, type SecretMatch } from '../secrets/index.js';
import { z } from 'zod';
import { defineRule } from './define-rule.js';

interface Pending {
  layerKey: string;
  path: string;
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

export default defineRule({
  id: 'secret-file',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is shipped in any layer\'s files, including files deleted by a later layer.',
    messages: {
      SECRET_IN_FILE: '{{title}} in {{path}}:{{line}}: {{masked}}, added in layer {{layer}}; keep it out of the build context (.dockerignore) or use a BuildKit secret mount, and rotate it',
      SECRET_IN_DELETED_FILE: '{{title}} in {{path}}:{{line}}: {{masked}}; a later layer {{fate}} the file but it is still extractable from layer {{layer}} — never COPY it in (use a BuildKit secret mount or a multi-stage build), and rotate it',
    },
  },
  // Every layer ships, so a deleted file's secret is still in the image: reported by default.
  // finalFilesystemOnly is for teams that accept that risk knowingly (e.g. images never pulled outside).
  // skipUnchangedPackageFiles: a distro package's own test keys are not the image owner's secret,
  // but only content that still matches its package record is skipped, never a path as such.
  defaultOptions: { finalFilesystemOnly: false, skipUnchangedPackageFiles: true },
  optionsSchema: z.strictObject({ finalFilesystemOnly: z.boolean().default(false), skipUnchangedPackageFiles: z.boolean().default(true) }),
  needs: { files: (path) => isInterestingPath(path) || isPackageDatabase(path) },
  create(context) {
    const { finalFilesystemOnly, skipUnchangedPackageFiles } = context.options;
    const pending: Pending[] = [];
    // Scans finish on other threads; their results are gathered before `image` runs. Only scans
    // still running are kept: a promise per scanned file, held until every layer was read, was
    // over 5 MB of a 3 GB image's heap. The first failure is kept for `settle` to throw.
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    const packages = new PackageContent();
    let summary: PackageContentSummary | undefined;
    const collect = (layerKey: string, path: string, size: number, scanned: ScannedFile): void => {
      for (const match of scanned.matches) {
        pending.push({ layerKey, path, ...context.maskSecret(match), ...(match.severity ? { severity: match.severity } : {}), size, ...(scanned.digests ? { digests: scanned.digests } : {}) });
      }
    };
    return {
      file(file, layerKey) {
        // Package databases are read for their records (on this thread: they are small and few), never scanned.
        const database = skipUnchangedPackageFiles ? packages.reader(file.path, layerKey) : undefined;
        if (database) return database;
        const scanner = context.fileScanner(file.path, file.size, { digests: skipUnchangedPackageFiles });
        if (!scanner) return undefined;
        return {
          chunk: (data) => scanner.write(data),
          end: () => {
            const scan: Promise<void> = scanner
              .end()
              .then((scanned) => collect(layerKey, file.path, file.size, scanned))
              .catch((error: unknown) => void (failure ??= { error }))
              .finally(() => running.delete(scan));
            running.add(scan);
          },
        };
      },
      layerMemo: {
        save: (layerKey) => {
          const findings: Saved[] = pending.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found);
          const records = packages.save(layerKey);
          return records ? { findings, packages: records } : { findings };
        },
        parse: parseMemo,
        apply: (layerKey, parsed) => {
          const memo = parsed as ParsedMemo;
          for (const found of memo.findings) pending.push({ layerKey, ...found });
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
          const base = { ...found.data, path: found.path, line: found.line, layer };
          const location = { path: found.path, line: found.line, layer, inFinalFilesystem: visible };
          if (visible) context.report({ messageId: 'SECRET_IN_FILE', data: base, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
          else context.report({ messageId: 'SECRET_IN_DELETED_FILE', data: { ...base, fate: fs.get(found.path) ? 'overwrote' : 'deleted' }, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
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
  packages?: unknown;
}

function parseMemo(memo: unknown): ParsedMemo | undefined {
  const value = memo as { findings?: unknown; packages?: unknown } | null;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.findings) || !value.findings.every(isSavedFinding)) return undefined;
  if (value.packages === undefined) return { findings: value.findings };
  const packages = PackageContent.parse(value.packages);
  return packages ? { findings: value.findings, packages } : undefined;
}

const isKey = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isSavedFinding(value: unknown): value is Saved {
  const found = value as Partial<Saved> | null;
  return (
    typeof found === 'object' && found !== null &&
    typeof found.path === 'string' && typeof found.line === 'number' && isKey(found.size) &&
    typeof found.secret === 'object' && found.secret !== null && typeof found.secret.preview === 'string' && typeof found.secret.fingerprint === 'string' &&
    typeof found.data === 'object' && found.data !== null && typeof found.data.title === 'string' && typeof found.data.masked === 'string' &&
    (found.severity === undefined || found.severity === 'warning') &&
    (found.digests === undefined || (typeof found.digests === 'object' && found.digests !== null && isKey(found.digests.md5) && isKey(found.digests.sha1)))
  );
}
