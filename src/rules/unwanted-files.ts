// unwanted-files: files that should never ship, flagged by name whatever their content (dockle
// DKL-LI-0003, and the file half of CIS-DI-0010): SSH private keys, Terraform state, credential
// files of package managers, editor swap files, .DS_Store, core dumps (recognised by their ELF header).
import { z } from 'zod';
import type { Severity } from '../core/finding.js';
import { defineRule } from './define-rule.js';
import { allowed, baseName, listPaths } from './hardening/paths.js';

interface Kind {
  what: string;
  /** `name` is the path's last component. */
  test: (path: string, type: string, name: string) => boolean;
  severity: Severity;
  fix: string;
}

const KINDS: Kind[] = [
  {
    what: 'SSH private key file',
    test: (_p, t, name) => t === 'file' && /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(name),
    severity: 'error',
    fix: 'keep keys out of the build context (.dockerignore) and use RUN --mount=type=ssh; rotate the key',
  },
  {
    what: 'Terraform state',
    test: (_p, t, name) => t === 'file' && /\.tfstate(?:\.backup)?$/.test(name),
    severity: 'error',
    fix: 'state holds every secret Terraform manages: add *.tfstate* to .dockerignore and rotate what it held',
  },
  {
    what: 'Terraform working directory',
    test: (_p, t, name) => t === 'directory' && name === '.terraform',
    severity: 'warning',
    fix: 'add .terraform/ to .dockerignore',
  },
  {
    what: 'package-manager credential file',
    test: (_p, t, name) => t === 'file' && /^(?:\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg)$/.test(name),
    severity: 'warning',
    fix: 'pass registry credentials with RUN --mount=type=secret instead of copying the file in (deleting it later leaves it in its layer)',
  },
  {
    what: 'editor swap or backup file',
    test: (_p, t, name) => t === 'file' && /^(?:\..+\.sw[a-p]|#.+#)$/.test(name),
    severity: 'warning',
    fix: 'add *.swp and #*# to .dockerignore',
  },
  {
    what: '.DS_Store file',
    test: (_p, t, name) => t === 'file' && name === '.DS_Store',
    severity: 'warning',
    fix: 'add **/.DS_Store to .dockerignore',
  },
];

/** The index in KINDS of a regular file matched by name, if any. */
function namedKind(path: string): number | undefined {
  const name = baseName(path);
  const index = KINDS.findIndex((kind) => kind.test(path, 'file', name));
  return index < 0 ? undefined : index;
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
        // Every entry of the image passes here: its name is taken once, and the allow list is
        // consulted only for the few that match a kind.
        for (const { entry } of fs.walk()) {
          const name = baseName(entry.path);
          for (let i = 0; i < KINDS.length; i++) {
            if (KINDS[i]!.test(entry.path, entry.type, name) && !allowed(entry.path, context.options.allow)) found[i]!.push(entry.path);
          }
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
            test: () => false,
            severity: 'warning',
            fix: 'a crashed build step left its memory image (which may hold secrets); delete it in the same RUN or build in a stage that is not shipped',
          },
          dumps,
        );
      },
    };

    function report(kind: Kind, found: string[]): void {
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
