// Runs the places corpus (corpus/places-cases.ts) through the real secret-file rule, one in-memory
// image per case, with the package records a real image would hold next to third-party files, and
// tells what was found: recall over positives, false positives over negatives.
import { createHash } from 'node:crypto';
import type { ImageReport } from '../../../src/engine/report.js';
import { rules } from '../../../src/rules/index.js';
import { checkMemoryImage } from '../support/check-memory-image.js';
import { classicSaveArchive, layerTar, type FileSpec } from '../support/image-builder.js';
import { scanFile } from './fixtures.js';
import type { PlaceCase } from './corpus/places-cases.js';

/** The package manager's own record for a third-party file (what the image would hold beside it). */
function recordsFor(path: string, content: Buffer): FileSpec[] {
  const npm = /^(.*\/node_modules\/((?:@[^/]+\/)?[^/.@][^/]*))\//.exec(path);
  if (npm) return [{ path: `${npm[1]}/package.json`, content: `{"name": "${npm[2]}", "version": "1.0.0"}\n` }];
  const pip = /^(.*\/site-packages)\/([^/.]+)\//.exec(path);
  if (pip) {
    const rel = path.slice((pip[1] ?? '').length + 1);
    const digest = createHash('sha256').update(content).digest('base64url');
    return [{ path: `${pip[1]}/${pip[2]}-1.0.dist-info/RECORD`, content: `${rel},sha256=${digest},${content.length}\n` }];
  }
  const gem = /^(.*)\/gems\/([^/]+)\//.exec(path);
  if (gem) return [{ path: `${gem[1]}/specifications/${gem[2]}.gemspec`, content: 'Gem::Specification.new do |s|\nend\n' }];
  const composer = /^(.*\/vendor)\//.exec(path);
  if (composer) return [{ path: `${composer[1]}/composer/installed.json`, content: '{"packages": []}\n' }];
  return [];
}

export interface Outcome {
  case: PlaceCase;
  /** The scanner's matches for the file, as `kind:secret`. */
  scanned: string[];
  /** The rule's findings on the file, as `severity kind`. */
  reported: string[];
  ok: boolean;
}

const off = Object.fromEntries(rules.filter((rule) => rule.id !== 'secret-file').map((rule) => [rule.id, 'off']));

async function report(c: PlaceCase): Promise<ImageReport> {
  const content = typeof c.content === 'string' ? Buffer.from(c.content, 'utf8') : c.content;
  const built = await classicSaveArchive([await layerTar([...recordsFor(c.path, content), { path: c.path, content }])]);
  return checkMemoryImage(built, { policy: { rules: { ...off } } });
}

export async function runCase(c: PlaceCase): Promise<Outcome> {
  const matches = scanFile(c.path, c.content);
  const scanned = matches.map((m) => `${m.kind}:${m.secret}`);
  const findings = (await report(c)).findings.filter((f) => f.location.path === c.path);
  const reported = findings.map((f) => `${f.severity} ${f.secret?.kind ?? f.messageId}`);
  let ok: boolean;
  if (c.secret !== undefined) {
    const secretFound = c.secret === '' ? matches.length > 0 : matches.some((m) => m.secret === c.secret);
    ok = secretFound && findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  } else {
    ok = c.silent === true ? findings.length === 0 && matches.length === 0 : findings.every((f) => f.severity === 'info');
  }
  return { case: c, scanned, reported, ok };
}

export interface Tally {
  positives: number;
  found: number;
  negatives: number;
  flagged: number;
  failures: Outcome[];
}

export async function measure(positives: PlaceCase[], negatives: PlaceCase[]): Promise<Tally> {
  const tally: Tally = { positives: positives.length, found: 0, negatives: negatives.length, flagged: 0, failures: [] };
  for (const c of positives) {
    const o = await runCase(c);
    if (o.ok) tally.found++;
    else tally.failures.push(o);
  }
  for (const c of negatives) {
    const o = await runCase(c);
    if (!o.ok) {
      tally.flagged++;
      tally.failures.push(o);
    }
  }
  return tally;
}
