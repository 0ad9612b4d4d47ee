// secret-file: credentials in any layer's files — including files a later layer deleted, which stay extractable.
import type { MaskedSecret } from '../engine/finding.js';
import { describeStep } from '../image/image-model.js';
import { createFileScanner, isInterestingPath } from '../secrets/index.js';
import { defineRule } from './define-rule.js';
import { maskMatch } from './secret-match.js';

interface Pending {
  layerKey: string;
  path: string;
  line: number;
  secret: MaskedSecret;
  data: { title: string; masked: string };
}

export default defineRule({
  id: 'secret-file',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is shipped in any layer\'s files, including files deleted by a later layer.',
    messages: {
      SECRET_IN_FILE: '{{path}}:{{line}} holds a {{title}}: {{masked}} (added in layer {{layer}}: {{step}}); remove it from the build context (.dockerignore) or use a BuildKit secret mount, and rotate it',
      SECRET_IN_DELETED_FILE: '{{path}}:{{line}} holds a {{title}}: {{masked}}; a later layer {{fate}} it, but it is still extractable from layer {{layer}} ({{step}}) — never COPY it in the first place (BuildKit secret mount or multi-stage build), and rotate it',
    },
  },
  defaultOptions: {},
  needs: { files: isInterestingPath },
  create(context) {
    const pending: Pending[] = [];
    return {
      file(file, layerKey) {
        const scanner = createFileScanner(file.path, file.size);
        if (!scanner) return undefined;
        return {
          chunk: (data) => scanner.write(data),
          end: () => {
            for (const match of scanner.end()) pending.push({ layerKey, path: file.path, ...maskMatch(match) });
          },
        };
      },
      image(image, fs) {
        for (const found of pending) {
          const layer = context.layerIndexOf(found.layerKey);
          if (layer === undefined) continue; // a layer of another image in the same archive
          const step = describeStep(image.layers[layer]?.createdBy);
          const visible = fs.isVisible(found.path, layer);
          const base = { ...found.data, path: found.path, line: found.line, layer, step };
          const location = { path: found.path, line: found.line, layer, inFinalFilesystem: visible };
          if (visible) context.report({ messageId: 'SECRET_IN_FILE', data: base, location, secret: found.secret });
          else context.report({ messageId: 'SECRET_IN_DELETED_FILE', data: { ...base, fate: fs.get(found.path) ? 'overwrote' : 'deleted' }, location, secret: found.secret });
        }
      },
    };
  },
});
