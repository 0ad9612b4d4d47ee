// secret-label: credentials in label values, which registries and `docker inspect` show to everyone.
import { scanEnv } from '../secrets/index.js';
import { defineRule } from './define-rule.js';
import { maskMatch } from './secret-match.js';

export default defineRule({
  id: 'secret-label',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential appears in a label value.',
    messages: {
      SECRET_IN_LABEL: 'label {{label}} holds a {{title}}: {{masked}}; labels are public metadata — remove it and rotate the credential',
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
            const { secret, data } = maskMatch(match);
            context.report({ messageId: 'SECRET_IN_LABEL', data: { label, ...data }, location: { label }, secret });
          }
        }
      },
    };
  },
});
