// Structure assertions (container-structure-test's static tests): each kind passes on a matching image and fails, naming expected and actual.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/config/policy.js';
import { ConfigError } from '../../../src/core/errors.js';
import { ruleConfigInfo } from '../../../src/engine/load-settings.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';

const config = {
  Entrypoint: ['/app/server'],
  Cmd: ['--port', '8080'],
  WorkingDir: '/app',
  StopSignal: 'SIGTERM',
  ExposedPorts: { '8080/tcp': {} },
  Volumes: { '/data': {} },
  Healthcheck: { Test: ['CMD', '/app/server', 'health'], Interval: 10e9, Timeout: 5e9, StartPeriod: 20e9, Retries: 3 },
};

async function image() {
  const layer = await layerTar([
    { path: '/app', type: 'directory', mode: 0o755 },
    { path: '/app/server', content: 'x'.repeat(2000), mode: 0o750, uid: 10001, gid: 10001 },
    { path: '/app/config.yaml', content: 'listen: 8080\nlog: info\ndebug: false\n' },
    { path: '/app/empty', content: '' },
    { path: '/bin/sh', type: 'symlink', linkname: 'busybox' },
    { path: '/usr/share/doc/zlib/copyright', content: 'License: Zlib\n' },
    { path: '/usr/share/doc/gpl-tool/copyright', content: 'License: GPL-3\n' },
  ]);
  return classicSaveArchive([layer], {
    user: '10001',
    env: ['PATH=/usr/bin:/bin', 'APP_ENV=production'],
    labels: { 'org.opencontainers.image.version': '1.4.2' },
    extra: config,
  });
}

async function check(assertion: object, reference = 'example.com/team/app:1') {
  const policy = {
    rules: { ...Object.fromEntries(ruleConfigInfo().map((rule) => [rule.id, 'off'])), structure: { options: { assertions: [assertion] } } },
  };
  const report = await checkMemoryImage(await image(), { policy, reference });
  expect(report.error).toBeUndefined();
  return report.findings.map((finding) => finding.message.replace(/; change the .*$/, '')).sort();
}

describe('structure: metadata (metadataTest)', () => {
  it('passes exact and pattern values', async () => {
    expect(
      await check({
        metadata: {
          entrypoint: ['/app/server'],
          cmd: { pattern: '--port 80\\d\\d' },
          workdir: '/app',
          user: { pattern: '^\\d+$' },
          stopSignal: 'SIGTERM',
          exposedPorts: ['8080'],
          unexposedPorts: ['22'],
          volumes: ['/data'],
          unmountedVolumes: ['/etc'],
          env: { APP_ENV: 'production', DEBUG: { absent: true } },
          labels: { 'org.opencontainers.image.version': { pattern: '^\\d+\\.\\d+\\.\\d+$' } },
          healthcheck: { required: true, maxTimeout: '10s', maxStartPeriod: '1m', minRetries: 2, maxInterval: 30 },
        },
      }),
    ).toEqual([]);
  });
  it('fails each field naming the assertion, expected and actual', async () => {
    expect(
      await check({
        description: 'web',
        metadata: {
          entrypoint: ['/app/other'],
          workdir: '/srv',
          user: 'root',
          exposedPorts: ['9090/tcp'],
          unexposedPorts: ['8080'],
          volumes: ['/cache'],
          unmountedVolumes: ['/data'],
          env: { APP_ENV: 'staging', PATH: { absent: true }, MISSING: { pattern: '.' } },
          labels: { team: 'core' },
          stopSignal: 'SIGQUIT',
          healthcheck: { maxTimeout: '2s', minRetries: 5, maxStartPeriod: '10s' },
        },
      }),
    ).toEqual(
      [
        'assertions[0] (web) metadata.entrypoint: expected ["/app/other"], got ["/app/server"]',
        'assertions[0] (web) metadata.workdir: expected "/srv", got "/app"',
        'assertions[0] (web) metadata.user: expected "root", got "10001"',
        'assertions[0] (web) metadata.stopSignal: expected "SIGQUIT", got "SIGTERM"',
        'assertions[0] (web) metadata.exposedPorts: expected 9090/tcp exposed, got ["8080/tcp"]',
        'assertions[0] (web) metadata.unexposedPorts: expected 8080/tcp not exposed, got ["8080/tcp"]',
        'assertions[0] (web) metadata.volumes: expected VOLUME /cache, got ["/data"]',
        'assertions[0] (web) metadata.unmountedVolumes: expected no VOLUME /data, got ["/data"]',
        'assertions[0] (web) metadata.env.APP_ENV: expected "staging", got "production"',
        'assertions[0] (web) metadata.env.PATH: expected not set, got "/usr/bin:/bin"',
        'assertions[0] (web) metadata.env.MISSING: expected a match for /./, got not set',
        'assertions[0] (web) metadata.labels.team: expected "core", got not set',
        'assertions[0] (web) metadata.healthcheck.maxTimeout: expected ≤ 2s, got 5s',
        'assertions[0] (web) metadata.healthcheck.maxStartPeriod: expected ≤ 10s, got 20s',
        'assertions[0] (web) metadata.healthcheck.minRetries: expected ≥ 5, got 3',
      ].sort(),
    );
  });
  it('applies only to images its glob names', async () => {
    expect(await check({ image: 'example.com/other/*', metadata: { workdir: '/srv' } })).toEqual([]);
    expect(await check({ image: 'example.com/team/*', metadata: { workdir: '/srv' } })).toHaveLength(1);
  });
});

