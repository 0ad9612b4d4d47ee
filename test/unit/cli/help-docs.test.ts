// --help and the docs never disagree: every option `check` takes is in docs/cli.md's option table,
// and the table names no option `check` does not take.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { REPORT_FORMATS } from '../../../src/reporters/index.js';

const README = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8');
const program = buildProgram(() => undefined);
const check = program.commands.find((command) => command.name() === 'check')!;

/** The long options of the README's option table (the rows that start with an option). */
function documented(): Set<string> {
  const rows = README.split('\n').filter((line) => /^\| `-/.test(line));
  return new Set(rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])));
}

describe('check --help and docs/cli.md', () => {
  it('list the same options', () => {
    const offered = new Set([...check.options, ...program.options].map((option) => option.long!).filter((long) => long !== '--version'));
    expect([...offered].filter((long) => !documented().has(long)).sort()).toEqual([]);
    expect([...documented()].filter((long) => !offered.has(long)).sort()).toEqual([]);
  });

  it('name every report format', () => {
    const row = README.split('\n').find((line) => line.startsWith('| `--format FORMAT`'))!;
    for (const format of REPORT_FORMATS) expect(row).toContain(`\`${format}\``);
  });
});
