// user-accounts: accounts anyone can log into (empty password in /etc/shadow or /etc/passwd, dockle
// DKL-LI-0001), UIDs or GIDs shared by two names (DKL-LI-0002), and sudo installed in the image.
import { z } from 'zod';
import type { FinalFilesystem } from '../layers/final-filesystem.js';
import { defineRule } from './define-rule.js';
import { ACCOUNT_FILES, accountCollector, isAccountFacts, type AccountFacts, type AccountFile } from './hardening/account-files.js';
import { listPaths } from './hardening/paths.js';

const SUDO_PATHS = ['/usr/bin/sudo', '/bin/sudo', '/usr/sbin/sudo', '/usr/local/bin/sudo', '/usr/bin/doas', '/usr/local/bin/doas'];
const isAccountFile = (path: string): path is AccountFile => (ACCOUNT_FILES as readonly string[]).includes(path);

export default defineRule({
  id: 'user-accounts',
  meta: {
    category: 'security',
    defaultSeverity: 'error',
    description: 'No account without a password, no UID or GID shared by two names, and no sudo/doas in the image.',
    messages: {
      EMPTY_PASSWORD:
        "{{file}} gives {{names}} an empty password field, so anyone can log in as {{them}} without a password; lock the account (RUN passwd -l NAME, or usermod -p '*' NAME)",
      DUPLICATE_ID:
        "{{file}}: {{kind}} {{id}} is shared by {{names}}, so files and processes of one are the other's; give each a distinct {{kind}} (or delete the extra entry)",
      SUDO_INSTALLED:
        '{{path}} is installed: a process that gets a shell can try to become root through it; do not install sudo in a runtime image (USER already chooses who the process runs as)',
    },
  },
  defaultOptions: { allowDuplicateIds: [] as string[] },
  optionsSchema: z.strictObject({ allowDuplicateIds: z.array(z.string().min(1)).default([]) }),
  needs: { files: isAccountFile },
  create(context) {
    // layer key → file → what it held; only the copy the container sees is checked.
    const seen = new Map<string, Partial<Record<AccountFile, AccountFacts>>>();
    return {
      file(file, layerKey) {
        if (!isAccountFile(file.path)) return undefined;
        const { visitor, facts } = accountCollector(file.path);
        seen.set(layerKey, { ...seen.get(layerKey), [file.path]: facts });
        return visitor;
      },
      layerMemo: {
        save: (layerKey) => seen.get(layerKey) ?? {},
        parse: (memo) => {
          if (typeof memo !== 'object' || memo === null || Array.isArray(memo)) return undefined;
          const entries = Object.entries(memo);
          return entries.every(([path, facts]) => isAccountFile(path) && isAccountFacts(facts)) ? memo : undefined;
        },
        apply: (layerKey, parsed) => void seen.set(layerKey, parsed as Partial<Record<AccountFile, AccountFacts>>),
      },
      image(_image, fs) {
        for (const file of ACCOUNT_FILES) {
          const facts = visibleFacts(fs, file, seen, context.layerIndexOf);
          if (!facts) continue;
          if (facts.emptyPassword.length > 0) {
            const names = [...new Set(facts.emptyPassword)];
            context.report({
              messageId: 'EMPTY_PASSWORD',
              data: { file, names: listPaths(names), them: names.length > 1 ? 'them' : 'it' },
              location: { path: file },
            });
          }
          if (file === '/etc/shadow') continue;
          const byId = new Map<number, string[]>();
          for (const [name, id] of facts.ids) byId.set(id, [...new Set([...(byId.get(id) ?? []), name])]);
          for (const [id, names] of byId) {
            if (names.length < 2 || context.options.allowDuplicateIds.includes(`${file === '/etc/passwd' ? 'uid' : 'gid'}:${id}`)) continue;
            context.report({
              messageId: 'DUPLICATE_ID',
              data: { file, kind: file === '/etc/passwd' ? 'UID' : 'GID', id, names: names.join(', ') },
              location: { path: file },
            });
          }
        }
        for (const path of SUDO_PATHS) {
          const found = fs.get(path);
          if (found && found.entry.type !== 'directory')
            context.report({ messageId: 'SUDO_INSTALLED', data: { path }, location: { path, layer: found.layer } });
        }
      },
    };
  },
});

/** The facts of the copy of `file` that the final filesystem shows (undefined when absent or empty). */
function visibleFacts(
  fs: FinalFilesystem,
  file: AccountFile,
  seen: Map<string, Partial<Record<AccountFile, AccountFacts>>>,
  layerIndexOf: (key: string) => number | undefined,
): AccountFacts | undefined {
  const visible = fs.get(file);
  if (!visible || visible.entry.type !== 'file') return undefined;
  for (const [key, files] of seen) if (layerIndexOf(key) === visible.layer) return files[file];
  return undefined;
}
