// Parses /etc/passwd as it streams past, keeping only name → UID, with bounded line length and entry count.
import type { FileVisitor } from '../layers/layer-walk.js';

const MAX_LINE = 4096;
const MAX_ENTRIES = 100_000;

export interface PasswdTable {
  users: Map<string, number>;
  /** Set when the file was too odd to trust (huge lines, too many entries): callers fail closed. */
  problem?: string;
}

export function passwdCollector(): { visitor: FileVisitor; table: PasswdTable } {
  const table: PasswdTable = { users: new Map() };
  let carry = '';
  const takeLine = (line: string): void => {
    if (table.problem) return;
    if (line.length > MAX_LINE) table.problem = `a line longer than ${MAX_LINE} characters`;
    else if (table.users.size >= MAX_ENTRIES) table.problem = `more than ${MAX_ENTRIES} entries`;
    else addEntry(table, line);
  };
  const visitor: FileVisitor = {
    chunk(data) {
      const lines = (carry + data.toString('utf8')).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) takeLine(line);
      if (carry.length > MAX_LINE) takeLine(carry);
      return table.problem === undefined;
    },
    end() {
      if (carry) takeLine(carry);
    },
  };
  return { visitor, table };
}

/** "name:x:uid:gid:gecos:home:shell"; the first entry for a name wins, as with getpwnam(3). */
function addEntry(table: PasswdTable, line: string): void {
  const fields = line.trim().split(':');
  if (fields.length < 3 || fields[0] === '' || fields[0]!.startsWith('#')) return;
  const uid = fields[2]!.trim();
  if (!/^\d+$/.test(uid) || table.users.has(fields[0]!)) return;
  table.users.set(fields[0]!, Number(uid));
}
