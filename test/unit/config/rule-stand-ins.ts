// A stand-in rule list shaped like the real rules module, so config tests do not depend on it.
import { z } from 'zod';
import type { RuleConfigInfo } from '../../../src/config/policy.js';

export const ociLabelsSchema = z
  .object({
    required: z.array(
      z
        .object({
          name: z.string().min(1),
          pattern: z
            .string()
            .refine(
              (source) => {
                try {
                  new RegExp(source);
                  return true;
                } catch {
                  return false;
                }
              },
              { message: 'is not a valid regular expression' },
            )
            .optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const RULES: RuleConfigInfo[] = [
  { id: 'size-budget', defaultSeverity: 'error' },
  { id: 'oci-labels', defaultSeverity: 'error', optionsSchema: ociLabelsSchema, defaultOptions: { required: [] } },
  { id: 'non-root-user', defaultSeverity: 'error' },
  { id: 'healthcheck', defaultSeverity: 'warning' },
  {
    id: 'secret-env',
    defaultSeverity: 'error',
    optionsSchema: z
      .object({ extraKeys: z.array(z.string()).default([]) })
      .strict()
      .default({ extraKeys: [] }),
  },
  { id: 'secret-history', defaultSeverity: 'error' },
  { id: 'secret-label', defaultSeverity: 'error' },
  { id: 'secret-file', defaultSeverity: 'error' },
];
