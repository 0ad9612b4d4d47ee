// Streams /etc/passwd, /etc/group and /etc/shadow, keeping only what user-accounts checks: ids and
// which accounts have an empty password field. Password hashes are never kept.
import type { FileVisitor } from '../../layers/layer-walk.js';
import { LineSplitter } from '../../packages/line-splitter.js';

export const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow'] as const;
export type AccountFile = (typeof ACCOUNT_FILES)[number];

const MAX_ENTRIES = 100_000;

export interface AccountFacts {
  /** [name, id] in file order: UIDs for passwd, GIDs for group (shadow has none). */
  ids: [string, number][];
  /** Accounts whose password field is empty: anyone may log in as them without a password. */
  emptyPassword: string[];
}

export function accountCollector(path: AccountFile): { visitor: FileVisitor; facts: AccountFacts } {
  const facts: AccountFacts = { ids: [], emptyPassword: [] };
  const splitter = new LineSplitter((line) => {
    if (facts.ids.length + facts.emptyPassword.length >= MAX_ENTRIES) return;
    const fields = line.toString('utf8').trim().split(':');
    const name = fields[0] ?? '';
    if (fields.length < 3 || name === '' || name.startsWith('#')) return;
    // passwd: a non-empty field ("x") defers to shadow; shadow: "*" or "!" locks the account.
    if (path !== '/etc/group' && fields[1] === '') facts.emptyPassword.push(name);
    if (path !== '/etc/shadow' && /^\d+$/.test(fields[2]!.trim())) facts.ids.push([name, Number(fields[2]!.trim())]);
  });
  return {
    facts,
    visitor: {
      chunk: (data) => {
        splitter.push(data);
        return true;
      },
      end: () => splitter.end(),
    },
  };
}

export function isAccountFacts(value: unknown): value is AccountFacts {
  const facts = value as Partial<AccountFacts> | null;
  return (
    typeof facts === 'object' &&
    facts !== null &&
    Array.isArray(facts.ids) &&
    facts.ids.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && Number.isSafeInteger(pair[1])) &&
    Array.isArray(facts.emptyPassword) &&
    facts.emptyPassword.every((name) => typeof name === 'string')
  );
}
