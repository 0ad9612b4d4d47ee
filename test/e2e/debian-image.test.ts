// No crying wolf on a real distro: a Debian bookworm image (debootstrap minbase) with
// build-essential, python3, python3-dev, nodejs, npm and git installed by apt must yield zero
// secret findings — while the build-hygiene and layer-waste rules still see its toolchain and apt
// lists. The image is the benchmark's (scripts/bench.mjs --prepare-only): built once (about 10
// minutes: debootstrap and apt need the Debian mirror), then loaded from its saved tar.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { REPO_ROOT, runCli } from './support/images.js';

const IMAGE = 'imagegate-bench/fat:1';

function prepare(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'bench.mjs'), '--prepare-only'], { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a real Debian image with python3, build-essential, nodejs and npm', () => {
  beforeAll(async () => {
    const prepared = await prepare();
    if (prepared.code !== 0) throw new Error(`could not build ${IMAGE} (the Debian mirror must be reachable):\n${prepared.output.slice(-4000)}`);
  }, 1_800_000);

  it('has no secret findings, while hygiene rules still see its toolchain and apt lists', async () => {
    const result = await runCli(['check', '--format', 'json', '--no-cache', IMAGE]);
    const report = JSON.parse(result.stdout) as Report;
    const image = report.images[0]!;
    expect(image.error).toBeUndefined();
    const secrets = image.findings.filter((f) => f.ruleId.startsWith('secret-'));
    expect(secrets.map((f) => `${f.ruleId} ${f.location.path ?? ''}:${f.location.line ?? ''} ${f.message}`)).toEqual([]);
    const hygiene = image.findings.filter((f) => f.ruleId === 'build-hygiene').map((f) => f.message).join('\n');
    expect(hygiene).toMatch(/gcc|build-essential/);
    expect(hygiene).toMatch(/apt/);
  }, 300_000);
});
