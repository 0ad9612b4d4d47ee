#!/usr/bin/env node
// Entry point: holds V8's young generation back before anything else loads (heap-tuning.ts), loads
// the program (program-loader.ts) and runs it.
import { readsImages, releaseYoungGeneration } from './heap-tuning.js';
import { loadProgram } from './program-loader.js';
import { EXIT_ERROR, EXIT_PASS, EXIT_VIOLATION } from '../exit-code.js';

// Fail closed from the first statement: a program that cannot load must not exit 1, a verdict.
process.exitCode = EXIT_ERROR;
let keepCompiledCode = (): void => {};
try {
  const loaded = await loadProgram();
  keepCompiledCode = loaded.keepCompiledCode;
  await loaded.program.main({ releaseYoungGeneration });
} catch (error) {
  process.stderr.write(
    process.argv.includes('--debug')
      ? `${(error as Error)?.stack ?? String(error)}\n`
      : `imagegate: could not load the program (${(error as Error)?.message ?? String(error)}); reinstall imagegate, nothing was verified\n`,
  );
  process.exitCode = EXIT_ERROR;
}
// A check that came to a verdict ran most of the program's code; one that stopped early did not.
// Outside the try: keeping the code is best effort and never changes the exit code.
if (readsImages(process.argv) && (process.exitCode === EXIT_PASS || process.exitCode === EXIT_VIOLATION)) keepCompiledCode();
