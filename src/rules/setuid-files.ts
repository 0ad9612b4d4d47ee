// setuid-files: regular files with the setuid or setgid bit in the final filesystem (dockle CIS-DI-0008).
// Distro defaults (passwd, su, mount…) are listed apart at warning level, so a team can choose to
// strip them or allow them by path; anything else is an error.
import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { allowed, listPaths } from './hardening/paths.js';
import { compareText } from '../core/compare-text.js';

const SETUID = 0o4000;
const SETGID = 0o2000;

/** Shipped setuid/setgid by Debian, Ubuntu, Alpine and RHEL base images (merged-/usr and classic paths). */
const DISTRO_DEFAULTS = new Set(
  [
    'passwd',
    'su',
    'mount',
    'umount',
    'chsh',
    'chfn',
    'gpasswd',
    'newgrp',
    'chage',
    'expiry',
    'wall',
    'write',
    'crontab',
    'ping',
    'ssh-agent',
    'unix_chkpwd',
    'pam_extrausers_chkpwd',
    'pam_timestamp_check',
    'bbsuid',
  ]
    .flatMap((name) => ['/bin', '/sbin', '/usr/bin', '/usr/sbin'].map((dir) => `${dir}/${name}`))
    .concat(['/usr/lib/openssh/ssh-keysign', '/usr/libexec/openssh/ssh-keysign', '/usr/lib/dbus-1.0/dbus-daemon-launch-helper']),
);

export default defineRule({
  id: 'setuid-files',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description: 'No setuid/setgid executable in the final filesystem beyond an allow list (distro defaults are listed as a warning).',
    messages: {
      SETUID_FILE:
        '{{path}} is {{bits}} (mode {{mode}}, owner {{uid}}:{{gid}}): anyone who can run it gains that owner; remove the bit in the Dockerfile (RUN chmod u-s,g-s {{path}}) or add the path to options.allow',
      DISTRO_DEFAULTS:
        "the distro's own setuid/setgid programs ship in the image: {{paths}}; strip them if the service never switches user (RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +), or list them in options.allow to accept them",
    },
  },
  defaultOptions: { allow: [] as string[] },
  optionsSchema: z.strictObject({ allow: z.array(z.string().min(1)).default([]) }),
  needs: {},
  create(context) {
    return {
      image(_image, fs) {
        const defaults: string[] = [];
        const others: { path: string; mode: number; uid: number; gid: number; layer: number }[] = [];
        for (const { entry, layer } of fs.walk()) {
          if (entry.type !== 'file' || (entry.mode & (SETUID | SETGID)) === 0) continue;
          if (allowed(entry.path, context.options.allow)) continue;
          if (DISTRO_DEFAULTS.has(entry.path)) defaults.push(entry.path);
          else others.push({ path: entry.path, mode: entry.mode, uid: entry.uid, gid: entry.gid, layer });
        }
        for (const file of others.sort((a, b) => compareText(a.path, b.path))) {
          const bits = [file.mode & SETUID ? 'setuid' : '', file.mode & SETGID ? 'setgid' : ''].filter(Boolean).join(' and ');
          context.report({
            messageId: 'SETUID_FILE',
            data: { path: file.path, bits, mode: (file.mode & 0o7777).toString(8).padStart(4, '0'), uid: file.uid, gid: file.gid },
            location: { path: file.path, layer: file.layer },
          });
        }
        if (defaults.length > 0) {
          defaults.sort();
          context.report({
            messageId: 'DISTRO_DEFAULTS',
            data: { paths: listPaths(defaults, 20) },
            location: { path: defaults[0]! },
            severity: 'warning',
          });
        }
      },
    };
  },
});
