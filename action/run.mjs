#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml): turns its inputs (INPUT_* variables) into an
// `imagegate check` command line, runs the CLI of this checkout, and hands on its exit code, also as
// the step output `exit-code`. Kept apart from the CLI so the action adds no code path of its own.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

const input = (name) => (process.env[`INPUT_${name}`] ?? '').trim();
const words = (text) => text.split(/\s+/).filter((word) => word !== '');
const lines = (text) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The check's arguments from the action's inputs; an input left empty keeps imagegate's default. */
export function checkArguments() {
  const images = words(input('IMAGES'));
  if (images.length === 0) throw new Error('the input "images" is empty; name at least one image to check');
  const args = ['check', '--format', input('FORMAT') || 'github', '--fail-on', input('FAIL_ON') || 'error'];
  const optional = [
    ['--policy', input('POLICY')],
    ['--budgets', input('BUDGETS')],
    ['--ignore-file', input('IGNORE_FILE')],
    ['--dockerfile', input('DOCKERFILE')],
  ];
  for (const [flag, value] of optional) if (value) args.push(flag, value);
  for (const report of lines(input('REPORTS'))) args.push('--report', report);
  if (input('UPLOAD_SARIF') === 'true') args.push('--report', `sarif=${input('SARIF_FILE') || 'imagegate.sarif'}`);
  if (input('ALL_PLATFORMS') === 'true') args.push('--all-platforms');
  return [...args, ...images];
}

function main() {
  let args;
  try {
    args = checkArguments();
  } catch (error) {
    process.stderr.write(`::error title=imagegate::${error.message}\n`);
    return 2;
  }
  const result = spawnSync(process.execPath, [CLI, ...args], { stdio: 'inherit' });
  const code = result.status ?? 2;
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `exit-code=${code}\n`);
  return code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
