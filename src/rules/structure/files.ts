// Checks the final filesystem against file assertions (container-structure-test's fileExistenceTests,
// plus type, exact/required/forbidden mode bits, owner, size and link target).
import type { FileAssertion } from '../../config/structure-assertions.js';
import { matchGlob } from '../../config/glob.js';
import type { FinalFilesystem, VisibleEntry } from '../../layers/final-filesystem.js';
import { listPaths } from '../hardening/paths.js';
import { show, type Failure } from './failure.js';

export const isGlob = (path: string): boolean => /[*?]/.test(path);
const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

/** The entries an assertion is about: an exact path (symlinks followed unless the link itself is asserted) or every glob match. */
export function entriesFor(fs: FinalFilesystem, path: string, followLinks: boolean): VisibleEntry[] {
  if (!isGlob(path)) {
    const found = followLinks ? fs.resolve(path) : fs.get(path);
    return found ? [found] : [];
  }
  const found: VisibleEntry[] = [];
  for (const visible of fs.walk()) if (matchGlob(path, visible.entry.path)) found.push(visible);
  return found.sort((a, b) => (a.entry.path < b.entry.path ? -1 : 1));
}

export function checkFile(fs: FinalFilesystem, spec: FileAssertion, name: string): Failure[] {
  const failures: Failure[] = [];
  const followLinks = spec.type !== 'symlink' && spec.linkTarget === undefined;
  const entries = entriesFor(fs, spec.path, followLinks);
  const fail = (field: string, expected: string, actual: string, at?: VisibleEntry): void =>
    void failures.push({
      kind: 'FILE_MISMATCH',
      assertion: `${name} ${spec.path}${field ? ` ${field}` : ''}`,
      expected,
      actual,
      path: at?.entry.path ?? spec.path,
      ...(at ? { layer: at.layer } : {}),
    });
  if (!spec.exists) {
    if (entries.length > 0)
      fail(
        '',
        'no such path',
        `${entries[0]!.entry.type} ${listPaths(
          entries.map((found) => found.entry.path),
          5,
        )}`,
        entries[0],
      );
    return failures;
  }
  if (entries.length === 0)
    return [{ kind: 'FILE_MISMATCH', assertion: `${name} ${spec.path}`, expected: 'the path to exist', actual: 'nothing there', path: spec.path }];
  for (const found of entries) {
    const { entry } = found;
    if (spec.type !== undefined && entry.type !== spec.type) fail('type', spec.type, entry.type, found);
    if (spec.mode !== undefined && (entry.mode & 0o7777) !== spec.mode) fail('mode', octal(spec.mode), octal(entry.mode), found);
    if (spec.modeSet !== undefined && (entry.mode & spec.modeSet) !== spec.modeSet)
      fail('modeSet', `bits ${octal(spec.modeSet)} set`, octal(entry.mode), found);
    if (spec.modeClear !== undefined && (entry.mode & spec.modeClear) !== 0)
      fail('modeClear', `bits ${octal(spec.modeClear)} clear`, octal(entry.mode), found);
    if (spec.uid !== undefined && entry.uid !== spec.uid) fail('uid', String(spec.uid), String(entry.uid), found);
    if (spec.gid !== undefined && entry.gid !== spec.gid) fail('gid', String(spec.gid), String(entry.gid), found);
    if (spec.executableBy !== undefined && !executable(entry.mode, entry.uid, entry.gid, spec.executableBy)) {
      const who =
        typeof spec.executableBy === 'string'
          ? spec.executableBy
          : `uid ${spec.executableBy.uid}${spec.executableBy.gid !== undefined ? ` gid ${spec.executableBy.gid}` : ''}`;
      fail('executableBy', `executable by ${who}`, `mode ${octal(entry.mode)} owner ${entry.uid}:${entry.gid}`, found);
    }
    if (spec.minSize !== undefined && entry.size < spec.minSize) fail('minSize', `≥ ${spec.minSize} bytes`, `${entry.size} bytes`, found);
    if (spec.maxSize !== undefined && entry.size > spec.maxSize) fail('maxSize', `≤ ${spec.maxSize} bytes`, `${entry.size} bytes`, found);
    if (spec.linkTarget !== undefined && entry.linkname !== spec.linkTarget) fail('linkTarget', show(spec.linkTarget), show(entry.linkname), found);
  }
  return failures;
}

/** Which execute bit applies to a user, as the kernel picks it (root may execute anything with some x bit). */
function executable(mode: number, owner: number, group: number, by: NonNullable<FileAssertion['executableBy']>): boolean {
  if (by === 'owner') return (mode & 0o100) !== 0;
  if (by === 'group') return (mode & 0o010) !== 0;
  if (by === 'other') return (mode & 0o001) !== 0;
  if (by === 'any') return (mode & 0o111) !== 0;
  if (by.uid === 0) return (mode & 0o111) !== 0;
  if (by.uid === owner) return (mode & 0o100) !== 0;
  if (by.gid !== undefined && by.gid === group) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}
