// Ignores the way dockle's -i, hadolint's --ignore and .trivyignore work: `--ignore ID` on the command
// line and a `.imagegateignore` file, one rule id or secret fingerprint per line. Each becomes a
// waiver, so an ignored finding is still shown, marked as waived, and never silently dropped.
import { readFile } from 'node:fs/promises';
import { isCalendarDate, MIN_FINGERPRINT, type Waiver } from './waivers.js';
import { ConfigError, UsageError, type ConfigIssue } from '../core/errors.js';
import { didYouMean } from './suggest.js';

/** The ignore file found in the working directory, like .trivyignore. */
export const DEFAULT_IGNORE_FILE = '.imagegateignore';

const FINGERPRINT = new RegExp(`^[0-9a-fA-F]{${MIN_FINGERPRINT},}$`);
const EXPIRY = /^exp:(\S+)$/;

/** A rule id, or a hex prefix of a secret's fingerprint as reports show it; undefined when it is neither. */
function waiverTarget(id: string, ruleIds: readonly string[]): Pick<Waiver, 'rule' | 'fingerprint'> | undefined {
  if (ruleIds.includes(id)) return { rule: id };
  if (FINGERPRINT.test(id)) return { fingerprint: id.toLowerCase() };
  return undefined;
}

function unknownId(id: string, ruleIds: readonly string[]): string {
  return `"${id}" is neither a rule id${didYouMean(id, ruleIds)} nor a secret fingerprint (at least ${MIN_FINGERPRINT} hex characters, as reports show it); see imagegate rules`;
}

/**
 * --ignore ID (or the library's `ignore` option: `via` names which). The reason is where it was
 * given: the CI file or the code that passes it says why.
 */
export function ignoresFromFlags(
  ids: readonly string[],
  ruleIds: readonly string[],
  via: { flag: string; reason: string } = { flag: '--ignore', reason: 'ignored on the command line' },
): Waiver[] {
  return ids.map((id) => {
    const target = waiverTarget(id.trim(), ruleIds);
    if (!target) throw new UsageError(`${via.flag} ${unknownId(id.trim(), ruleIds)}`);
    return { ...target, reason: via.reason, origin: `${via.flag} ${id.trim()}` };
  });
}

/**
 * Parses an ignore file: `ID [exp:YYYY-MM-DD] # why`. The reason is required — on the line or in the
 * comment lines right above it — because an unexplained ignore outlives everyone who knew why it was
 * there. Every problem is reported at once, with its line number.
 */
export function parseIgnoreFile(text: string, file: string, ruleIds: readonly string[]): Waiver[] {
  const waivers: Waiver[] = [];
  const issues: ConfigIssue[] = [];
  let comments: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const at = `line ${index + 1}`;
    if (line === '') {
      comments = [];
      return;
    }
    if (line.startsWith('#')) {
      comments.push(line.slice(1).trim());
      return;
    }
    const hash = line.indexOf('#');
    const words = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/);
    const trailing = hash < 0 ? '' : line.slice(hash + 1).trim();
    const reason = trailing !== '' ? trailing : comments.filter((c) => c !== '').join(' ');
    comments = [];
    const [id = '', ...rest] = words;
    const target = waiverTarget(id, ruleIds);
    if (!target) issues.push({ file, path: at, message: unknownId(id, ruleIds) });
    let expires: string | undefined;
    for (const word of rest) {
      const expiry = EXPIRY.exec(word);
      if (expiry && isCalendarDate(expiry[1]!)) expires = expiry[1];
      else issues.push({ file, path: at, message: `unexpected "${word}" after the id; write an expiry as exp:YYYY-MM-DD and the reason after #` });
    }
    if (reason === '')
      issues.push({ file, path: at, message: `"${id}" has no reason; say why after # on the same line or in a comment line right above it` });
    if (target && reason !== '') waivers.push({ ...target, reason, ...(expires ? { expires } : {}), origin: `${file}:${index + 1}` });
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return waivers;
}

/** Reads an ignore file; `required` false (the default file) means a missing file is no ignore at all. */
export async function loadIgnoreFile(file: string, ruleIds: readonly string[], required: boolean): Promise<Waiver[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return [];
    throw new ConfigError([{ file, path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read file: ${(cause as Error).message}` }], {
      cause,
    });
  }
  return parseIgnoreFile(text, file, ruleIds);
}