describe('structure: files (fileExistenceTests)', () => {
  it('passes existence, type, mode, owner, executable-by, size and link target', async () => {
    expect(
      await check({
        files: [
          {
            path: '/app/server',
            type: 'file',
            mode: '0750',
            modeClear: '0007',
            uid: 10001,
            gid: 10001,
            executableBy: { uid: 10001 },
            minSize: 1000,
            maxSize: '10KB',
          },
          { path: '/app/server', executableBy: 'owner' },
          { path: '/usr/bin/sudo', exists: false },
          { path: '/app/*.yaml' },
          { path: '/bin/sh', type: 'symlink', linkTarget: 'busybox' },
        ],
      }),
    ).toEqual([]);
  });
  it('fails each attribute', async () => {
    expect(
      await check({
        files: [
          { path: '/app/server', mode: '0755', modeSet: '0005', uid: 0, gid: 0, executableBy: { uid: 20000 }, maxSize: 100 },
          { path: '/app/config.yaml', executableBy: 'any', type: 'directory' },
          { path: '/app/*.yaml', exists: false },
          { path: '/app/missing' },
        ],
      }),
    ).toEqual(
      [
        'assertions[0] /app/server mode: expected 0755, got 0750',
        'assertions[0] /app/server modeSet: expected bits 0005 set, got 0750',
        'assertions[0] /app/server uid: expected 0, got 10001',
        'assertions[0] /app/server gid: expected 0, got 10001',
        'assertions[0] /app/server executableBy: expected executable by uid 20000, got mode 0750 owner 10001:10001',
        'assertions[0] /app/server maxSize: expected ≤ 100 bytes, got 2000 bytes',
        'assertions[0] /app/config.yaml type: expected directory, got file',
        'assertions[0] /app/config.yaml executableBy: expected executable by any, got mode 0644 owner 0:0',
        'assertions[0] /app/*.yaml: expected no such path, got file /app/config.yaml',
        'assertions[0] /app/missing: expected the path to exist, got nothing there',
      ].sort(),
    );
  });
});

describe('structure: content (fileContentTests, and licences as a glob)', () => {
  it('passes expected and excluded contents', async () => {
    expect(
      await check({
        content: [
          { path: '/app/config.yaml', match: ['^listen: 8080$', '^log: (info|warn)$'], notMatch: ['^debug: true'] },
          { path: '/app/empty', notMatch: ['.'] },
          { path: '/usr/share/doc/zlib/copyright', notMatch: ['GPL'] },
        ],
      }),
    ).toEqual([]);
  });
  it('fails with the line of the match', async () => {
    const findings = await check({
      content: [
        { path: '/app/config.yaml', match: ['^listen: 9090$'], notMatch: ['^debug:'] },
        { path: '/usr/share/doc/*/copyright', notMatch: ['GPL'] },
        { path: '/app/nothing', match: ['x'] },
      ],
    });
    expect(findings).toEqual(
      [
        'assertions[0] content /app/config.yaml: expected a line matching /^listen: 9090$/, got no such line',
        'assertions[0] content /app/config.yaml: expected no line matching /^debug:/, got a match at /app/config.yaml:3',
        'assertions[0] content /usr/share/doc/*/copyright: expected no line matching /GPL/, got a match at /usr/share/doc/gpl-tool/copyright:1',
        'assertions[0] content /app/nothing: expected a regular file, got no such file',
      ].sort(),
    );
  });
});

describe('structure: policy schema', () => {
  it('reports every problem at once, with its path', () => {
    const policy = {
      rules: {
        structure: {
          options: {
            assertions: [
              {
                metadata: { workdir: 3, healthcheck: { maxTimeout: 'soon' } },
                files: [{ path: 'relative', mode: '999' }],
                content: [{ path: '/x', match: ['('] }],
              },
            ],
          },
        },
      },
    };
    let error: unknown;
    try {
      parsePolicy(policy, 'policy.json', ruleConfigInfo());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
    expect(text).toContain('rules.structure.options.assertions[0].metadata.workdir');
    expect(text).toContain('assertions[0].metadata.healthcheck.maxTimeout');
    expect(text).toContain('assertions[0].files[0].path');
    expect(text).toContain('assertions[0].files[0].mode');
    expect(text).toMatch(/assertions\[0\]\.content\[0\]\.match\[0\].*not a valid regular expression/);
  });
});

describe('structure: init --from seeds', () => {
  it('seeds assertions the schema accepts and the same image passes; values of env and labels are not copied', async () => {
    const { metadataAssertions } = await import('../../../src/cli/seed-assertions.js');
    const { checkMetadata } = await import('../../../src/rules/structure/metadata.js');
    const { structureOptionsSchema } = await import('../../../src/config/structure-assertions.js');
    const imageConfig = {
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [] },
      config: { ...config, User: '10001', Env: ['APP_TOKEN=abc123'], Labels: { version: '1' } },
    };
    const metadata = metadataAssertions(imageConfig);
    expect(JSON.stringify(metadata)).not.toContain('abc123');
    expect(metadata).toMatchObject({
      entrypoint: ['/app/server'],
      workdir: '/app',
      user: '10001',
      exposedPorts: ['8080/tcp'],
      volumes: ['/data'],
      env: { APP_TOKEN: { present: true } },
      healthcheck: { required: true, maxTimeout: '5s', minRetries: 3 },
    });
    const parsed = structureOptionsSchema.parse({ assertions: [{ metadata }] });
    expect(checkMetadata(imageConfig, parsed.assertions[0]!.metadata!, 'seeded')).toEqual([]);
    expect(
      checkMetadata({ ...imageConfig, config: { ...imageConfig.config, Env: [] } }, parsed.assertions[0]!.metadata!, 'seeded').map(
        (f) => f.assertion,
      ),
    ).toEqual(['seeded metadata.env.APP_TOKEN']);
  });
});
