// secret-file: credentials in any layer's files — including files a later layer deleted, which stay extractable.
import type { MaskedSecret } from '../engine/finding.js';
import { isInterestingPath, type SecretMatch } from '../secrets/index.js';
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
}

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
  defaultOptions: { finalFilesystemOnly: false },
  optionsSchema: z.strictObject({ finalFilesystemOnly: z.boolean().default(false) }),
  needs: { files: isInterestingPath },
  create(context) {
    const pending: Pending[] = [];
    // Scans finish on other threads; their results are gathered before `image` runs.
    const scans: Promise<void>[] = [];
    const collect = (layerKey: string, path: string, matches: SecretMatch[]): void => {
      for (const match of matches) pending.push({ layerKey, path, ...context.maskSecret(match), ...(match.severity ? { severity: match.severity } : {}) });
    };
    return {
      file(file, layerKey) {
        const scanner = context.fileScanner(file.path, file.size);
        if (!scanner) return undefined;
        return {
          chunk: (data) => scanner.write(data),
          end: () => {
            scans.push(scanner.end().then((matches) => collect(layerKey, file.path, matches)));
          },
        };
      },
      layerMemo: {
        save: (layerKey) => pending.filter((found) => found.layerKey === layerKey).map(({ layerKey: _key, ...found }) => found),
        parse: (memo) => (Array.isArray(memo) && memo.every(isSavedFinding) ? memo : undefined),
        apply: (layerKey, parsed) => {
          for (const found of parsed as Omit<Pending, 'layerKey'>[]) pending.push({ layerKey, ...found });
        },
      },
      async settle() {
        await Promise.all(scans);
      },
      image(_image, fs) {
        for (const found of pending) {
          const layer = context.layerIndexOf(found.layerKey);
          if (layer === undefined) continue; // a layer of another image in the same archive
          const visible = fs.isVisible(found.path, layer);
          if (!visible && context.options.finalFilesystemOnly) continue;
          const base = { ...found.data, path: found.path, line: found.line, layer };
          const location = { path: found.path, line: found.line, layer, inFinalFilesystem: visible };
          if (visible) context.report({ messageId: 'SECRET_IN_FILE', data: base, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
          else context.report({ messageId: 'SECRET_IN_DELETED_FILE', data: { ...base, fate: fs.get(found.path) ? 'overwrote' : 'deleted' }, location, secret: found.secret, ...(found.severity ? { severity: found.severity } : {}) });
        }
      },
    };
  },
});

function isSavedFinding(value: unknown): value is Omit<Pending, 'layerKey'> {
  const found = value as Partial<Pending> | null;
  return (
    typeof found === 'object' && found !== null &&
    typeof found.path === 'string' && typeof found.line === 'number' &&
    typeof found.secret === 'object' && found.secret !== null && typeof found.secret.preview === 'string' && typeof found.secret.fingerprint === 'string' &&
    typeof found.data === 'object' && found.data !== null && typeof found.data.title === 'string' && typeof found.data.masked === 'string' &&
    (found.severity === undefined || found.severity === 'warning')
  );
}
