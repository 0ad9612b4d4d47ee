#!/usr/bin/env node
// Entry point: runs the program and turns every outcome into an exit code; stack traces only with --debug.
import { buildProgram, CommanderError } from './program.js';
import { ImagegateError } from '../config/errors.js';
import { EXIT_ERROR } from '../exit-code.js';

const debug = process.argv.includes('--debug');

async function main(): Promise<void> {
  const program = buildProgram((code) => {
    process.exitCode = code;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    process.exitCode = exitCodeForError(error);
  }
}

function exitCodeForError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end with code 0; usage mistakes were already printed by commander.
    return error.exitCode === 0 ? 0 : EXIT_ERROR;
  }
  if (error instanceof ImagegateError && !debug) {
    process.stderr.write(`imagegate: ${error.message}\n`);
  } else {
    process.stderr.write(debug && error instanceof Error ? `${error.stack}\n` : `imagegate: unexpected error: ${(error as Error)?.message ?? String(error)} (rerun with --debug for details)\n`);
  }
  return EXIT_ERROR;
}

void main();
