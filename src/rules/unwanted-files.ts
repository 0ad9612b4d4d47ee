// unwanted-files: files that should never ship, flagged by name whatever their content (dockle
// DKL-LI-0003, and the file half of CIS-DI-0010): SSH private keys, Terraform state, credential
// files of package managers, editor swap files, .DS_Store, core dumps (recognised by their ELF header).
import { z } from 'zod';
import type { Severity } from '../engine/finding.js';
import { defineRule } from './define-rule.js';
import { allowed, baseName, listPaths } from './hardening/paths.js';

interface Kind {
  what: string;
  test: (path: string, type: string) => boolean;
  severity: Severity;
  fix: string;
}

const KINDS: Kind[] = [
  { what: 'SSH private key file', test: (p, t) => t === 'file' && /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(baseName(p)), severity: 'error', fix: 'keep keys out of the build context (.dockerignore) and use RUN --mount=type=ssh; rotate the key' },
  { what: 'Terraform state', test: (p, t) => t === 'file' && /\.tfstate(?:\.backup)?$/.test(p), severity: 'error', fix: 'state holds every secret Terraform manages: add *.tfstate* to .dockerignore and rotate what it held' },
  { what: 'Terraform working directory', test: (p, t) => t === 'directory' && baseName(p) === '.terraform', severity: 'warning', fix: 'add .terraform/ to .dockerignore' },
  { what: 'package-manager credential file', test: (p, t) => t === 'file' && /^(?:\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg)$/.test(baseName(p)), severity: 'warning', fix: 'pass registry credentials with RUN --mount=type=secret instead of copying the file in (deleting it later leaves it in its layer)' },
  { what: 'editor swap or backup file', test: (p, t) => t === 'file' && /^(?:\..+\.sw[a-p]|#.+#)$/.test(baseName(p)), severity: 'warning', fix: 'add *.swp and #*# to .dockerignore' },
  { what: '.DS_Store file', test: (p, t) => t === 'file' && baseName(p) === '.DS_Store', severity: 'warning', fix: 'add **/.DS_Store to .dockerignore' },
];

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
  needs: { files: (path) => CORE_NAME.test(baseName(path)) },
  create(context) {
    // layer key → core dumps found in it (only a file's first bytes are read).
    const cores = new Map<string, string[]>();
    return {
      file(file, layerKey) {
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
        save: (layerKey) => cores.get(layerKey) ?? [],
        parse: (memo) => (Array.isArray(memo) && memo.every((path) => typeof path === 'string') ? memo : undefined),
        apply: (layerKey, parsed) => void cores.set(layerKey, parsed as string[]),
      },
      image(_image, fs) {
        const found = KINDS.map(() => [] as string[]);
        for (const { entry } of fs.walk()) {
          if (allowed(entry.path, context.options.allow)) continue;
          KINDS.forEach((kind, i) => kind.test(entry.path, entry.type) && found[i]!.push(entry.path));
        }
        KINDS.forEach((kind, i) => report(kind, found[i]!));
        const dumps: string[] = [];
        for (const [key, paths] of cores) {
          const layer = context.layerIndexOf(key);
          if (layer !== undefined) dumps.push(...paths.filter((path) => fs.isVisible(path, layer) && !allowed(path, context.options.allow)));
        }
        report({ what: 'core dump', test: () => false, severity: 'warning', fix: 'a crashed build step left its memory image (which may hold secrets); delete it in the same RUN or build in a stage that is not shipped' }, dumps);
      },
    };

    function report(kind: Kind, paths: string[]): void {
      if (paths.length === 0) return;
      paths.sort();
      context.report({ messageId: 'UNWANTED_FILE', data: { what: kind.what, paths: listPaths(paths), fix: kind.fix }, location: { path: paths[0]! }, severity: kind.severity });
    }
  },
});
