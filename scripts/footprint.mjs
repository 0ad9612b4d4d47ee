#!/usr/bin/env node
// What `npm install imagegate` puts on a machine: packs this checkout, installs the tarball into an
// empty project (production dependencies only, as a user gets them) and prints the number of
// packages, the bytes on disk and the biggest contributors with the direct dependency that brings
// each. The README's "What it installs" figures come from here.
//   node scripts/footprint.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'imagegate-footprint-'));
try {
  const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = run('npm', ['pack', '--pack-destination', work, '--silent'], repo).trim().split('\n').pop();
  const project = join(work, 'project');
  run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), '{"name":"footprint","version":"1.0.0","private":true}\n');
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)], project);
  const tree = JSON.parse(run('npm', ['ls', '--all', '--omit=dev', '--json'], project));
  const root = tree.dependencies.imagegate;
  // Which direct dependency of imagegate brings each package (the first path found).
  const broughtBy = new Map();
  const visit = (deps, via) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (!broughtBy.has(name)) broughtBy.set(name, via ?? name);
      if (node.dependencies) visit(node.dependencies, via ?? name);
    }
  };
  visit(root.dependencies, undefined);
  const modules = join(project, 'node_modules');
  const size = (path) => {
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0);
  };
  const packages = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const inner of readdirSync(join(modules, name))) packages.push(`${name}/${inner}`);
    else packages.push(name);
  }
  const byDirect = new Map();
  let total = 0;
  for (const name of packages) {
    const bytes = size(join(modules, name));
    total += bytes;
    const via = name === 'imagegate' ? 'imagegate (itself)' : (broughtBy.get(name) ?? '?');
    byDirect.set(via, (byDirect.get(via) ?? 0) + bytes);
  }
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`${packages.length} packages (imagegate included), ${mb(total)} on disk`);
  for (const [via, bytes] of [...byDirect].sort((a, b) => b[1] - a[1])) console.log(`  ${via.padEnd(22)} ${mb(bytes)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
