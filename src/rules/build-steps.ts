// build-steps: Dockerfile steps from the image history that make builds unverifiable or unrepeatable —
// remote ADD, ADD where COPY was meant, curl | sh, sudo, apt-get upgrade, a lone apt-get update,
// apk add without --no-cache (dockle CIS-DI-0007, CIS-DI-0009, DKL-DI-0001, DKL-DI-0003, DKL-DI-0004).
import { z } from 'zod';
import type { Severity } from '../core/finding.js';
import { describeStep } from '../image/image-model.js';
import { defineRule } from './define-rule.js';
import { allowed } from './hardening/paths.js';

type StepMessage = 'ADD_REMOTE' | 'ADD_INSTEAD_OF_COPY' | 'PIPE_TO_SHELL' | 'SUDO_IN_STEP' | 'PACKAGE_UPGRADE' | 'UPDATE_ALONE' | 'APK_CACHE';

const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tar\.(?:gz|bz2|xz|zst))$/i;
const APT = String.raw`\b(?:apt-get|apt|aptitude)\s+(?:-{1,2}\S+\s+)*`;
const UPGRADE = new RegExp(`${APT}(?:dist-upgrade|full-upgrade|upgrade)\\b`);
const UPDATE = new RegExp(`${APT}update\\b|\\bapk\\s+(?:-{1,2}\\S+\\s+)*update\\b`);
const INSTALL = /\b(?:install|add|upgrade|dist-upgrade|full-upgrade)\b/;
const APK_ADD = /\bapk\s+(?:-{1,2}\S+\s+)*add\b/;
const PIPE_TO_SHELL = /\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k|a)?sh\b/;
/** Steps that run nothing (their text may quote a command, e.g. in a LABEL). */
const METADATA_STEP = /^(?:COPY|ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\b|^#/;
const SUDO = /(?:^|[\s;&|(`])sudo\s/;

/** Advisories: builds still work, they are only slower or less repeatable. */
const ADVISORY: Partial<Record<StepMessage, Severity>> = {
  ADD_INSTEAD_OF_COPY: 'warning',
  PACKAGE_UPGRADE: 'warning',
  UPDATE_ALONE: 'warning',
  APK_CACHE: 'warning',
};

export default defineRule({
  id: 'build-steps',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description:
      'No remote ADD, curl | sh or sudo in build steps; warns on ADD where COPY was meant, package upgrades, a lone apt-get update and apk add without --no-cache.',
    messages: {
      ADD_REMOTE:
        'step {{step}} ADDs a remote URL ({{source}}): its content is neither pinned nor verified; download with a checksum check (RUN curl -fsSLo f URL && echo "SHA256  f" | sha256sum -c) or use ADD --checksum=sha256:…',
      ADD_INSTEAD_OF_COPY:
        'step {{step}} uses ADD for a local {{what}}: ADD also extracts archives and fetches URLs, so it does more than the line says; use COPY (keep ADD only where extracting an archive is meant)',
      PIPE_TO_SHELL:
        'step {{step}} pipes a download into a shell: whatever the server returns runs as the build user; download to a file, verify its checksum or signature, then run it',
      SUDO_IN_STEP: 'step {{step}} runs sudo: build steps run as the USER in effect, switch with USER root … USER app instead of shipping sudo',
      PACKAGE_UPGRADE:
        'step {{step}} upgrades every package: the image then depends on the day it was built; rebuild on a newer base image instead, or pin the packages that need a fix',
      UPDATE_ALONE:
        'step {{step}} updates the package index without installing in the same RUN: a cached layer keeps a stale index for later steps; write RUN apt-get update && apt-get install -y … in one step',
      APK_CACHE: 'step {{step}} runs apk add without --no-cache, leaving the index in /var/cache/apk; use apk add --no-cache',
    },
  },
  // Globs over the step as reports print it (e.g. "RUN curl -fsSL https://sh.rustup.rs | sh*"): for steps a base image owns.
  defaultOptions: { allowSteps: [] as string[] },
  optionsSchema: z.strictObject({ allowSteps: z.array(z.string().min(1)).default([]) }),
  needs: {},
  create(context) {
    return {
      image(image) {
        const history = image.config.history ?? [];
        history.forEach((entry, index) => {
          const step = describeStep(entry.created_by).replace(/\s+# buildkit$/, '');
          if (allowed(step, context.options.allowSteps)) return;
          const found = checkStep(step);
          const layer = image.layers.find((candidate) => candidate.historyIndex === index)?.index;
          for (const { messageId, data } of found) {
            const severity = ADVISORY[messageId];
            context.report({
              messageId,
              data: { step: `#${index + 1} (${shorten(step)})`, ...data },
              location: layer !== undefined ? { layer } : {},
              ...(severity ? { severity } : {}),
            });
          }
        });
      },
    };
  },
});

function checkStep(step: string): { messageId: StepMessage; data?: Record<string, string> }[] {
  const found: { messageId: StepMessage; data?: Record<string, string> }[] = [];
  const add = /^ADD\s+(?:--\S+\s+)*(\S+)(?:\s+in)?\s+(\S+)/.exec(step);
  if (add) {
    const [, source, destination] = add as unknown as [string, string, string];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) found.push({ messageId: 'ADD_REMOTE', data: { source } });
    // "ADD file:<hash> in /" is how a base image's root filesystem arrives: that one is meant.
    else if (destination !== '/' && !ARCHIVE.test(source))
      found.push({ messageId: 'ADD_INSTEAD_OF_COPY', data: { what: source.startsWith('dir:') ? 'directory' : 'file' } });
    return found;
  }
  // What is left is a command: "RUN …", or as the legacy builder records a RUN with build args ("|1 A=b /bin/sh -c …") or in exec form.
  if (METADATA_STEP.test(step)) return found;
  if (PIPE_TO_SHELL.test(step)) found.push({ messageId: 'PIPE_TO_SHELL' });
  if (SUDO.test(step)) found.push({ messageId: 'SUDO_IN_STEP' });
  if (UPGRADE.test(step)) found.push({ messageId: 'PACKAGE_UPGRADE' });
  if (UPDATE.test(step) && !INSTALL.test(step.replace(UPDATE, ' '))) found.push({ messageId: 'UPDATE_ALONE' });
  if (APK_ADD.test(step) && !/--no-cache\b/.test(step)) found.push({ messageId: 'APK_CACHE' });
  return found;
}

function shorten(step: string): string {
  const line = step.replace(/\s+/g, ' ');
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
