// oci-labels: labels the policy requires (by default the OCI version and source annotations), optionally matching a regex.
import { z } from 'zod';
import { defineRule } from './define-rule.js';

const requiredLabel = z.strictObject({
  name: z.string().min(1),
  pattern: z
    .string()
    .refine((pattern) => isValidRegExp(pattern), { message: 'is not a valid regular expression' })
    .optional(),
});

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export default defineRule({
  id: 'oci-labels',
  meta: {
    category: 'metadata',
    defaultSeverity: 'error',
    description: 'Labels required by the policy are present, non-empty and match their patterns.',
    messages: {
      MISSING_LABEL: 'required label {{label}} is missing or empty; add LABEL {{label}}="…" to the Dockerfile (or docker build --label)',
      LABEL_MISMATCH: 'label {{label}}="{{value}}" does not match the required pattern /{{pattern}}/',
    },
  },
  defaultOptions: {
    required: [{ name: 'org.opencontainers.image.version' }, { name: 'org.opencontainers.image.source' }],
  },
  optionsSchema: z.strictObject({ required: z.array(requiredLabel) }),
  needs: {},
  create(context) {
    return {
      image(image) {
        const labels = image.config.config?.Labels ?? {};
        for (const { name, pattern } of context.options.required) {
          const value = labels[name];
          if (value === undefined || value.trim() === '') {
            context.report({ messageId: 'MISSING_LABEL', data: { label: name }, location: { label: name } });
          } else if (pattern !== undefined && !new RegExp(pattern).test(value)) {
            context.report({ messageId: 'LABEL_MISMATCH', data: { label: name, value: truncate(value), pattern }, location: { label: name } });
          }
        }
      },
    };
  },
});

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
