// The commander program: commands, options and help text. Returns the exit code; never exits the process.
import { Command, CommanderError, Option } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { runCheckCommand, type CheckFlags } from './check-command.js';
import { DEFAULT_BUDGETS, PROJECT_POLICY } from '../engine/load-settings.js';
import { DEFAULT_IGNORE_FILE } from '../config/ignores.js';
import { REPORT_FORMATS } from '../reporters/index.js';
import { FAIL_ON_VALUES } from '../core/finding.js';
import { runExplainCommand, runRulesCommand } from './rules-command.js';
import { runInitCommand, type InitOptions } from './init-command.js';
import { runSizeCommand, type SizeOptions } from './size-command.js';
import { runAuditCommand, type AuditOptions } from './audit-command.js';
import { runMergeCommand, type MergeOptions } from './merge-command.js';
import { runVerifyAttestationCommand } from './verify-attestation-command.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  every image passed
  1  a finding at or above --fail-on (default: error; --fail-on never: findings never fail the run)
  2  usage or configuration error, engine unreachable or stalled past --timeout, image missing, or an image that could not be fully read or verified
  130/143  interrupted by SIGINT/SIGTERM (no report written)`;

const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('imagegate')
    .description(
      "Validate built container images: size budgets, OCI labels, non-root user, HEALTHCHECK, and secrets in env, history, labels and every layer's files.",
    )
    .version(TOOL_VERSION)
    .option('--debug', 'print stack traces for unexpected errors')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  withCheckingOptions(program.command('check'))
    .description('check one or more images: from a Docker Engine (DOCKER_HOST, else the default socket), an archive, an OCI layout or a registry')
    .argument(
      '<image...>',
      'nginx:1.27, sha256:<id>, docker-daemon:REF, docker-archive:PATH[:REF], oci:DIR[:TAG], oci-archive:PATH[:TAG], docker://HOST/REPO[:TAG|@DIGEST]',
    )
    .option('--all-platforms', 'check every platform of a multi-platform image (OCI layouts, registries) as its own image')
    .option('--compare-to <image>', 'measure growth (budget maxGrowth) against this image, e.g. the previous release (any reference check takes)')
    .option('--baseline <report.json>', 'measure growth against the images of the same repository in a previous JSON report')
    .option(
      '--base-image <image>',
      'the image these were built on (any reference check takes): findings in the layers it supplied say so and advise fixing the base',
    )
    .option('--size-report', 'show the size breakdown (layers, wasted bytes, largest files) for every image, not only when a size limit fails')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (images: string[], options: CheckFlags) =>
      setExitCode(await runCheckCommand(images, { ...options, debug: Boolean(program.opts().debug) })),
    );

  withCheckingOptions(program.command('audit'))
    .description(
      "check a fleet: every image of the Docker Engine, or every tag of a registry's repositories under a prefix; --filter and --shard select what this run checks",
    )
    .argument(
      '<source>',
      "docker-daemon: (every image of the engine, each once, by ID) or docker://HOST[/PREFIX] (the registry's catalog under PREFIX, every tag)",
    )
    .option(
      '--filter <glob>',
      'keep images with a name matching this glob (* matches anything including /); repeatable, an image matching any is kept',
      repeatable,
    )
    .option('--shard <i/n>', 'check only shard i of n: an image is in shard (hash of its normalized reference mod n) + 1, the same on every worker')
    .option('--all', 'engine: also images with neither tag nor digest (dangling and intermediate), named by ID')
    .addHelpText(
      'after',
      `${EXIT_CODES_HELP}\n\nA shard with no image to check exits 0 with an empty report. Combine the JSON reports of every shard with imagegate merge.`,
    )
    .action(async (source: string, options: AuditOptions) =>
      setExitCode(await runAuditCommand(source, { ...options, debug: Boolean(program.opts().debug) })),
    );

  program
    .command('merge')
    .description("combine the JSON reports of several shards or runs into one report (any format); the exit code is the merged report's")
    .argument('<report...>', 'JSON reports written by check, audit or merge (--format json or --report json=FILE)')
    .addOption(new Option('--format <format>', 'report format on stdout (or --output)').choices([...REPORT_FORMATS]).default('text'))
    .option('--report <type=file>', 'also write a report of another format to a file; repeatable', repeatable)
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (files: string[], options: MergeOptions) => setExitCode(await runMergeCommand(files, options)));

  program
    .command('init')
    .description(
      'write a starter policy (imagegate.policy.json) and budgets.json; with --from, budgets sized from the images plus 10% headroom and their metadata as structure assertions',
    )
    .option('--from <image...>', 'images to size the budgets from (any reference check takes)')
    .option('--dir <dir>', 'where to write the files', '.')
    .option('--force', 'overwrite existing files')
    .action(async (options: InitOptions) => setExitCode(await runInitCommand(options)));

  program
    .command('size')
    .description("print where an image's bytes go: layers and their steps, wasted bytes, efficiency, largest files and directories")
    .argument('<image...>', 'any reference check takes')
    .addOption(
      new Option('--format <format>', 'output format (html: one self-contained page with the layer bar and a filesystem icicle)')
        .choices(['text', 'json', 'html'])
        .default('text'),
    )
    .option('--platform <os/arch[/variant]>', "platform of a multi-platform image; default: this machine's")
    .option('--insecure-registry <host>', 'reach this registry over plain HTTP; repeatable', (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('--timeout <duration>', 'longest silence from an engine or registry before the image fails, e.g. 90s or 10m', '5m')
    .action(async (images: string[], options: SizeOptions) => setExitCode(await runSizeCommand(images, options)));

  program
    .command('verify-attestation')
    .description(
      'check a file written by --attest --attest-key: every line a DSSE envelope signed by KEY holding an in-toto VSA statement (exit 0 valid, 1 invalid or altered, 2 unreadable)',
    )
    .argument('<file>', 'the attestation file (JSON Lines)')
    .requiredOption('--key <public.pem>', 'the public key (PEM) matching the --attest-key the check signed with')
    .action(async (file: string, options: { key: string }) => setExitCode(await runVerifyAttestationCommand(file, options)));

  program
    .command('rules')
    .description('list every rule: id, category, default severity, what it checks')
    .action(() => setExitCode(runRulesCommand()));

  program
    .command('explain')
    .description('print the documentation of a rule: what it checks, why, how to fix it, how to waive it')
    .argument('<ruleId>', 'a rule id, as in reports (see imagegate rules)')
    .action(async (ruleId: string) => setExitCode(await runExplainCommand(ruleId)));

  return program;
}

export { CommanderError };

/** The options every command that checks images takes (check, audit): policy, reports, sources, cache, threads. */
function withCheckingOptions(command: Command): Command {
  return command
    .option(
      '--policy <file>',
      `policy file (rules, severities, required labels, waivers); default: ./${PROJECT_POLICY} (or at the repository root) when present, else the policies/default.json shipped with imagegate`,
    )
    .option('--budgets <file>', `size budgets file; default ./${DEFAULT_BUDGETS} when present`)
    .option(
      '--ignore <id>',
      'waive every finding of this rule id, or of the secret with this fingerprint (6+ hex characters from a report); repeatable; shown as waived',
      repeatable,
    )
    .option(
      '--ignore-file <file>',
      `ignore file: one rule id or fingerprint per line, a reason after # (required), optional exp:YYYY-MM-DD; default ./${DEFAULT_IGNORE_FILE} (or at the repository root) when present`,
    )
    .addOption(new Option('--format <format>', 'report format on stdout (or --output)').choices([...REPORT_FORMATS]).default('text'))
    .option('--report <type=file>', 'also write a report of another format to a file, e.g. sarif=imagegate.sarif; repeatable', repeatable)
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--dockerfile <path>',
      'the Dockerfile that builds the image, from the repository root: SARIF, GitHub and GitLab annotations of image-level findings point at it (default for SARIF and GitLab: Dockerfile)',
    )
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the run; never: report only (an image that could not be checked still exits 2)')
        .choices([...FAIL_ON_VALUES])
        .default('error'),
    )
    .option('--concurrency <n>', 'images checked at once', '2')
    .option('--platform <os/arch[/variant]>', "platform to check in multi-platform images (OCI indexes, manifest lists); default: this machine's")
    .option(
      '--insecure-registry <host>',
      'reach this registry (host or host:port) over plain HTTP; repeatable (loopback hosts always are)',
      repeatable,
    )
    .option('-q, --quiet', 'no progress and no notes on stderr; only the report and the exit code')
    .option('-v, --verbose', 'also print per-image phase timings, layer cache use and package content on stderr')
    .option(
      '--timeout <duration>',
      'longest silence from an engine or registry (while it prepares an export, mid-stream, or answering a request) before the image fails with exit 2, e.g. 90s or 10m',
      '5m',
    )
    .option('--no-cache', 'read every layer, without the layer cache')
    .option('--cache-dir <dir>', 'layer cache directory (default: $XDG_CACHE_HOME/imagegate, else ~/.cache/imagegate)')
    .option('--cache-max <size>', "bound on the layer cache's size on disk; least recently used records go first", '2GiB')
    .option(
      '--attest <file>',
      'write the verdict of each checked image as an in-toto statement with the SLSA verification summary predicate (JSON Lines)',
    )
    .option('--attest-key <key.pem>', 'sign each statement of --attest as a DSSE envelope with this ECDSA P-256 or Ed25519 private key (PEM)')
    .option('--scan-threads <n>', 'threads scanning file contents for secrets (0: none, scan on the main thread; default: cores - 2, at most 4)');
}
