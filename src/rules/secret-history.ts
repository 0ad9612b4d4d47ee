// secret-history: credentials in the build history — build args and commands recorded forever in the image config.
import { scanEnv, scanValue, type SecretMatch } from '../secrets/index.js';
import { defineRule } from './define-rule.js';
import { maskMatch } from './secret-match.js';

/** The classic builder and BuildKit record build args as "|<n> KEY=value … /bin/sh -c …". */
const BUILD_ARGS = /^(?:RUN )?\|(\d+) /;

export default defineRule({
  id: 'secret-history',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is recorded in the image history (build args, RUN commands).',
    messages: {
      SECRET_IN_BUILD_ARG: 'history step {{step}} records build arg {{key}} holding a {{title}}: {{masked}}; build args are stored in the image — use a BuildKit secret mount (RUN --mount=type=secret) and rotate it',
      SECRET_IN_HISTORY: 'history step {{step}} contains a {{title}}: {{masked}}; the command line is stored in the image — use a BuildKit secret mount and rotate it',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        (image.config.history ?? []).forEach((entry, historyIndex) => {
          const line = entry.created_by ?? '';
          const seen = new Set<string>();
          const report = (messageId: 'SECRET_IN_BUILD_ARG' | 'SECRET_IN_HISTORY', match: SecretMatch, key?: string): void => {
            if (seen.has(match.secret)) return;
            seen.add(match.secret);
            const { secret, data } = maskMatch(match);
            context.report({ messageId, data: { step: historyIndex, key: key ?? '', ...data }, location: { historyIndex }, secret });
          };
          for (const { key, value } of buildArgs(line)) {
            for (const match of scanEnv(key, value)) report('SECRET_IN_BUILD_ARG', match, key);
          }
          for (const match of scanValue(line)) report('SECRET_IN_HISTORY', match);
        });
      },
    };
  },
});

/** Reads the "|n K=V K=V" prefix; values are unquoted and end at the next space, as the builders write them. */
export function buildArgs(createdBy: string): { key: string; value: string }[] {
  const head = BUILD_ARGS.exec(createdBy);
  if (!head) return [];
  const words = createdBy.slice(head[0].length).split(' ');
  const args: { key: string; value: string }[] = [];
  for (const word of words.slice(0, Number(head[1]))) {
    const eq = word.indexOf('=');
    if (eq > 0) args.push({ key: word.slice(0, eq), value: word.slice(eq + 1) });
  }
  return args;
}
