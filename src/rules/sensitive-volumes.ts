// sensitive-volumes: a VOLUME over a system path (dockle DKL-DI-0002). Whatever is mounted there —
// the host's /etc, the engine's socket — the container can read or, worse, rewrite it.
import { z } from 'zod';
import { defineRule } from './define-rule.js';

const SENSITIVE = [
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/var/run',
  '/run',
  '/var/lib/docker',
  '/var/lib/kubelet',
  '/var/log',
];
/** Below these, any path is as sensitive as the directory itself. */
const SENSITIVE_TREES = /^\/(?:proc|sys|dev|boot)\//;
const SOCKET = /(?:^|\/)(?:docker|containerd|podman|crio)\.sock$/;

const normalize = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export default defineRule({
  id: 'sensitive-volumes',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description: 'No VOLUME over a system path (/, /etc, /proc, /sys, /dev, the Docker socket, …).',
    messages: {
      SENSITIVE_VOLUME:
        "VOLUME {{path}} invites mounting a system path ({{why}}) into the container; declare a volume for the application's data only (e.g. VOLUME /var/lib/app), or add the path to options.allow",
    },
  },
  defaultOptions: { extra: [] as string[], allow: [] as string[] },
  optionsSchema: z.strictObject({ extra: z.array(z.string().startsWith('/')).default([]), allow: z.array(z.string().startsWith('/')).default([]) }),
  needs: {},
  create(context) {
    const { extra, allow } = context.options;
    return {
      image(image) {
        const volumes = (image.config.config as { Volumes?: Record<string, unknown> | null } | null | undefined)?.Volumes ?? {};
        for (const written of Object.keys(volumes).sort()) {
          const path = normalize(written);
          if (allow.map(normalize).includes(path)) continue;
          const why = SOCKET.test(path)
            ? 'a container engine socket gives root on the host'
            : SENSITIVE.includes(path) || extra.map(normalize).includes(path)
              ? 'a system directory'
              : SENSITIVE_TREES.test(path)
                ? 'inside a kernel or device tree'
                : undefined;
          if (why) context.report({ messageId: 'SENSITIVE_VOLUME', data: { path: written, why }, location: { path } });
        }
      },
    };
  },
});
