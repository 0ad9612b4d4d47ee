// The shape of a rule: metadata, options schema, what it reads, and the handlers the engine calls.
import type { z } from 'zod';
import type { Budgets } from '../config/budgets.js';
import type { FindingLocation, MaskedSecret, Severity } from '../core/finding.js';
import type { ImageModel } from '../image/image-model.js';
import type { FinalFilesystem } from '../layers/final-filesystem.js';
import type { FileVisitor, WalkedFile } from '../layers/layer-walk.js';
import type { PackageContentSummary } from '../packages/package-content.js';
import type { FileScannerOptions, PooledFileScanner, SecretMatch } from '../secrets/index.js';

export type RuleCategory = 'size' | 'metadata' | 'secrets' | 'hygiene' | 'security';

export interface RuleMeta<MessageIds extends string> {
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One line, shown by `imagegate rules` and in reports. */
  description: string;
  /** Message templates with {{placeholders}}; each should say what to do about it. */
  messages: Record<MessageIds, string>;
}

/** A secret as a rule may report it: masked, with template data ({{title}}, {{masked}}). */
export interface MaskedMatch {
  secret: MaskedSecret;
  data: { title: string; masked: string };
  line: number;
}

export interface ReportDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  location?: FindingLocation;
  /** Set for findings inside a layer's files; the engine turns it into index, diffID and Dockerfile step. */
  layerKey?: string;
  secret?: MaskedSecret;
  /** Overrides the policy severity, for messages that carry their own (e.g. "no budget" is a warning). */
  severity?: Severity;
}

/** What a rule may read about the run, beyond the image. Rules never touch process, console or the host filesystem. */
export interface RuleContext<Options, MessageIds extends string> {
  options: Options;
  budgets: Budgets;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** Masks a secret for a report; the raw value is remembered so it is scrubbed from every other string too. */
  maskSecret(match: SecretMatch): MaskedMatch;
  /** Maps a layer key given to a file handler to the layer's index (known only once the archive is ordered). */
  layerIndexOf: (layerKey: string) => number | undefined;
  /** A secret scanner for one file, run on the engine's scan threads; undefined for files never worth scanning. */
  fileScanner(path: string, size: number, options?: FileScannerOptions): PooledFileScanner | undefined;
}

/** What a rule adds to the image's report besides findings (each key is a field of the image report). */
export interface ImageFacts {
  packageContent?: PackageContentSummary;
}

export interface RuleHandlers {
  /** Called for each regular file of every layer that matches `needs.files`; return a visitor to read its bytes. */
  file?(file: WalkedFile, layerKey: string): FileVisitor | undefined;
  /**
   * Lets a layer cache replay what this rule learned from one layer's files instead of reading the
   * layer again. Every rule with a `file` handler needs one, or layers are never taken from a cache.
   */
  layerMemo?: LayerMemo;
  /** Called once every layer has been read, before `image`: wait here for work handed to other threads. */
  settle?(): Promise<void>;
  /** Called once every layer has been read, with the image and its final filesystem. */
  image?(image: ImageModel, fs: FinalFilesystem): void;
  /** After `image`: facts for the image's report (e.g. how much secret-file treated as package content). */
  facts?(): ImageFacts;
}

export interface LayerMemo {
  /** After `settle`: what the rule took from this layer, as plain JSON (masked secrets only, never raw ones). */
  save(layerKey: string): unknown;
  /** Checks a saved memo; undefined when it is not one this rule wrote (the layer is then read again). */
  parse(memo: unknown): unknown;
  /** Takes a parsed memo as if the layer's files had just been read under `layerKey`. */
  apply(layerKey: string, parsed: unknown): void;
}

export interface RuleNeeds {
  /** Cheap path filter so the engine reads content only for files some rule wants. */
  files?: (path: string) => boolean;
}

export interface RuleDefinition<Options = unknown, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  optionsSchema?: z.ZodType<Options>;
  needs: RuleNeeds;
  create(context: RuleContext<Options, MessageIds>): RuleHandlers;
}

/** Exists for inference: options and message ids are typed from the definition itself. */
export function defineRule<Options, MessageIds extends string>(rule: RuleDefinition<Options, MessageIds>): RuleDefinition<Options, MessageIds> {
  return rule;
}

/** Rule docs ship inside the package, so the link works offline and never points at a guessed URL. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
