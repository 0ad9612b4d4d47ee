// secret-label: credentials in label values, which registries and `docker inspect` show to everyone.
import { scanEnv } from '../secrets/index.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'secret-label',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential appears in a label value.',
    messages: {
      SECRET_IN_LABEL: '{{title}} in label {{label}}: {{masked}}; labels are public metadata — remove it and rotate the credential',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        for (const [label, value] of Object.entries(image.config.config?.Labels ?? {})) {
          // Labels are judged like environment entries: a known token format, or a secret-named key with a literal.
          for (const match of scanEnv(label, value)) {
            const { secret, data } = context.maskSecret(match);
            context.report({
              messageId: 'SECRET_IN_LABEL',
              data: { label, ...data },
              location: { label },
              secret,
              ...(match.severity ? { severity: match.severity } : {}),
            });
          }
        }
      },
    };
  },
});
