// world-writable: files and directories any user may change, outside sticky /tmp-like directories.
// Any process in the container — whatever its user — could replace such a program or config.
import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { allowed } from './hardening/paths.js';
import { compareText } from '../core/compare-text.js';

const OTHER_WRITE = 0o002;
const STICKY = 0o1000;
/** The runtime mounts its own /dev, /proc and /sys over whatever the image has there. */
const RUNTIME_MOUNTS = /^\/(?:dev|proc|sys)(?:\/|$)/;

export default defineRule({
  id: 'world-writable',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description: 'No world-writable file or directory outside sticky /tmp-like directories.',
    messages: {
      WORLD_WRITABLE:
        '{{type}} {{path}} is world-writable (mode {{mode}}){{more}}: any user in the container can change it; RUN chmod o-w {{path}} (or chmod 1777 for a shared scratch directory), or add it to options.allow',
    },
  },
  defaultOptions: { allow: [] as string[] },
  optionsSchema: z.strictObject({ allow: z.array(z.string().min(1)).default([]) }),
  needs: {},
  create(context) {
    return {
      image(_image, fs) {
        const sticky = new Set<string>();
        const offending: { path: string; type: string; mode: number; layer: number }[] = [];
        for (const { entry, layer } of fs.walk()) {
          if (entry.type === 'symlink' || entry.type === 'other' || entry.type === 'hardlink') continue;
          if ((entry.mode & OTHER_WRITE) === 0 || RUNTIME_MOUNTS.test(entry.path)) continue;
          if (entry.type === 'directory' && (entry.mode & STICKY) !== 0) sticky.add(entry.path);
          else offending.push({ path: entry.path, type: entry.type, mode: entry.mode, layer });
        }
        // Sorted, a directory comes right before what is below it: report the top one with a count.
        offending.sort((a, b) => compareText(a.path, b.path));
        let top: { path: string; count: number; report: () => void } | undefined;
        const flush = (): void => top?.report();
        for (const item of offending) {
          if (underSticky(item.path, sticky) || allowed(item.path, context.options.allow)) continue;
          if (top && item.path.startsWith(`${top.path}/`)) {
            top.count++;
            continue;
          }
          flush();
          const current = {
            path: item.path,
            count: 0,
            report: () => {
              context.report({
                messageId: 'WORLD_WRITABLE',
                data: {
                  type: item.type,
                  path: item.path,
                  mode: (item.mode & 0o7777).toString(8).padStart(4, '0'),
                  more: current.count > 0 ? ` and so are ${current.count} entries below it` : '',
                },
                location: { path: item.path, layer: item.layer },
              });
            },
          };
          top = current;
        }
        flush();
      },
    };
  },
});

/** Inside a sticky world-writable directory (like /tmp) each user may only delete their own files. */
function underSticky(path: string, sticky: Set<string>): boolean {
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    if (sticky.has(path.slice(0, cut))) return true;
  }
  return false;
}
