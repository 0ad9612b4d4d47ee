// End to end on a real Docker Engine: images built here, checked by the built CLI, exit codes and reports asserted.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { REPORT_FORMATS } from '../../src/reporters/index.js';
import { ruleConfigInfo } from '../../src/engine/load-settings.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets, randomAlnum, secretValues } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli, type CliResult } from './support/images.js';

const run = `${process.pid}`;
const tag = (name: string): string => `imagegate-test/${name}:${run}`;
const BASE = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]'];
const secrets = fakeSecrets();
const outputs: string[] = [];
let work: string;
let budgets: string;

async function check(...args: string[]): Promise<CliResult> {
  const result = await runCli(['check', '--budgets', budgets, ...args]);
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function checkJson(...args: string[]): Promise<{ result: CliResult; report: Report }> {
  const result = await check('--format', 'json', ...args);
  return { result, report: JSON.parse(result.stdout) as Report };
}

const certificate = ['-----BEGIN CERTIFICATE-----', ...Array.from({ length: 8 }, () => randomAlnum(64)), '-----END CERTIFICATE-----', ''].join('\n');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-e2e-'));
  budgets = join(work, 'budgets.json');
  await writeFile(budgets, JSON.stringify({ budgets: [{ image: 'imagegate-test/*', maxSize: '20MB', maxLayers: 30 }] }));

  await buildImage(tag('clean'), {
    busybox: true,
    files: {
      'app/main.py': 'import os\npassword = os.environ["DB_PASSWORD"]\ntoken = os.getenv("API_TOKEN")\n',
      'app/server.js': 'const token = process.env.TOKEN;\nconst url = "postgres://db:5432/app";\n',
      'app/.env.example': 'API_KEY=changeme\nDB_PASSWORD=\nSECRET_KEY=<set-me>\n',
      'app/tls.crt': certificate,
      'home/app/.ssh/authorized_keys': `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${randomAlnum(43)} app@example\n`,
      'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n',
    },
    dockerfile: [
      ...BASE,
      'COPY etc/passwd /etc/passwd',
      'COPY app/ /app/',
      'COPY home/ /home/',
      'ENV GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5 PASSWORD_FILE=/run/secrets/db DB_PASSWORD=changeme',
      'LABEL org.opencontainers.image.version=1.0.0 org.opencontainers.image.source=https://example.com/app',
      'HEALTHCHECK CMD ["/bin/busybox", "true"]',
      'USER 10001',
    ].join('\n'),
  });

  for (const [name, user] of [
    ['root-name', 'root'],
    ['root-uid', '0:0'],
    ['root-zeros', '0000'],
    ['root-alias', 'toor'],
    ['ghost', 'ghost'],
    ['named', 'app'],
  ] as const) {
    // toor (a second name for UID 0) lives only in the image that uses it: user-accounts reports a shared UID as an error.
    const alias = name === 'root-alias' ? { files: { passwd: 'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0:alias:/root:/bin/sh\n' } } : {};
    await buildImage(tag(name), {
      ...alias,
      dockerfile: `FROM ${tag('clean')}\n${name === 'root-alias' ? 'COPY passwd /etc/passwd\n' : ''}USER ${user}\n`,
    });
  }

  await buildImage(tag('leaky'), {
    busybox: true,
    files: {
      id_rsa: secrets.privateKey,
      '.git-credentials': `https://builder:${secrets.dbPassword}@git.example.com\n`,
      'token.txt': `slack_token=${secrets.slackToken}\n`,
    },
    buildArgs: { NPM_TOKEN: secrets.npmToken, AWS_SECRET: secrets.awsSecretKey, GH_TOKEN: secrets.githubToken },
    dockerfile: [
      ...BASE,
      'RUN mkdir -p /root/.ssh /tmp /var/log',
      'COPY id_rsa /root/.ssh/id_rsa',
      'RUN rm /root/.ssh/id_rsa',
      'COPY .git-credentials /root/.git-credentials',
      'COPY token.txt /tmp/t',
      // a 25 MB log with the token at byte 20,000,000, written inside the build so the context stays small
      "RUN (yes 'GET /health 200 ok' | head -c 20000000; cat /tmp/t; yes 'GET /ready 200' | head -c 5000000) > /var/log/app.log && rm /tmp/t",
      'ARG AWS_SECRET',
      'ENV AWS_SECRET_ACCESS_KEY=$AWS_SECRET',
      'ARG GH_TOKEN',
      'LABEL com.example.ci-token=$GH_TOKEN',
      'ARG NPM_TOKEN',
      'RUN echo "installing dependencies" > /dev/null',
    ].join('\n'),
  });
}, 600_000);

