// secret-history: credentials in the build history — build args and commands recorded forever in the image config.
import { buildArgs } from '../image/build-args.js';
import { scanEnv, scanValue, type SecretMatch } from '../secrets/index.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'secret-history',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is recorded in the image history (build args, RUN commands).',
    messages: {
      SECRET_IN_BUILD_ARG: '{{title}} in build arg {{key}}, recorded in history step {{step}}: {{masked}}; build args are stored in the image — use a BuildKit secret mount (RUN --mount=type=secret) and rotate it',
      SECRET_IN_HISTORY: '{{title}} in the command of history step {{step}}: {{masked}}; the command line is stored in the image — use a BuildKit secret mount and rotate it',
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
            const { secret, data } = context.maskSecret(match);
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
