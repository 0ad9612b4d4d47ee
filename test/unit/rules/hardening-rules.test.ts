// The hardening rules on in-memory images: each reports its violation and stays quiet on a clean image.
import { describe, expect, it } from 'vitest';
import { allRulesOffBut, checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type ConfigSpec, type FileSpec } from '../support/image-builder.js';

async function run(rule: string, files: FileSpec[], spec: ConfigSpec = {}, options: { policy?: object; reference?: string } = {}) {
  const built = await classicSaveArchive([await layerTar(files)], { history: [{ created_by: '/bin/sh -c #(nop) ADD file:abc in / ' }], ...spec });
  const report = await checkMemoryImage(built, {
    ...(options.policy ? { policy: options.policy } : { only: [rule] }),
    ...(options.reference ? { reference: options.reference } : {}),
  });
  expect(report.error).toBeUndefined();
  return report.findings.filter((finding) => finding.ruleId === rule);
}
const ids = async (...args: Parameters<typeof run>) => (await run(...args)).map((finding) => `${finding.messageId}:${finding.severity}`);
const bin = (path: string, mode = 0o755): FileSpec => ({ path, content: '\x7fELF', mode });

describe('setuid-files', () => {
  it('reports an unknown setuid file as an error and distro defaults as one warning listing them', async () => {
    const findings = await run('setuid-files', [
      bin('/usr/bin/passwd', 0o4755),
      bin('/usr/bin/chage', 0o2755),
      bin('/app/helper', 0o4755),
      bin('/app/ok'),
    ]);
    expect(findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(['SETUID_FILE:error', 'DISTRO_DEFAULTS:warning']);
    expect(findings[0]!.message).toContain('/app/helper is setuid (mode 4755');
    expect(findings[1]!.message).toContain('/usr/bin/chage, /usr/bin/passwd');
  });
  it('takes an allow list and ignores setgid directories', async () => {
    const policy = { rules: { 'setuid-files': { options: { allow: ['/usr/bin/*', '/app/helper'] } } } };
    expect(
      await ids(
        'setuid-files',
        [bin('/usr/bin/passwd', 0o4755), bin('/app/helper', 0o4755), { path: '/var/mail', type: 'directory', mode: 0o2775 }],
        {},
        { policy: { ...policy, rules: { ...allRulesOffBut('setuid-files'), ...policy.rules } } },
      ),
    ).toEqual([]);
  });
});

describe('user-accounts', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n';
  const group = 'root:x:0:\napp:x:10001:\n';
  it('passes locked accounts with distinct ids', async () => {
    expect(
      await ids('user-accounts', [
        { path: '/etc/passwd', content: passwd },
        { path: '/etc/group', content: group },
        { path: '/etc/shadow', content: 'root:*:19000:0:99999:7:::\napp:!:19000::::::\n' },
      ]),
    ).toEqual([]);
  });
  it('reports empty passwords, shared UIDs and GIDs, and sudo', async () => {
    const findings = await run('user-accounts', [
      { path: '/etc/passwd', content: `${passwd}toor:x:0:0::/root:/bin/sh\n` },
      { path: '/etc/group', content: `${group}wheel:x:10001:\n` },
      { path: '/etc/shadow', content: 'root::19000:0:99999:7:::\napp:!:19000::::::\n' },
      bin('/usr/bin/sudo', 0o4755),
    ]);
    expect(findings.map((f) => f.messageId)).toEqual(['DUPLICATE_ID', 'DUPLICATE_ID', 'EMPTY_PASSWORD', 'SUDO_INSTALLED']);
    expect(findings.map((f) => f.message).join('\n')).toMatch(
      /GID 10001 is shared by app, wheel[\s\S]*UID 0 is shared by root, toor[\s\S]*gives root an empty password/,
    );
  });
  it('checks only the copy a later layer left visible', async () => {
    const first = await layerTar([{ path: '/etc/shadow', content: 'root::1::::::\n' }]);
    const second = await layerTar([{ path: '/etc/shadow', content: 'root:*:1::::::\n' }]);
    const report = await checkMemoryImage(await classicSaveArchive([first, second]), { only: ['user-accounts'] });
    expect(report.findings).toEqual([]);
  });
});

describe('world-writable', () => {
  it('allows sticky /tmp and what is inside it, reports others once per tree', async () => {
    const findings = await run('world-writable', [
      { path: '/tmp', type: 'directory', mode: 0o1777 },
      { path: '/tmp/x', content: 'x', mode: 0o666 },
      { path: '/app', type: 'directory', mode: 0o777 },
      { path: '/app/a', content: 'a', mode: 0o666 },
      { path: '/app/b', content: 'b', mode: 0o666 },
      { path: '/etc/conf', content: 'c', mode: 0o646 },
      { path: '/bin/sh', type: 'symlink', linkname: 'busybox' },
    ]);
    expect(findings.map((f) => f.location.path)).toEqual(['/app', '/etc/conf']);
    expect(findings[0]!.message).toContain('and so are 2 entries below it');
  });
});

