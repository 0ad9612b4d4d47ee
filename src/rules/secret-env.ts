// secret-env: credentials in the image's environment, where every process and `docker inspect` can read them.
import { scanEnv } from '../secrets/index.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'secret-env',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is baked into the image environment (Config.Env).',
    messages: {
      SECRET_IN_ENV:
        '{{title}} in ENV {{key}}: {{masked}}; anyone who can pull the image can read it — pass it at run time (secret store, --env-file) and rotate it',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        for (const entry of image.config.config?.Env ?? []) {
          const eq = entry.indexOf('=');
          const key = eq < 0 ? entry : entry.slice(0, eq);
          const value = eq < 0 ? '' : entry.slice(eq + 1);
          for (const match of scanEnv(key, value)) {
            const { secret, data } = context.maskSecret(match);
            context.report({
              messageId: 'SECRET_IN_ENV',
              data: { key, ...data },
              location: { envKey: key },
              secret,
              ...(match.severity ? { severity: match.severity } : {}),
            });
          }
        }
      },
    };
  },
});
