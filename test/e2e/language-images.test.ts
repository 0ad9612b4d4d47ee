// No crying wolf on application images: a Node application with popular npm packages installed
// (cloud, payment, messaging and AI SDKs, database clients, express) and a Python image with pip
// packages must yield zero error-level secret findings — while credentials the application's own
// files hold are still errors, and a credential file dropped into node_modules is still found.
// The base images are the benchmark's (scripts/bench.mjs --prepare-only --images node,python):
// built once on the Debian image of debian-image.test.ts and cached under .imagegate-services/bench/.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, REPO_ROOT, removeImage, runCli } from './support/images.js';

const NODE = 'imagegate-bench/node:1';
const PYTHON = 'imagegate-bench/python:1';
const NODE_APP = `imagegate-test/node-app:${process.pid}`;
const PYTHON_APP = `imagegate-test/python-app:${process.pid}`;

/**
 * The application's own credentials are generated inside the build from /dev/urandom, so no
 * credential-shaped literal is in this file or in the image's history.
 */
const RAND = 'rand() { tr -dc "$1" </dev/urandom | head -c "$2"; }';
const NODE_APP_DOCKERFILE = `FROM ${NODE}
RUN set -e; ${RAND}; mkdir -p /app/src /app/config; \\
    printf 'module.exports = {\\n  accessKeyId: "AKIA%s",\\n  secretAccessKey: "%s",\\n};\\n' "$(rand A-Z2-7 16)" "$(rand A-Za-z0-9 40)" > /app/src/aws.js; \\
    printf 'spring:\\n  datasource:\\n    username: app\\n    password: %s\\n' "$(rand A-Za-z0-9 20)" > /app/config/application.yml; \\
    printf '//registry.npmjs.org/:_authToken=%s\\n' "$(rand a-f0-9 32)" > /app/node_modules/express/.npmrc
`;

/** A pip package built and installed offline: pip writes its RECORD (sha256 per file), as for any wheel. */
const PYTHON_APP_DOCKERFILE = `FROM ${PYTHON}
RUN set -e; ${RAND}; mkdir -p /tmp/pkg/samplepkg; cd /tmp/pkg; \\
    printf '[project]\\nname = "samplepkg"\\nversion = "1.0"\\n[build-system]\\nrequires = ["setuptools"]\\nbuild-backend = "setuptools.build_meta"\\n' > pyproject.toml; \\
    printf 'AWS_ACCESS_KEY_ID = "AKIA%s"\\nAWS_SECRET_ACCESS_KEY = "%s"\\n' "$(rand A-Z2-7 16)" "$(rand A-Za-z0-9 40)" > samplepkg/fixtures.py; \\
    touch samplepkg/__init__.py; \\
    pip install --quiet --no-index --no-build-isolation --break-system-packages --root-user-action=ignore . ; \\
    cd /; rm -rf /tmp/pkg
`;

function prepare(images: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'bench.mjs'), '--prepare-only', '--images', images], {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function secretFindings(image: string): Promise<{ errors: string[]; others: number; report: Report['images'][number] }> {
  const result = await runCli(['check', '--format', 'json', '--no-cache', image]);
  const report = (JSON.parse(result.stdout) as Report).images[0]!;
  expect(report.error).toBeUndefined();
  const secrets = report.findings.filter((f) => f.ruleId.startsWith('secret-'));
  const errors = secrets.filter((f) => f.severity === 'error').map((f) => `${f.secret?.kind ?? f.ruleId} ${f.location.path ?? ''}`);
  return { errors: errors.sort(), others: secrets.length - errors.length, report };
}

describe('application images with third-party packages', () => {
  beforeAll(async () => {
    const prepared = await prepare('node,python');
    if (prepared.code !== 0)
      throw new Error(
        `could not build ${NODE} and ${PYTHON} (the Debian mirror and the npm registry must be reachable):\n${prepared.output.slice(-4000)}`,
      );
    await buildImage(NODE_APP, { dockerfile: NODE_APP_DOCKERFILE });
    await buildImage(PYTHON_APP, { dockerfile: PYTHON_APP_DOCKERFILE });
  }, 2_400_000);
  afterAll(async () => {
    await removeImage(NODE_APP);
    await removeImage(PYTHON_APP);
  });

  it('a Node application: no error from its npm packages; its own credentials and a dropped-in .npmrc are errors', async () => {
    const { errors, others, report } = await secretFindings(NODE_APP);
    expect(errors).toEqual([
      'aws-access-key-id /app/src/aws.js',
      'aws-secret-access-key /app/src/aws.js',
      'npmrc-auth /app/node_modules/express/.npmrc',
      'secret-config-value /app/config/application.yml',
    ]);
    // The SDKs' samples are still visible, below error, and the report says where they were.
    expect(others).toBeGreaterThan(0);
    expect(report.packageContent?.thirdParty?.['npm']?.packages).toBeGreaterThan(100);
    expect(report.packageContent?.thirdParty?.['npm']?.findings).toBeGreaterThan(0);
  }, 600_000);

  it('a Python image with pip packages: no error; a pip-installed file is package content by its RECORD', async () => {
    const { errors, report } = await secretFindings(PYTHON_APP);
    expect(errors).toEqual([]);
    const pip = report.findings
      .filter((f) => f.messageId === 'SECRET_IN_PACKAGE')
      .map((f) => `${f.severity} ${f.secret?.kind ?? ''} ${f.location.path ?? ''}`);
    expect(pip.sort()).toEqual([
      'info aws-access-key-id /usr/local/lib/python3.11/dist-packages/samplepkg/fixtures.py',
      'info aws-secret-access-key /usr/local/lib/python3.11/dist-packages/samplepkg/fixtures.py',
    ]);
    expect(report.packageContent?.thirdParty?.['pip']).toMatchObject({ files: 1, findings: 2 });
  }, 600_000);
});
