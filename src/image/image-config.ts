// The OCI/Docker image config JSON: the subset the rules read, validated so a malformed config fails closed.
import { jsonShapeProblem } from './json-shape.js';
import { z } from 'zod';
import { ImagegateError } from '../core/errors.js';

const historySchema = z.looseObject({
  created: z.string().optional(),
  created_by: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  empty_layer: z.boolean().optional(),
});

const containerConfigSchema = z.looseObject({
  User: z.string().optional(),
  Env: z.array(z.string()).nullable().optional(),
  Labels: z.record(z.string(), z.string()).nullable().optional(),
  Healthcheck: z
    .looseObject({
      Test: z.array(z.string()).nullable().optional(),
      // Nanoseconds; 0 or absent means the engine's default.
      Interval: z.number().optional(),
      Timeout: z.number().optional(),
      StartPeriod: z.number().optional(),
      Retries: z.number().optional(),
    })
    .nullable()
    .optional(),
  Cmd: z.array(z.string()).nullable().optional(),
  Entrypoint: z.array(z.string()).nullable().optional(),
  WorkingDir: z.string().optional(),
  StopSignal: z.string().optional(),
  ExposedPorts: z.record(z.string(), z.unknown()).nullable().optional(),
  Volumes: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const imageConfigSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  variant: z.string().optional(),
  config: containerConfigSchema.nullable().optional(),
  rootfs: z.looseObject({ type: z.string(), diff_ids: z.array(z.string().regex(/^sha256:[a-f0-9]{64}$/)) }),
  history: z.array(historySchema).nullable().optional(),
});

export type ImageConfig = z.infer<typeof imageConfigSchema>;
export type HistoryEntry = z.infer<typeof historySchema>;
export type ContainerConfig = z.infer<typeof containerConfigSchema>;

/** Parses raw config bytes; the error names the JSON path that is wrong so the user can look. */
export function parseImageConfig(raw: Buffer, where: string): ImageConfig {
  let json: unknown;
  const problem = jsonShapeProblem(raw);
  if (problem)
    throw new ImageConfigError(`${where}: image config refused: ${problem}, far beyond any real config — the image is malformed or hostile`);
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ImageConfigError(`${where}: image config is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = imageConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ImageConfigError(`${where}: image config is malformed — ${issues}`);
  }
  return parsed.data;
}

export class ImageConfigError extends ImagegateError {}

/** "linux/amd64" or "linux/arm/v7", as --platform spells it. */
export function platformOf(config: Pick<ImageConfig, 'os' | 'architecture' | 'variant'>): string {
  return [config.os, config.architecture, config.variant].filter(Boolean).join('/');
}