afterAll(async () => {
  for (const name of ['root-name', 'root-uid', 'root-zeros', 'root-alias', 'ghost', 'named', 'clean', 'leaky']) await removeImage(tag(name));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('imagegate check on a real engine', () => {
  it('passes a clean image with exit 0 and zero findings, false-positive traps included', async () => {
    const { result, report } = await checkJson(tag('clean'));
    expect(report.images[0]!.findings).toEqual([]);
    expect(result.code).toBe(0);
    // Nothing on stderr either: not even V8 refusing the heap flag the CLI sets (src/cli/heap-tuning.ts).
    expect(result.stderr).toBe('');
    expect(report.images[0]).toMatchObject({ reference: tag('clean'), platform: 'linux/amd64', passed: true });
    const [inspected] = JSON.parse((await docker(['image', 'inspect', tag('clean')])).stdout) as { Size: number; Id: string }[];
    expect(report.images[0]!.sizeBytes).toBe(inspected!.Size);
    expect(report.images[0]!.imageId).toBe(inspected!.Id);
  });

  it('prints a readable text report for the clean image', async () => {
    const result = await check(tag('clean'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('passed');
    expect(result.stdout).toContain('no findings');
  });

  it.each([
    ['root-name', 'ROOT_USER'],
    ['root-uid', 'ROOT_USER'],
    ['root-zeros', 'ROOT_USER'],
    ['root-alias', 'USER_MAPS_TO_ROOT'],
    ['ghost', 'USER_UNRESOLVABLE'],
  ])('non-root-user fails %s with %s and exit 1', async (name, messageId) => {
    const { result, report } = await checkJson(tag(name));
    expect(result.code).toBe(1);
    const found = report.images[0]!.findings.map((f) => [f.ruleId, f.messageId]);
    // root-alias also shares UID 0 between two names, which user-accounts reports.
    const shared = name === 'root-alias' ? [['user-accounts', 'DUPLICATE_ID']] : [];
    expect(found.sort()).toEqual([['non-root-user', messageId], ...shared].sort());
  });

  it('a named user with a non-zero UID passes', async () => {
    const { result } = await checkJson(tag('named'));
    expect(result.code).toBe(0);
  });

  it('finds every violation of the leaky image, with locations, and exits 1', async () => {
    const { result, report } = await checkJson(tag('leaky'));
    expect(result.code).toBe(1);
    const findings = report.images[0]!.findings;
    const ids = new Set(findings.map((f) => `${f.ruleId}/${f.messageId}`));
    for (const expected of [
      'non-root-user/USER_UNSET',
      'oci-labels/MISSING_LABEL',
      'healthcheck/MISSING_HEALTHCHECK',
      'secret-env/SECRET_IN_ENV',
      'secret-label/SECRET_IN_LABEL',
      'secret-history/SECRET_IN_BUILD_ARG',
      'secret-file/SECRET_IN_DELETED_FILE',
      'secret-file/SECRET_IN_FILE',
    ]) {
      expect(ids, expected).toContain(expected);
    }
    const deletedKey = findings.find((f) => f.messageId === 'SECRET_IN_DELETED_FILE' && f.location.path === '/root/.ssh/id_rsa');
    expect(deletedKey?.location).toMatchObject({ layer: 3, inFinalFilesystem: false });
    expect(deletedKey?.location.createdBy).toContain('COPY');
    expect(deletedKey?.message).toContain('still extractable from layer 3');

    const buildArg = findings.find((f) => f.messageId === 'SECRET_IN_BUILD_ARG' && f.message.includes('NPM_TOKEN'));
    expect(buildArg?.location.historyIndex).toBeGreaterThan(0);
    expect(findings.find((f) => f.ruleId === 'secret-env')?.location.envKey).toBe('AWS_SECRET_ACCESS_KEY');
    expect(findings.find((f) => f.ruleId === 'secret-label')?.location.label).toBe('com.example.ci-token');
    expect(findings.find((f) => f.location.path === '/root/.git-credentials')?.messageId).toBe('SECRET_IN_FILE');
  });

  it('finds a token at byte 20,000,000 of a 25 MB log file', async () => {
    const { report } = await checkJson(tag('leaky'));
    const inLog = report.images[0]!.findings.find((f) => f.location.path === '/var/log/app.log');
    expect(inLog?.ruleId).toBe('secret-file');
    // "GET /health 200 ok\n" is 19 bytes: the token sits on line 1,052,632
    expect(inLog?.location.line).toBe(Math.floor(20_000_000 / 19) + 1);
  });

  it('reports the same file secrets with scan threads as on the main thread', async () => {
    const fileFindings = (report: Report) =>
      report.images[0]!.findings.filter((f) => f.ruleId === 'secret-file')
        .map((f) => `${f.messageId} ${f.location.path}:${String(f.location.line)} ${f.secret?.fingerprint ?? ''}`)
        .sort();
    const inline = await checkJson('--scan-threads', '0', tag('leaky'));
    const threaded = await checkJson('--scan-threads', '3', tag('leaky'));
    expect(threaded.result.code).toBe(1);
    expect(fileFindings(inline.report).length).toBeGreaterThanOrEqual(3);
    expect(fileFindings(threaded.report)).toEqual(fileFindings(inline.report));
  });

  it('fails a size budget with actual, budget and excess in human units', async () => {
    const small = join(work, 'small-budgets.json');
    await writeFile(small, JSON.stringify({ budgets: [{ image: 'imagegate-test/*', maxSize: '1MB' }] }));
    const result = await runCli(['check', '--budgets', small, tag('clean')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/size-budget\s+image is [\d.]+ MB, budget is 1 MB \([\d.]+ [KM]B over/);
  });

  it('accepts docker-daemon: references and image IDs', async () => {
    const id = (await docker(['image', 'inspect', '--format', '{{.Id}}', tag('clean')])).stdout.trim();
    const { result, report } = await checkJson(`docker-daemon:${tag('clean')}`, id);
    expect(result.code).toBe(0);
    expect(report.images.map((image) => image.reference)).toEqual([tag('clean'), id]);
  });

  it('checks several images concurrently and reports them in argument order', async () => {
    const order = [tag('leaky'), tag('clean'), tag('root-name'), tag('named')];
    const { result, report } = await checkJson('--concurrency', '3', ...order);
    expect(result.code).toBe(1);
    expect(report.images.map((image) => [image.reference, image.passed])).toEqual([
      [order[0], false],
      [order[1], true],
      [order[2], false],
      [order[3], true],
    ]);
    expect(report.summary).toMatchObject({ images: 4, passed: 2, failed: 2, errored: 0, exitCode: 1 });
  });

  it('exits 2 for a missing image, naming it, even next to a passing one', async () => {
    const result = await check(tag('clean'), 'imagegate-test/does-not-exist:nope');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('image imagegate-test/does-not-exist:nope was not found');
  });

  it('says on stderr why an image could not be checked when the report is JSON or goes to a file', async () => {
    const missing = 'imagegate-test/does-not-exist:nope';
    const json = await runCli(['check', '--format', 'json', tag('clean'), missing]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain(`imagegate: ${missing}: could not be checked: image ${missing} was not found`);
    expect(json.stderr).not.toContain(tag('clean'));
    const output = join(work, 'missing-report.txt');
    const quiet = await runCli(['check', '-q', '-o', output, missing]);
    expect(quiet.code).toBe(2);
    expect(quiet.stderr.trim().split('\n')).toEqual([expect.stringContaining(`imagegate: ${missing}: could not be checked:`)]);
    // Text on stdout already says it there, once.
    const text = await runCli(['check', missing]);
    expect(text.stderr).not.toContain('could not be checked');
  });

  it('exits 2 with one readable line when the engine is unreachable', async () => {
    const result = await runCli(['check', tag('clean')], { DOCKER_HOST: `unix://${join(work, 'no-engine.sock')}` });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('cannot reach the Docker Engine');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 listing every config error at once', async () => {
    const policy = join(work, 'bad-policy.json');
    await writeFile(
      policy,
      JSON.stringify({ rules: { 'non-root-usr': 'error', healthcheck: 'loud' }, waivers: [{ rule: 'secret-file', expires: '2027-01-01' }] }),
    );
    const result = await runCli(['check', '--policy', policy, '--budgets', budgets, tag('clean')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('non-root-usr');
    expect(result.stderr).toContain('did you mean "non-root-user"');
    expect(result.stderr).toContain('rules.healthcheck');
    expect(result.stderr).toContain('waivers[0].reason');
  });

  it('waives a finding until its expiry date, and an expired waiver fails again', async () => {
    const write = async (expires: string) => {
      const file = join(work, `waiver-${expires}.json`);
      await writeFile(
        file,
        JSON.stringify({ waivers: [{ rule: 'non-root-user', image: 'imagegate-test/root-name:*', reason: 'legacy image', expires }] }),
      );
      return file;
    };
    const active = await runCli(['check', '--format', 'json', '--budgets', budgets, '--policy', await write('2999-12-31'), tag('root-name')]);
    expect(active.code).toBe(0);
    expect((JSON.parse(active.stdout) as Report).images[0]!.findings[0]!.waived).toMatchObject({ expired: false });
    const expired = await runCli(['check', '--budgets', budgets, '--policy', await write('2020-01-01'), tag('root-name')]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('waiver expired 2020-01-01');
    expect(expired.stderr).toMatch(/warning: .*waiver-2020-01-01\.json: waivers\[0\] \(non-root-user\) expired on 2020-01-01/);
    expect(active.stderr).not.toContain('expired');
  });

  it('exits 2 when the policy turns every rule off, instead of passing everything', async () => {
    const policy = join(work, 'all-off.json');
    const ids = ruleConfigInfo().map((rule) => rule.id);
    await writeFile(policy, JSON.stringify({ rules: Object.fromEntries(ids.map((id) => [id, 'off'])) }));
    const result = await runCli(['check', '--policy', policy, '--budgets', budgets, tag('clean')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/all-off\.json: rules: turns off every rule/);
  });

  it('writes the report to --output', async () => {
    const file = join(work, 'report.json');
    const result = await check('--format', 'json', '--output', file, tag('leaky'));
    expect(result.code).toBe(1);
    const written = await readFile(file, 'utf8');
    outputs.push(written);
    expect((JSON.parse(written) as Report).images[0]!.passed).toBe(false);
  });

  it('writes SARIF, JUnit and JSON reports in the same run as the text report', async () => {
    const files = { sarif: join(work, 'r.sarif'), junit: join(work, 'r.xml'), json: join(work, 'r.json') };
    const result = await check(
      '--report',
      `sarif=${files.sarif}`,
      '--report',
      `junit=${files.junit}`,
      '--report',
      `json=${files.json}`,
      tag('leaky'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAILED');
    const sarif = JSON.parse(await readFile(files.sarif, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(5);
    expect(await readFile(files.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="imagegate"/);
    expect((JSON.parse(await readFile(files.json, 'utf8')) as Report).summary.exitCode).toBe(1);
    for (const file of Object.values(files)) outputs.push(await readFile(file, 'utf8'));
  });

  it('init --from writes a policy and budgets that cover the image', async () => {
    const dir = join(work, 'init');
    const init = await runCli(['init', '--dir', dir, '--from', tag('clean')]);
    expect(init.code).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'budgets.json'), 'utf8')) as { budgets: { image: string; maxSize: string }[] };
    expect(written.budgets.map((b) => b.image)).toEqual([`docker.io/${tag('clean').replace(/:[^:]+$/, ':*')}`]);
    const { result, report } = await checkJson('--policy', join(dir, 'imagegate.policy.json'), '--budgets', join(dir, 'budgets.json'), tag('clean'));
    expect(result.code).toBe(0);
    expect(report.images[0]!.findings.filter((f) => f.ruleId === 'size-budget')).toEqual([]);
    expect((await runCli(['init', '--dir', dir])).code).toBe(2); // never overwrites without --force
  });

  it('runs every report format, --verbose, --debug, size and a failing run over the leaky image', async () => {
    const summary = join(work, 'step-summary.md');
    const reports = REPORT_FORMATS.map((format) => ['--report', `${format}=${join(work, `all.${format}`)}`]).flat();
    for (const format of REPORT_FORMATS) {
      const result = await check('--format', format, '--verbose', '--debug', ...reports, tag('leaky'));
      expect(result.code).toBe(1);
    }
    await runCli(['check', '--debug', '--verbose', '--format', 'github', tag('leaky')], { GITHUB_STEP_SUMMARY: summary }).then((r) =>
      outputs.push(r.stdout, r.stderr),
    );
    // A failing run with --debug prints stack traces: they must not carry secrets either.
    await runCli(['check', '--debug', '--verbose', tag('leaky'), 'imagegate-test/does-not-exist:1']).then((r) => outputs.push(r.stdout, r.stderr));
    await runCli(['size', tag('leaky')]).then((r) => outputs.push(r.stdout, r.stderr));
    await runCli(['size', '--format', 'json', tag('leaky')]).then((r) => outputs.push(r.stdout, r.stderr));
    for (const format of REPORT_FORMATS) outputs.push(await readFile(join(work, `all.${format}`), 'utf8'));
    outputs.push(await readFile(summary, 'utf8'));
  });

  it('never prints a planted secret unmasked, in any output', async () => {
    await check(tag('leaky'));
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const value of secretValues(secrets)) expect(all).not.toContain(value);
  });
});
