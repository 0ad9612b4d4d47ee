// The CLI's program: runs the command and turns every outcome into an exit code; stack traces only
// with --debug. bin.ts loads it (from the bundle when there is one) and starts it, after its heap
// tuning already holds the young generation while these modules load.
import { CommanderError } from 'commander';
import { ImagegateError } from '../core/errors.js';
import { EXIT_ERROR } from '../exit-code.js';
import { startDigestThread } from '../layers/digest-thread.js';
import { prestartScanThreads } from '../secrets/scan-pool.js';
import { buildProgram } from './program.js';

const debug = process.argv.includes('--debug');

let finished = false;

/** What the launcher (bin.ts) hands the program: its own heap tuning, which must not load twice. */
export interface Launch {
  releaseYoungGeneration: (startThreads: () => Promise<unknown>) => void;
}

/** Runs the command; resolves once it has finished, whatever its exit code (a crash or signal exits at once). */
export async function main({ releaseYoungGeneration }: Launch): Promise<void> {
  // Fail closed: until the command has really finished, the exit code says "could not check". A
  // stream that stalls without an error would otherwise let Node exit with 0, a pass on nothing.
  process.exitCode = EXIT_ERROR;
  process.once('exit', () => {
    if (!finished)
      process.stderr.write(
        'imagegate: the check stopped before it finished (an input stream ended without completing); nothing was verified, exit 2\n',
      );
  });
  // A bug must not look like a finding (Node's default for an uncaught error is exit 1 and a stack).
  const crash = (error: unknown): void => {
    finished = true;
    printError(error);
    process.exit(EXIT_ERROR);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      finished = true;
      process.stderr.write(`imagegate: interrupted by ${signal}; no report was written, nothing passed\n`);
      process.exit(code);
    });
  }
  let commandCode: number | undefined;
  // as many scan threads as the default (none on 2 cores); `--scan-threads` is read later, and the
  // pool ends the ones it does not use
  releaseYoungGeneration(() => Promise.all([startDigestThread()?.started, prestartScanThreads()]));
  const program = buildProgram((code) => {
    commandCode = code;
  });
  let exitCode: number;
  try {
    await program.parseAsync(process.argv);
    exitCode = commandCode ?? 0;
  } catch (error) {
    exitCode = exitCodeForError(error);
  }
  finished = true;
  process.exitCode = exitCode;
}

function exitCodeForError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end with code 0; usage mistakes were already printed by commander.
    return error.exitCode === 0 ? 0 : EXIT_ERROR;
  }
  printError(error);
  return EXIT_ERROR;
}

/** One readable line; the stack trace only with --debug. */
function printError(error: unknown): void {
  if (error instanceof ImagegateError && !debug) process.stderr.write(`imagegate: ${error.message}\n`);
  else if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else
    process.stderr.write(
      `imagegate: unexpected error: ${(error as Error)?.message ?? String(error)}; nothing was verified (rerun with --debug for details)\n`,
    );
}