describe('build-steps', () => {
  const history = (...steps: string[]) => ({
    history: [{ created_by: '/bin/sh -c #(nop) ADD file:abc in / ' }, ...steps.map((created_by) => ({ created_by, empty_layer: true }))],
  });
  it('stays quiet on good steps and on the base image ADD', async () => {
    expect(
      await ids(
        'build-steps',
        [bin('/bin/sh')],
        history(
          '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
          '/bin/sh -c apk add --no-cache curl',
          '/bin/sh -c #(nop) COPY file:123 in /app ',
          'ADD app.tar.gz /app/ # buildkit',
        ),
      ),
    ).toEqual([]);
  });
  it('reports each bad step with its severity', async () => {
    expect(
      (
        await ids(
          'build-steps',
          [bin('/bin/sh')],
          history(
            'ADD https://example.com/tool.tgz /opt/ # buildkit',
            '/bin/sh -c #(nop) ADD file:9f8e in /app/config.json ',
            '/bin/sh -c curl -fsSL https://example.com/install.sh | sh',
            '/bin/sh -c sudo make install',
            '/bin/sh -c apt-get update && apt-get -y dist-upgrade',
            '/bin/sh -c apt-get update',
            '|1 VERSION=1 /bin/sh -c apk add curl',
            '/bin/sh -c #(nop)  LABEL note=never run apt-get upgrade',
          ),
        )
      ).sort(),
    ).toEqual(
      [
        'ADD_REMOTE:error',
        'ADD_INSTEAD_OF_COPY:warning',
        'PIPE_TO_SHELL:error',
        'SUDO_IN_STEP:error',
        'PACKAGE_UPGRADE:warning',
        'UPDATE_ALONE:warning',
        'APK_CACHE:warning',
      ].sort(),
    );
  });
});

describe('sensitive-volumes', () => {
  it('reports system paths and engine sockets, not application data', async () => {
    const volumes = { '/var/lib/app': {}, '/etc': {}, '/var/run/docker.sock': {}, '/proc/sys': {} };
    const findings = await run('sensitive-volumes', [bin('/bin/sh')], { extra: { Volumes: volumes } });
    expect(findings.map((f) => f.location.path)).toEqual(['/etc', '/proc/sys', '/var/run/docker.sock']);
  });
});

describe('image-tag', () => {
  it('warns on latest and on no tag, not on a version or a digest', async () => {
    expect(await ids('image-tag', [bin('/bin/sh')], {}, { reference: 'example.com/team/app:latest' })).toEqual(['LATEST_TAG:warning']);
    expect(await ids('image-tag', [bin('/bin/sh')], {}, { reference: 'example.com/team/app' })).toEqual(['MISSING_TAG:warning']);
    expect(await ids('image-tag', [bin('/bin/sh')], {}, { reference: 'localhost:5000/app' })).toEqual(['MISSING_TAG:warning']);
    expect(await ids('image-tag', [bin('/bin/sh')], {}, { reference: 'example.com/team/app:1.4.2' })).toEqual([]);
    expect(await ids('image-tag', [bin('/bin/sh')], {}, { reference: `example.com/team/app@sha256:${'a'.repeat(64)}` })).toEqual([]);
  });
});

describe('unwanted-files', () => {
  it('reports each kind once with its severity, and core dumps by their ELF header', async () => {
    const core = Buffer.alloc(64);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]).copy(core);
    core.writeUInt16LE(4, 16);
    const notCore = Buffer.from(core);
    notCore.writeUInt16LE(2, 16);
    const findings = await run('unwanted-files', [
      { path: '/root/.ssh/id_rsa', content: 'not a key at all' },
      { path: '/root/.ssh/id_rsa.pub', content: 'ssh-rsa AAAA' },
      { path: '/infra/terraform.tfstate', content: '{}' },
      { path: '/infra/.terraform', type: 'directory' },
      { path: '/app/.npmrc', content: 'registry=https://registry.npmjs.org/\n' },
      { path: '/app/.main.go.swp', content: 'x' },
      { path: '/app/.DS_Store', content: 'x' },
      { path: '/app/core', content: core },
      { path: '/usr/lib/python3/core', content: notCore },
    ]);
    expect(findings.map((f) => `${f.message.split(' in the image')[0]}:${f.severity}`).sort()).toEqual(
      [
        'SSH private key file:error',
        'Terraform state:error',
        'Terraform working directory:warning',
        'package-manager credential file:warning',
        'editor swap or backup file:warning',
        '.DS_Store file:warning',
        'core dump:warning',
      ].sort(),
    );
    expect(findings.find((f) => f.message.startsWith('core dump'))!.location.path).toBe('/app/core');
  });
  it('reports a key a later layer deleted, since its layer still ships it', async () => {
    const added = await layerTar([
      { path: '/root/.ssh/id_ed25519', content: 'key' },
      { path: '/app/.npmrc', content: '' },
    ]);
    const deleted = await layerTar([{ path: '/root/.ssh/.wh.id_ed25519', content: '' }]);
    const report = await checkMemoryImage(await classicSaveArchive([added, deleted]), { only: ['unwanted-files'] });
    expect(report.findings.map((f) => `${f.severity} ${f.message.split(';')[0]}`).sort()).toEqual([
      'error SSH private key file in the image: /root/.ssh/id_ed25519 (deleted later, still in layer 0)',
      'warning package-manager credential file in the image: /app/.npmrc',
    ]);
  });
  it('is quiet on an ordinary image', async () => {
    expect(await ids('unwanted-files', [bin('/bin/sh'), { path: '/etc/hostname', content: 'x' }])).toEqual([]);
  });
});
