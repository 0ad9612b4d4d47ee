// The one settings builder: every option is checked before any file is read or image touched, and
// the error names the option as the caller spells it (the CLI's flag, the library's key).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOptions, LIBRARY_CALLER, type CheckOptions } from '../../../src/engine/check-options.js';
import { prepareCheckRun, runCheckCommand, type CheckFlags } from '../../../src/cli/check-command.js';
import { checkImages } from '../../../src/index.js';
import { classicSaveArchive, layerTar } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const flags = (extra: Partial<CheckFlags>): CheckFlags => ({
  format: 'json',
  failOn: 'error',
  concurrency: '2',
  quiet: true,
  cache: false,
  ...extra,
});

describe('checkOptions names the option at fault', () => {
  // [library options, CLI flags, what the library's error says, what the CLI's says]
  const cases: [Partial<CheckOptions>, Partial<CheckFlags>, string, string][] = [
    [{ cacheMax: 'bogus' }, { cacheMax: 'bogus' }, 'cacheMax: expected a size like', '--cache-max: expected a size like'],
    [
      { concurrency: 0 },
      { concurrency: 'abc' },
      'concurrency must be a whole number of at least 1, got "0"',
      '--concurrency must be a whole number of at least 1, got "abc"',
    ],
    [
      { scanThreads: 65 },
      { scanThreads: '-1' },
      'scanThreads must be a whole number from 0 to 64, got "65"',
      '--scan-threads must be a whole number from 0 to 64, got "-1"',
    ],
    [
      { failOn: 'fatal' as never },
      { failOn: 'fatal' },
      'failOn must be one of error, warning, info, never; got "fatal"',
      '--fail-on must be one of error, warning, info, never; got "fatal"',
    ],
    [{ platform: 'linux' }, { platform: 'linux' }, 'platform must look like os/arch', '--platform must look like os/arch'],
    [
      { platform: 'linux/amd64', allPlatforms: true },
      { platform: 'linux/amd64', allPlatforms: true },
      'platform and allPlatforms exclude each other',
      '--platform and --all-platforms exclude each other',
    ],
    [{ timeoutSeconds: 0 }, { timeout: 'soon' }, 'timeoutSeconds takes a duration of at least 1 s', '--timeout takes a duration of at least 1 s'],
    [
      { compareTo: 'a:1', baseline: 'r.json' },
      { compareTo: 'a:1', baseline: 'r.json' },
      'compareTo and baseline exclude each other',
      '--compare-to and --baseline exclude each other',
    ],
    [
      { compareTo: 'Not A Reference' },
      { compareTo: 'Not A Reference' },
      'compareTo: invalid image reference',
      '--compare-to: invalid image reference',
    ],
  ];
  it.each(cases)('%j', (library, cli, fromLibrary, fromCli) => {
    expect(() => checkOptions(library, LIBRARY_CALLER)).toThrow(fromLibrary);
    expect(() => prepareCheckRun(flags(cli))).toThrow(fromCli);
  });

  it('takes numbers as numbers from code and as text from the command line', () => {
    expect(checkOptions({ concurrency: 3, scanThreads: 0, cacheMax: 1024 }, LIBRARY_CALLER)).toMatchObject({
      concurrency: 3,
      scanThreads: 0,
      cacheMaxBytes: 1024,
    });
    expect(prepareCheckRun(flags({ concurrency: '3', scanThreads: '0', cacheMax: '1KiB', timeout: '90s' })).checked).toMatchObject({
      concurrency: 3,
      scanThreads: 0,
      cacheMaxBytes: 1024,
      timeoutMs: 90_000,
    });
  });

  it('refuses a rule id it does not know, naming the key', () => {
    expect(() => checkOptions({ rules: ['healthcheck', 'no-such-rule'] }, LIBRARY_CALLER)).toThrow('rules: no rule "no-such-rule"');
    expect(checkOptions({ rules: ['non-root-user', 'healthcheck'] }, LIBRARY_CALLER).rules.map((rule) => rule.id)).toEqual([
      'non-root-user',
      'healthcheck',
    ]); // catalog order
  });
});

describe('every option is checked before any work', () => {
  it('--cache-max bogus --compare-to X fails on --cache-max without measuring X', async () => {
    const dir = await tempDir();
    const built = await classicSaveArchive([await layerTar([{ path: 'app/x', content: 'x' }])]);
    await writeFile(join(dir, 'app.tar'), built.archive);
    // X is missing: had it been measured first, the error would be about X ("--compare-to …: no such file").
    const missing = `docker-archive:${join(dir, 'missing.tar')}`;
    await expect(runCheckCommand([`docker-archive:${join(dir, 'app.tar')}`], flags({ cacheMax: 'bogus', compareTo: missing }))).rejects.toThrow(
      /^--cache-max: expected a size/,
    );
    await expect(checkImages([`docker-archive:${join(dir, 'app.tar')}`], { cacheMax: 'bogus', compareTo: missing })).rejects.toThrow(
      /^cacheMax: expected a size/,
    );
    // The same X with a good --cache-max is measured, and its error names --compare-to.
    await expect(runCheckCommand([`docker-archive:${join(dir, 'app.tar')}`], flags({ compareTo: missing }))).rejects.toThrow(
      /^--compare-to docker-archive:.*no such file/,
    );
  });

  it('a bad image reference is refused before the compare-to image is measured', async () => {
    await expect(checkImages(['Not A Reference'], { compareTo: 'docker-archive:/no/such/file.tar' })).rejects.toThrow(
      'invalid image reference "Not A Reference"',
    );
  });
});
