// The policy's structure assertions (container-structure-test's static tests, in imagegate's JSON):
// metadata, file existence/attributes and file content, each group scoped to images by a glob.
import { z } from 'zod';
import { describeValue } from './describe.js';
import { parseSize } from './size.js';

/** A regular expression as JSON text; a pattern that does not compile is a policy error, not a crash at check time. */
const regexSchema = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'u');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
    }
  });

/** A value written exactly, or { "pattern": "regex" } matched anywhere in it (anchor with ^…$). */
const valueSchema = z.union([z.string(), z.strictObject({ pattern: regexSchema })]);
/** An env or label entry: a value, a pattern, { "present": true } (any value) or { "absent": true } (must not be set). */
const keyedSchema = z.union([valueSchema, z.strictObject({ present: z.literal(true) }), z.strictObject({ absent: z.literal(true) })]);
/** Entrypoint/Cmd: the exact exec-form array, or a pattern over its words joined by spaces. */
const commandSchema = z.union([z.array(z.string()), z.strictObject({ pattern: regexSchema })]);

/** "30s", "1m30s", "500ms" or a number of seconds, to nanoseconds (how the image config stores them). */
const durationSchema = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return Math.round(value * 1e9);
  const parts = [...value.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value.trim()) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: `expected a duration like "10s", "1m30s" or a number of seconds, got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const unit: Record<string, number> = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  return Math.round(parts.reduce((sum, part) => sum + Number(part[1]) * unit[part[2]!]!, 0));
});

const sizeSchema = z.union([z.number().int().nonnegative(), z.string()]).transform((value, ctx) => {
  try {
    return parseSize(value);
  } catch (error) {
    ctx.issues.push({ code: 'custom', input: value, message: (error as Error).message });
    return z.NEVER;
  }
});

const metadataSchema = z.strictObject({
  entrypoint: commandSchema.optional(),
  cmd: commandSchema.optional(),
  workdir: valueSchema.optional(),
  user: valueSchema.optional(),
  stopSignal: valueSchema.optional(),
  /** Ports as the config names them ("8080/tcp"; a bare "8080" means tcp) that must be exposed… */
  exposedPorts: z.array(z.string().regex(/^\d+(?:\/(?:tcp|udp|sctp))?$/, 'expected a port like "8080" or "53/udp"')).optional(),
  /** …and that must not be. */
  unexposedPorts: z.array(z.string().regex(/^\d+(?:\/(?:tcp|udp|sctp))?$/, 'expected a port like "8080" or "53/udp"')).optional(),
  volumes: z.array(z.string().startsWith('/')).optional(),
  unmountedVolumes: z.array(z.string().startsWith('/')).optional(),
  env: z.record(z.string().min(1), keyedSchema).optional(),
  labels: z.record(z.string().min(1), keyedSchema).optional(),
  healthcheck: z
    .strictObject({
      required: z.boolean().optional(),
      maxTimeout: durationSchema.optional(),
      maxInterval: durationSchema.optional(),
      minInterval: durationSchema.optional(),
      maxStartPeriod: durationSchema.optional(),
      minRetries: z.number().int().nonnegative().optional(),
      maxRetries: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

const modeSchema = z
  .string()
  .regex(/^0?[0-7]{3,4}$/, 'expected octal permission bits like "0755" or "4755"')
  .transform((text) => parseInt(text, 8));

const fileSchema = z.strictObject({
  /** Absolute path; * and ? are globs (* crosses /). */
  path: z.string().startsWith('/'),
  exists: z.boolean().default(true),
  type: z.enum(['file', 'directory', 'symlink', 'hardlink', 'other']).optional(),
  /** Exact permission bits (setuid/setgid/sticky included when written with 4 digits). */
  mode: modeSchema.optional(),
  /** Bits that must all be set, and bits that must all be clear (e.g. "0002": not world-writable). */
  modeSet: modeSchema.optional(),
  modeClear: modeSchema.optional(),
  uid: z.number().int().nonnegative().optional(),
  gid: z.number().int().nonnegative().optional(),
  /** container-structure-test's isExecutableBy ("owner" | "group" | "other" | "any"), or a user by ids. */
  executableBy: z
    .union([
      z.enum(['owner', 'group', 'other', 'any']),
      z.strictObject({ uid: z.number().int().nonnegative(), gid: z.number().int().nonnegative().optional() }),
    ])
    .optional(),
  minSize: sizeSchema.optional(),
  maxSize: sizeSchema.optional(),
  linkTarget: z.string().optional(),
});

const contentSchema = z.strictObject({
  /** A file path, or a glob checking every matching file (e.g. /usr/share/doc/*\/copyright for licences). */
  path: z.string().startsWith('/'),
  /** Each pattern must match some line… */
  match: z.array(regexSchema).default([]),
  /** …and none of these may match any line (the first matching line is reported). */
  notMatch: z.array(regexSchema).default([]),
});

const assertionSchema = z.strictObject({
  /** Glob over the image reference, as written or normalized (as in budgets.json). */
  image: z.string().min(1).default('*'),
  description: z.string().optional(),
  metadata: metadataSchema.optional(),
  files: z.array(fileSchema).default([]),
  content: z.array(contentSchema).default([]),
});

export const structureOptionsSchema = z.strictObject({ assertions: z.array(assertionSchema).default([]) });

export type StructureOptions = z.output<typeof structureOptionsSchema>;
export type StructureAssertion = StructureOptions['assertions'][number];
export type MetadataAssertion = NonNullable<StructureAssertion['metadata']>;
export type FileAssertion = StructureAssertion['files'][number];
export type ContentAssertion = StructureAssertion['content'][number];
export type ValueMatcher = z.output<typeof valueSchema>;
export type KeyedMatcher = z.output<typeof keyedSchema>;
