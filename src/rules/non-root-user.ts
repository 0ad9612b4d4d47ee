// non-root-user: the image's USER is not root by name, number or through the image's own /etc/passwd.
import { passwdCollector, type PasswdTable } from '../image/passwd.js';
import { SymlinkLoopError, type FinalFilesystem } from '../layers/final-filesystem.js';
import { defineRule } from './define-rule.js';

const PASSWD = '/etc/passwd';

export default defineRule({
  id: 'non-root-user',
  meta: {
    category: 'metadata',
    defaultSeverity: 'error',
    description: 'The image runs as a non-root user (USER is set and does not resolve to UID 0).',
    messages: {
      USER_UNSET: 'no USER is set, so the container runs as root; add USER 10001 (or a named user created in the image) after installing packages',
      ROOT_USER: 'USER {{user}} runs the container as root; switch to an unprivileged UID, e.g. USER 10001',
      USER_MAPS_TO_ROOT:
        "USER {{user}} maps to UID 0 in the image's /etc/passwd (layer {{layer}}); give that user a non-zero UID or use another user",
      USER_UNRESOLVABLE:
        'USER {{user}} cannot be resolved: {{reason}}; the engine would refuse to start it — use a numeric UID or create the user in the image',
    },
  },
  defaultOptions: {},
  needs: { files: (path) => path === PASSWD },
  create(context) {
    const tables = new Map<string, PasswdTable>();
    return {
      file(file, layerKey) {
        if (file.path !== PASSWD) return undefined;
        const { visitor, table } = passwdCollector();
        tables.set(layerKey, table);
        return visitor;
      },
      layerMemo: {
        save: (layerKey) => {
          const table = tables.get(layerKey);
          return table ? { users: [...table.users], ...(table.problem ? { problem: table.problem } : {}) } : null;
        },
        parse: (memo) => (memo === null || isSavedTable(memo) ? { memo } : undefined),
        apply: (layerKey, parsed) => {
          const { memo } = parsed as { memo: SavedTable | null };
          if (memo) tables.set(layerKey, { users: new Map(memo.users), ...(memo.problem ? { problem: memo.problem } : {}) });
        },
      },
      image(image, fs) {
        const user = (image.config.config?.User ?? '').trim();
        const name = user.split(':')[0]!.trim();
        if (name === '') return context.report({ messageId: 'USER_UNSET' });
        if (/^\d+$/.test(name)) {
          // A numeric UID needs no passwd entry: the engine starts it as is.
          if (Number(name) === 0) context.report({ messageId: 'ROOT_USER', data: { user } });
          return;
        }
        if (name === 'root') return context.report({ messageId: 'ROOT_USER', data: { user } });
        const lookup = lookupUser(name, fs, tables, context.layerIndexOf);
        if ('reason' in lookup) return context.report({ messageId: 'USER_UNRESOLVABLE', data: { user, reason: lookup.reason } });
        if (lookup.uid === 0) {
          context.report({ messageId: 'USER_MAPS_TO_ROOT', data: { user, layer: lookup.layer }, location: { path: PASSWD, layer: lookup.layer } });
        }
      },
    };
  },
});

type Lookup = { uid: number; layer: number } | { reason: string };

function lookupUser(name: string, fs: FinalFilesystem, tables: Map<string, PasswdTable>, layerIndexOf: (key: string) => number | undefined): Lookup {
  let visible;
  try {
    visible = fs.resolve(PASSWD);
  } catch (error) {
    if (error instanceof SymlinkLoopError) return { reason: `${PASSWD} is a symlink loop` };
    throw error;
  }
  if (!visible) return { reason: `the image has no ${PASSWD}` };
  if (visible.entry.path !== PASSWD || visible.entry.type !== 'file') {
    return { reason: `${PASSWD} is a ${visible.entry.type} to ${visible.entry.path}, which imagegate does not follow for user lookup` };
  }
  const table = [...tables].find(([key]) => layerIndexOf(key) === visible.layer)?.[1];
  if (!table && visible.entry.size === 0) return { reason: `${PASSWD} is empty` };
  if (!table) return { reason: `${PASSWD} in layer ${visible.layer} could not be read` };
  if (table.problem) return { reason: `${PASSWD} has ${table.problem}` };
  const uid = table.users.get(name);
  return uid === undefined ? { reason: `no user "${name}" in ${PASSWD}` } : { uid, layer: visible.layer };
}

interface SavedTable {
  users: [string, number][];
  problem?: string;
}

function isSavedTable(value: unknown): value is SavedTable {
  const table = value as Partial<SavedTable> | null;
  return (
    typeof table === 'object' &&
    table !== null &&
    Array.isArray(table.users) &&
    table.users.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && Number.isSafeInteger(pair[1])) &&
    (table.problem === undefined || typeof table.problem === 'string')
  );
}
