// structure: the policy's structure assertions (container-structure-test's static tests) — metadata,
// files and file content — for the images their glob names. Each failed assertion is one finding.
import { structureOptionsSchema, type ContentAssertion } from '../config/structure-assertions.js';
import { matchGlob } from '../config/glob.js';
import type { ImageModel } from '../image/image-model.js';
import type { FinalFilesystem } from '../layers/final-filesystem.js';
import { defineRule } from './define-rule.js';
import { lineMatcher, type LineHits } from './structure/content.js';
import type { Failure } from './structure/failure.js';
import { checkFile, entriesFor, isGlob } from './structure/files.js';
import { checkMetadata } from './structure/metadata.js';

/** What was read of one file of one layer: the first line each pattern matched. */
interface Read {
  path: string;
  hits: LineHits;
}

export default defineRule({
  id: 'structure',
  meta: {
    category: 'metadata',
    defaultSeverity: 'error',
    description: "The image matches the policy's structure assertions: metadata, files (existence, type, mode, owner, size) and file content.",
    messages: {
      METADATA_MISMATCH: '{{assertion}}: expected {{expected}}, got {{actual}}; change the Dockerfile or the assertion',
      FILE_MISMATCH: '{{assertion}}: expected {{expected}}, got {{actual}}; change the Dockerfile or the assertion',
      CONTENT_MISMATCH: '{{assertion}}: expected {{expected}}, got {{actual}}; change the file or the assertion',
    },
  },
  defaultOptions: { assertions: [] },
  optionsSchema: structureOptionsSchema,
  // Which files matter depends on the policy, which `needs` cannot see: the handler filters (no bytes
  // are read unless a content assertion names the file).
  needs: { files: () => true },
  create(context) {
    const assertions = context.options.assertions;
    const contentTests = assertions.flatMap((assertion, a) => assertion.content.map((test, c) => ({ test, key: `${a}.${c}` })));
    const reads = new Map<string, Read[]>();
    const handlers = {
      image(image: ImageModel, fs: FinalFilesystem) {
        const refs = [image.reference, image.normalizedReference];
        assertions.forEach((assertion, a) => {
          if (!refs.some((ref) => matchGlob(assertion.image, ref))) return;
          const name = `assertions[${a}]${assertion.description ? ` (${assertion.description})` : ''}`;
          const failures: Failure[] = [];
          if (assertion.metadata) failures.push(...checkMetadata(image.config, assertion.metadata, name));
          assertion.files.forEach((spec) => failures.push(...checkFile(fs, spec, name)));
          assertion.content.forEach((test, c) => failures.push(...checkContent(fs, test, `${a}.${c}`, `${name} content ${test.path}`)));
          for (const failure of failures) {
            context.report({
              messageId: failure.kind,
              data: { assertion: failure.assertion, expected: failure.expected, actual: failure.actual },
              location: {
                ...(failure.path ? { path: failure.path } : {}),
                ...(failure.line ? { line: failure.line } : {}),
                ...(failure.layer !== undefined ? { layer: failure.layer } : {}),
              },
            });
          }
        });
      },
    };
    if (contentTests.length === 0) return handlers;

    const readOf = (path: string, layer: number): Read | undefined => {
      for (const [key, list] of reads) if (context.layerIndexOf(key) === layer) return list.find((read) => read.path === path);
      return undefined;
    };

    function checkContent(fs: FinalFilesystem, test: ContentAssertion, key: string, name: string): Failure[] {
      const files = entriesFor(fs, test.path, true).filter((found) => found.entry.type === 'file');
      if (files.length === 0)
        return [
          {
            kind: 'CONTENT_MISMATCH',
            assertion: name,
            expected: 'a regular file',
            actual: isGlob(test.path) ? 'no file matches' : 'no such file',
            path: test.path,
          },
        ];
      const failures: Failure[] = [];
      for (const { entry, layer } of files) {
        let hits: LineHits = {};
        if (entry.size > 0) {
          const read = readOf(entry.path, layer);
          // Every file a content assertion names is read; a missing record means it was not, so fail closed.
          if (!read) throw new Error(`${entry.path} (layer ${layer}) was not read for structure assertion ${name}`);
          hits = read.hits;
        }
        const base = { kind: 'CONTENT_MISMATCH' as const, assertion: name, path: entry.path, layer };
        test.match.forEach((pattern, i) => {
          const line = hits[`${key}.m.${i}`];
          if (line === undefined || line === null)
            failures.push({
              ...base,
              expected: `a line matching /${pattern}/`,
              actual: entry.path === test.path ? 'no such line' : `no such line in ${entry.path}`,
            });
        });
        test.notMatch.forEach((pattern, i) => {
          const line = hits[`${key}.n.${i}`];
          if (typeof line === 'number')
            failures.push({ ...base, line, expected: `no line matching /${pattern}/`, actual: `a match at ${entry.path}:${line}` });
        });
      }
      return failures;
    }

    return {
      ...handlers,
      file(file: { path: string }, layerKey: string) {
        const patterns = new Map<string, RegExp>();
        for (const { test, key } of contentTests) {
          if (isGlob(test.path) ? !matchGlob(test.path, file.path) : test.path !== file.path) continue;
          test.match.forEach((pattern, i) => patterns.set(`${key}.m.${i}`, new RegExp(pattern, 'u')));
          test.notMatch.forEach((pattern, i) => patterns.set(`${key}.n.${i}`, new RegExp(pattern, 'u')));
        }
        if (patterns.size === 0) return undefined;
        const { visitor, hits } = lineMatcher(patterns);
        reads.set(layerKey, [...(reads.get(layerKey) ?? []), { path: file.path, hits }]);
        return visitor;
      },
      // Options are part of the cache fingerprint, so a memo always belongs to the same assertions.
      layerMemo: {
        save: (layerKey: string) => reads.get(layerKey) ?? [],
        parse: (memo: unknown) => (Array.isArray(memo) && memo.every(isRead) ? memo : undefined),
        apply: (layerKey: string, parsed: unknown) => void reads.set(layerKey, parsed as Read[]),
      },
    };
  },
});

function isRead(value: unknown): value is Read {
  const read = value as Partial<Read> | null;
  return (
    typeof read === 'object' &&
    read !== null &&
    typeof read.path === 'string' &&
    typeof read.hits === 'object' &&
    read.hits !== null &&
    Object.values(read.hits).every((line) => line === null || Number.isSafeInteger(line))
  );
}
