// Hostile archives through the real CLI: each must end in exit 1 (a finding) or 2 (a clear
// refusal), with no stack trace, bounded memory, and no file written anywhere but the report.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/support/temp-dir.js';
import { HOSTILE_CASES } from './support/hostile-archives.js';
import { CLI_PATH } from './support/images.js';

interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  peakRssMb: number;
  seconds: number;
}

/** Runs the CLI under /usr/bin/time for its peak RSS; kills it (a hang) after `limitSeconds`. */
function runMeasured(args: string[], cwd: string, env: Record<string, string>, limitSeconds: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('/usr/bin/time', ['-f', 'imagegate-peak-rss-kb=%M', process.execPath, CLI_PATH, ...args], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitSeconds * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = /imagegate-peak-rss-kb=(\d+)/.exec(stderr);
      resolve({
        code,
        stdout,
        stderr: stderr.replace(/.*imagegate-peak-rss-kb=\d+\n?/, ''),
        peakRssMb: rss ? Number(rss[1]) / 1024 : NaN,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

describe('hostile archives', () => {
  let inputs: string;
  let work: string;
  beforeAll(async () => {
    inputs = await tempDir('imagegate-hostile-in-');
    work = await tempDir('imagegate-hostile-run-');
  });
  afterAll(async () => {
    await rm(inputs, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, hostile) => {
      const archive = await hostile.build(inputs);
      // A fresh working directory and temp directory per case: afterwards they may hold the report only.
      const cwd = join(work, hostile.name.replace(/[^a-z0-9]+/gi, '-'), 'cwd');
      const tmp = join(cwd, '..', 'tmp');
      await mkdir(cwd, { recursive: true });
      await mkdir(tmp, { recursive: true });
      const limit = hostile.limitSeconds ?? 20;
      // The layer cache is the one place besides the report imagegate may write to.
      const result = await runMeasured(
        ['check', `docker-archive:${archive}`, '--format', 'json', '-o', 'report.json', '--scan-threads', '0'],
        cwd,
        { TMPDIR: tmp, XDG_CACHE_HOME: join(cwd, '..', 'cache') },
        limit,
      );
      const output =
        result.stderr + (existsSync(join(cwd, 'report.json')) ? (await import('node:fs')).readFileSync(join(cwd, 'report.json'), 'utf8') : '');

      expect(result.seconds, `took ${result.seconds}s`).toBeLessThan(limit);
      expect(hostile.exits, `exit ${result.code}; stderr: ${result.stderr}`).toContain(result.code);
      expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace without --debug
      expect(result.peakRssMb, 'peak RSS in MB').toBeLessThan(300);
      if (result.code === 2) expect(output.trim()).not.toBe('');
      if (hostile.mentions) expect(output).toMatch(hostile.mentions);
      // Nothing written but the report: not in the working directory, not in TMPDIR, not above either.
      expect((await readdir(cwd)).filter((f) => f !== 'report.json')).toEqual([]);
      expect(await readdir(tmp)).toEqual([]);
      expect((await readdir(join(cwd, '..'))).filter((f) => !['cwd', 'tmp', 'cache'].includes(f))).toEqual([]);
      for (const escaped of ['imagegate-escaped-file', 'imagegate-sneaky', 'imagegate-absolute-file']) {
        expect(existsSync(join(work, escaped)) || existsSync(join('/', escaped)) || existsSync(join(cwd, '..', escaped))).toBe(false);
      }
      const message = /"error":\s*\{\s*"message":\s*"([^"]*)"/.exec(output)?.[1] ?? '';
      console.log(
        `hostile: ${hostile.name}: exit ${result.code}, ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB; ${message.slice(0, 300)}`,
      );
    },
    120_000,
  );
});
