// unwanted-files: files that should never ship, flagged by name whatever their content (dockle
// DKL-LI-0003, and the file half of CIS-DI-0010): SSH private keys, Terraform state, credential
// files of package managers, editor swap files, .DS_Store, core dumps (recognised by their ELF header).
import { z } from 'zod';
import type { Severity } from '../core/finding.js';
import { defineRule } from './define-rule.js';
import { allowed, baseName, listPaths } from './hardening/paths.js';

interface Kind {
  what: string;
  type: 'file' | 'directory';
  /** Tested against the path's last component. */
  name: RegExp;
  severity: Severity;
  fix: string;
}

const KINDS: Kind[] = [
  {
    what: 'SSH private key file',
    type: 'file',
    name: /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/,
    severity: 'error',
    fix: 'keep keys out of the build context (.dockerignore) and use RUN --mount=type=ssh; rotate the key',
  },
  {
    what: 'Terraform state',
    type: 'file',
    name: /\.tfstate(?:\.backup)?$/,
    severity: 'error',
    fix: 'state holds every secret Terraform manages: add *.tfstate* to .dockerignore and rotate what it held',
  },
  {
    what: 'Terraform working directory',
    type: 'directory',
    name: /^\.terraform$/,
    severity: 'warning',
    fix: 'add .terraform/ to .dockerignore',
  },
  {
    what: 'package-manager credential file',
    type: 'file',
    name: /^(?:\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg)$/,
    severity: 'warning',
    fix: 'pass registry credentials with RUN --mount=type=secret instead of copying the file in (deleting it later leaves it in its layer)',
  },
  {
    what: 'editor swap or backup file',
    type: 'file',
    name: /^(?:\..+\.sw[a-p]|#.+#)$/,
    severity: 'warning',
    fix: 'add *.swp and #*# to .dockerignore',
  },
  {
    what: '.DS_Store file',
    type: 'file',
    name: /^\.DS_Store$/,
    severity: 'warning',
    fix: 'add **/.DS_Store to .dockerignore',
  },
];

/**
 * Any kind's name: every entry of the image is tested once against it (most match none), and
 * only one that matches against the kinds one by one. Made from the kinds, so it cannot drift.
 */
const ANY_NAME = new RegExp(KINDS.map((kind) => `(?:${kind.name.source})`).join('|'));

/** The index in KINDS of an entry of this type whose last path component is `name`, if any. */
function kindOf(name: string, type: string): number | undefined {
  if (!ANY_NAME.test(name)) return undefined;
  const index = KINDS.findIndex((kind) => kind.type === type && kind.name.test(name));
  return index < 0 ? undefined : index;
}

/** The index in KINDS of a regular file matched by name, if any. */
function namedKind(path: string): number | undefined {
  return kindOf(baseName(path), 'file');
}

const CORE_NAME = /^core(?:\.\d+)?$/;
const ELF_CORE = 4; // e_type ET_CORE, at offset 16 of the ELF header

export default defineRule({
  id: 'unwanted-files',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description: 'No SSH private keys, Terraform state, credential files, editor swap files, .DS_Store or core dumps in the final filesystem.',
    messages: {
      UNWANTED_FILE: '{{what}} in the image: {{paths}}; {{fix}}, or add the path to options.allow',
    },
  },
  defaultOptions: { allow: [] as string[] },
  optionsSchema: z.strictObject({ allow: z.array(z.string().min(1)).default([]) }),
  // Core dumps are told by their first bytes; named files are noted per layer so one a later layer deleted (still shipped) is found too.
  needs: { files: (path) => CORE_NAME.test(baseName(path)) || namedKind(path) !== undefined },
  create(context) {
    // layer key → core dumps found in it (only a file's first bytes are read).
    const cores = new Map<string, string[]>();
    // layer key → named files it added (by name only; their content is never read).
    const named = new Map<string, string[]>();
    return {
      file(file, layerKey) {
        if (namedKind(file.path) !== undefined) named.set(layerKey, [...(named.get(layerKey) ?? []), file.path]);
        if (!CORE_NAME.test(baseName(file.path)) || file.size < 20) return undefined;
        const head: Buffer[] = [];
        let got = 0;
        return {
          chunk(data) {
            head.push(Buffer.from(data.subarray(0, 20 - got)));
            got += Math.min(data.length, 20 - got);
            return got < 20;
          },
          end() {
            const bytes = Buffer.concat(head);
            if (bytes.length < 18 || bytes.readUInt32BE(0) !== 0x7f454c46) return;
            const type = bytes[5] === 2 ? bytes.readUInt16BE(16) : bytes.readUInt16LE(16);
            if (type === ELF_CORE) cores.set(layerKey, [...(cores.get(layerKey) ?? []), file.path]);
          },
        };
      },
      layerMemo: {
        save: (layerKey) => ({ cores: cores.get(layerKey) ?? [], named: named.get(layerKey) ?? [] }),
        parse: (memo) => {
          const value = memo as { cores?: unknown; named?: unknown } | null;
          const paths = (list: unknown): list is string[] => Array.isArray(list) && list.every((path) => typeof path === 'string');
          return typeof value === 'object' && value !== null && paths(value.cores) && paths(value.named) ? value : undefined;
        },
        apply: (layerKey, parsed) => {
          const memo = parsed as { cores: string[]; named: string[] };
          cores.set(layerKey, memo.cores);
          named.set(layerKey, memo.named);
        },
      },
      image(_image, fs) {
        const found = KINDS.map(() => [] as string[]);
        for (const { entry } of fs.walk()) {
          const kind = kindOf(baseName(entry.path), entry.type);
          if (kind !== undefined && !allowed(entry.path, context.options.allow)) found[kind]!.push(entry.path);
        }
        // Deleted by a later layer, but its bytes still ship in the layer that added it.
        for (const [key, paths] of named) {
          const layer = context.layerIndexOf(key);
          if (layer === undefined) continue;
          for (const path of paths) {
            if (fs.get(path) || allowed(path, context.options.allow)) continue;
            found[namedKind(path)!]!.push(`${path} (deleted later, still in layer ${layer})`);
          }
        }
        KINDS.forEach((kind, i) => report(kind, found[i]!));
        const dumps: string[] = [];
        for (const [key, paths] of cores) {
          const layer = context.layerIndexOf(key);
          if (layer !== undefined) dumps.push(...paths.filter((path) => fs.isVisible(path, layer) && !allowed(path, context.options.allow)));
        }
        report(
          {
            what: 'core dump',
            severity: 'warning',
            fix: 'a crashed build step left its memory image (which may hold secrets); delete it in the same RUN or build in a stage that is not shipped',
          },
          dumps,
        );
      },
    };

    function report(kind: Pick<Kind, 'what' | 'severity' | 'fix'>, found: string[]): void {
      if (found.length === 0) return;
      const paths = [...new Set(found)].sort();
      context.report({
        messageId: 'UNWANTED_FILE',
        data: { what: kind.what, paths: listPaths(paths), fix: kind.fix },
        location: { path: paths[0]!.replace(/ \(deleted later.*$/, '') },
        severity: kind.severity,
      });
    }
  },
});
