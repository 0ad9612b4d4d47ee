// Every dockle checkpoint that needs no running container and no host setting, on real images built
// on a real engine: an image violating it is reported by the rule docs/hardening.md maps it to, and a
// clean image is reported by none of them. Also `init --from` seeding structure assertions.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';

const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/hardening-${name}:${run}`;
const secrets = fakeSecrets();

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n';
const GROUP = 'root:x:0:\napp:x:10001:\n';
const SHADOW = 'root:*:19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n';
/** Stand-ins for distro tools, so build steps run as written on a busybox image; `update` leaves an index behind as apt does. */
const APT_STUB =
  '#!/bin/sh\nif [ "$1" = update ]; then mkdir -p /var/lib/apt/lists && echo index > /var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease; fi\nexit 0\n';
const PASS_STUB = '#!/bin/sh\nexit 0\n';
const SUDO_STUB = '#!/bin/sh\nexec "$@"\n';

/** The checkpoint, the image violating it (a Dockerfile tail on the clean base), and the rule/message expected. */
const CASES: { checkpoint: string; name: string; tail: string[]; files?: Record<string, string>; expect: string }[] = [
  { checkpoint: 'CIS-DI-0001', name: 'root', tail: ['USER root'], expect: 'non-root-user ROOT_USER' },
  { checkpoint: 'CIS-DI-0006', name: 'no-healthcheck', tail: ['HEALTHCHECK NONE'], expect: 'healthcheck HEALTHCHECK_DISABLED' },
  { checkpoint: 'CIS-DI-0007', name: 'update-alone', tail: ['USER root', 'RUN apt-get update', 'USER 10001'], expect: 'build-steps UPDATE_ALONE' },
  {
    checkpoint: 'CIS-DI-0008',
    name: 'setuid',
    tail: ['USER root', 'RUN cp /bin/busybox /app/tool && chmod 4755 /app/tool', 'USER 10001'],
    expect: 'setuid-files SETUID_FILE',
  },
  {
    checkpoint: 'CIS-DI-0009',
    name: 'add',
    files: { 'app.conf': 'port=8080\n' },
    tail: ['ADD app.conf /app/app.conf'],
    expect: 'build-steps ADD_INSTEAD_OF_COPY',
  },
  { checkpoint: 'CIS-DI-0010', name: 'credential', tail: [`ENV AWS_SECRET_ACCESS_KEY=${secrets.awsSecretKey}`], expect: 'secret-env SECRET_IN_ENV' },
  {
    checkpoint: 'DKL-DI-0001',
    name: 'sudo',
    files: { sudo: SUDO_STUB },
    tail: ['USER root', 'COPY sudo /usr/local/bin/sudo', 'RUN chmod 755 /usr/local/bin/sudo && sudo true', 'USER 10001'],
    expect: 'build-steps SUDO_IN_STEP',
  },
  { checkpoint: 'DKL-DI-0002', name: 'volume', tail: ['VOLUME /etc'], expect: 'sensitive-volumes SENSITIVE_VOLUME' },
  {
    checkpoint: 'DKL-DI-0003',
    name: 'upgrade',
    tail: ['USER root', 'RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*', 'USER 10001'],
    expect: 'build-steps PACKAGE_UPGRADE',
  },
  { checkpoint: 'DKL-DI-0004', name: 'apk', tail: ['USER root', 'RUN apk add curl', 'USER 10001'], expect: 'build-steps APK_CACHE' },
  {
    checkpoint: 'DKL-DI-0005',
    name: 'apt-lists',
    tail: ['USER root', 'RUN apt-get update && apt-get install -y curl', 'USER 10001'],
    expect: 'build-hygiene LEFTOVER',
  },
  {
    checkpoint: 'DKL-LI-0001',
    name: 'empty-password',
    files: { shadow: 'root::19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n' },
    tail: ['COPY shadow /etc/shadow'],
    expect: 'user-accounts EMPTY_PASSWORD',
  },
  {
    checkpoint: 'DKL-LI-0002',
    name: 'duplicate-uid',
    files: { passwd: `${PASSWD}toor:x:0:0::/root:/bin/sh\n` },
    tail: ['COPY passwd /etc/passwd'],
    expect: 'user-accounts DUPLICATE_ID',
  },
  {
    checkpoint: 'DKL-LI-0003',
    name: 'ds-store',
    files: { '.DS_Store': 'Bud1' },
    tail: ['COPY .DS_Store /app/.DS_Store'],
    expect: 'unwanted-files UNWANTED_FILE',
  },
];
/** Rules the checkpoints map to: a clean image gets no finding from any of them. */
const MAPPED_RULES = [
  'non-root-user',
  'healthcheck',
  'build-steps',
  'setuid-files',
  'secret-env',
  'secret-file',
  'sensitive-volumes',
  'build-hygiene',
  'image-tag',
  'user-accounts',
  'unwanted-files',
  'world-writable',
];

let work: string;
let report: Report;
const findingsOf = (reference: string) =>
  report.images.find((image) => image.reference === reference)!.findings.map((f) => `${f.ruleId} ${f.messageId}`);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-hardening-'));
  await buildImage(tag('clean'), {
    busybox: true,
    files: { passwd: PASSWD, group: GROUP, shadow: SHADOW, 'apt-get': APT_STUB, apk: PASS_STUB },
    dockerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'COPY passwd group shadow /etc/',
      'COPY apt-get apk /usr/local/bin/',
      'RUN chmod 755 /usr/local/bin/apt-get /usr/local/bin/apk && chmod 640 /etc/shadow && mkdir -p /app /tmp && chmod 1777 /tmp',
      'WORKDIR /app',
      'EXPOSE 8080',
      'LABEL org.opencontainers.image.version=1.0.0 org.opencontainers.image.source=https://example.com/app',
      'HEALTHCHECK --timeout=5s CMD ["/bin/busybox", "true"]',
      'USER 10001',
    ].join('\n'),
  });
  for (const item of CASES)
    await buildImage(tag(item.name), { files: item.files ?? {}, dockerfile: [`FROM ${tag('clean')}`, ...item.tail].join('\n') });
  await docker(['tag', tag('clean'), 'imagegate-test/hardening-latest:latest']);
  const result = await runCli([
    'check',
    '--format',
    'json',
    tag('clean'),
    ...CASES.map((item) => tag(item.name)),
    'imagegate-test/hardening-latest:latest',
  ]);
  report = JSON.parse(result.stdout) as Report;
  for (const image of report.images) expect(image.error).toBeUndefined();
}, 600_000);

afterAll(async () => {
  for (const name of ['clean', ...CASES.map((item) => item.name)]) await removeImage(tag(name));
  await removeImage('imagegate-test/hardening-latest:latest');
  if (work) await rm(work, { recursive: true, force: true });
});

describe('dockle checkpoints on real images', () => {
  it('a clean image gets no finding from any rule a checkpoint maps to', () => {
    expect(findingsOf(tag('clean')).filter((finding) => MAPPED_RULES.includes(finding.split(' ')[0]!))).toEqual([]);
  });

  it.each(CASES)('$checkpoint: the $name image is reported ($expect)', ({ name, expect: expected }) => {
    expect(findingsOf(tag(name))).toContain(expected);
  });

  it('DKL-DI-0006: an image checked by its latest tag is reported, the same image by a version tag is not', () => {
    expect(findingsOf('imagegate-test/hardening-latest:latest')).toContain('image-tag LATEST_TAG');
    expect(findingsOf(tag('clean'))).not.toContain('image-tag LATEST_TAG');
  });
});

describe("init --from writes the image's metadata as structure assertions", () => {
  it('the seeded policy passes the image it came from and fails one whose metadata changed', async () => {
    const dir = join(work, 'init');
    expect((await runCli(['init', '--dir', dir, '--from', tag('clean')])).code).toBe(0);
    const policyFile = join(dir, 'imagegate.policy.json');
    const policy = JSON.parse(await readFile(policyFile, 'utf8')) as {
      rules: { structure: { options: { assertions: { image: string; metadata: Record<string, unknown> }[] } } };
    };
    const [assertion] = policy.rules.structure.options.assertions;
    expect(assertion!.image).toBe('docker.io/imagegate-test/hardening-clean:*');
    expect(assertion!.metadata).toMatchObject({ workdir: '/app', user: '10001', exposedPorts: ['8080/tcp'] });

    const seeded = await runCli(['check', '--format', 'json', '--policy', policyFile, '--budgets', join(dir, 'budgets.json'), tag('clean')]);
    expect((JSON.parse(seeded.stdout) as Report).images[0]!.findings.filter((f) => f.ruleId === 'structure')).toEqual([]);

    const moved = `imagegate-test/hardening-clean:${run}-moved`;
    await buildImage(moved, { dockerfile: `FROM ${tag('clean')}\nWORKDIR /srv\n` });
    try {
      const changed = await runCli(['check', '--format', 'json', '--policy', policyFile, moved]);
      const messages = (JSON.parse(changed.stdout) as Report).images[0]!.findings.filter((f) => f.ruleId === 'structure').map((f) => f.message);
      expect(messages).toEqual([expect.stringContaining('metadata.workdir: expected "/app", got "/srv"')]);
      expect(changed.code).toBe(1);
    } finally {
      await removeImage(moved);
    }
  });
});
