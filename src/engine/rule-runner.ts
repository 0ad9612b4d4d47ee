// Instantiates the enabled rules for one image and collects what they report, attributing failures to the rule.
import type { Budgets } from '../config/budgets.js';
import type { Policy } from '../config/policy.js';
import { ImagegateError } from '../core/errors.js';
import { baseImageName, baseImageOf, type BaseImage } from '../image/base-image.js';
import type { ImageModel } from '../image/image-model.js';
import type { FinalFilesystem } from '../layers/final-filesystem.js';
import type { FileDispatcher, FileVisitor } from '../layers/layer-walk.js';
import { docsPath, type ImageFacts, type ReportDescriptor, type RuleDefinition, type RuleHandlers } from '../rules/define-rule.js';
import type { ScanPool } from '../secrets/index.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../core/finding.js';
import type { Redactor } from './redactor.js';

export class RuleFailedError extends ImagegateError {}

interface ActiveRule {
  definition: RuleDefinition<unknown, string>;
  handlers: RuleHandlers;
  reports: ReportDescriptor<string>[];
}

export class RuleRunner {
  private readonly active: ActiveRule[];
  private layerIndexes = new Map<string, number>();
  private settled = false;

  constructor(
    definitions: readonly RuleDefinition<unknown, string>[],
    private readonly policy: Policy,
    budgets: Budgets,
    redactor: Redactor,
    private readonly scanPool: ScanPool,
  ) {
    this.active = definitions
      .filter((definition) => policy.rules[definition.id]?.enabled ?? true)
      .map((definition) => {
        const reports: ReportDescriptor<string>[] = [];
        const handlers = definition.create({
          options: policy.rules[definition.id]?.options ?? definition.defaultOptions,
          budgets,
          report: (descriptor) => reports.push(descriptor),
          maskSecret: (match) => redactor.mask(match),
          layerIndexOf: (key) => this.layerIndexes.get(key),
          fileScanner: (path, size, options) => scanPool.scanner(path, size, options),
        });
        return { definition, handlers, reports };
      });
  }

  /** One dispatcher per layer: asks only rules whose `needs.files` matches, so most files are never read. */
  dispatcherFor(layerKey: string): FileDispatcher {
    const fileRules = this.active.filter((rule) => rule.handlers.file && rule.definition.needs.files);
    return (file) => {
      const visitors: FileVisitor[] = [];
      for (const rule of fileRules) {
        if (!rule.definition.needs.files!(file.path)) continue;
        const visitor = guard(rule.definition.id, () => rule.handlers.file!(file, layerKey));
        if (visitor) visitors.push(guardVisitor(rule.definition.id, visitor));
      }
      return visitors;
    };
  }

  /** A layer cache may be used only if every rule that reads files can save and replay what it read. */
  get cacheable(): boolean {
    return this.active.every((rule) => !rule.handlers.file || rule.handlers.layerMemo);
  }

  /** Replays a cached layer's memos as if its files had been read under `layerKey`; false (and no change) if any memo is unusable. */
  restoreLayer(layerKey: string, memos: Record<string, unknown>): boolean {
    const parsed: [ActiveRule, unknown][] = [];
    for (const rule of this.active) {
      if (!rule.handlers.file) continue;
      const memo = rule.handlers.layerMemo;
      if (!memo || !(rule.definition.id in memos)) return false;
      const value = guard(rule.definition.id, () => memo.parse(memos[rule.definition.id]));
      if (value === undefined) return false;
      parsed.push([rule, value]);
    }
    for (const [rule, value] of parsed) guard(rule.definition.id, () => rule.handlers.layerMemo!.apply(layerKey, value));
    return true;
  }

  /** After `settle`: what each file-reading rule took from one layer, for the cache. */
  layerMemos(layerKey: string): Record<string, unknown> {
    const memos: Record<string, unknown> = {};
    for (const rule of this.active) {
      if (rule.handlers.file && rule.handlers.layerMemo)
        memos[rule.definition.id] = guard(rule.definition.id, () => rule.handlers.layerMemo!.save(layerKey));
    }
    return memos;
  }

  /** Waits for work handed to scan threads; `finish` calls it too, so calling it first is harmless. */
  async settle(): Promise<void> {
    if (this.settled) return;
    this.scanPool.flush();
    for (const rule of this.active) {
      if (!rule.handlers.settle) continue;
      try {
        await rule.handlers.settle();
      } catch (error) {
        throw new RuleFailedError(`rule ${rule.definition.id} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
      }
    }
    this.settled = true;
  }

  async finish(image: ImageModel, fs: FinalFilesystem, layerKeys: string[]): Promise<Finding[]> {
    this.layerIndexes = new Map(layerKeys.map((key, index) => [key, index]));
    await this.settle();
    for (const rule of this.active) guard(rule.definition.id, () => rule.handlers.image?.(image, fs));
    const base = baseImageOf(image, image.baseImage);
    return this.active.flatMap((rule) => rule.reports.map((descriptor) => this.toFinding(rule.definition, descriptor, image, base)));
  }

  /** After `finish`: what the rules add to the image's report besides findings. */
  facts(): ImageFacts {
    return Object.assign({}, ...this.active.map((rule) => guard(rule.definition.id, () => rule.handlers.facts?.() ?? {}))) as ImageFacts;
  }

  private toFinding(
    definition: RuleDefinition<unknown, string>,
    descriptor: ReportDescriptor<string>,
    image: ImageModel,
    base: BaseImage | undefined,
  ): Finding {
    const location = { ...descriptor.location };
    if (descriptor.layerKey !== undefined) location.layer = this.layerIndexes.get(descriptor.layerKey);
    if (location.layer !== undefined) {
      const layer = image.layers[location.layer];
      if (layer) {
        location.diffId = layer.diffId;
        if (layer.createdBy !== undefined) location.createdBy = layer.createdBy;
      }
    }
    let message = format(definition.meta.messages[descriptor.messageId] ?? descriptor.messageId, descriptor.data ?? {});
    if (base && location.layer !== undefined && location.layer < base.layers) {
      location.fromBaseImage = true;
      // A rule may already word its advice for the base image (build-hygiene does); otherwise say where the fix is.
      if (!message.includes('base image')) message += `; ${baseAdvice(definition.meta.category, baseImageName(base))}`;
    }
    const finding: Finding = {
      ruleId: definition.id,
      messageId: descriptor.messageId,
      severity: capped(descriptor.severity, this.policy.rules[definition.id]?.severity ?? definition.meta.defaultSeverity),
      message,
      location,
      docsUrl: docsPath(definition.id),
    };
    if (descriptor.secret) finding.secret = descriptor.secret;
    return finding;
  }
}

/**
 * A finding's own severity (an encrypted key, a test key, "no budget") only ever lowers the rule's:
 * a policy that sets a rule to info must not see that rule's findings as warnings.
 */
function capped(own: Severity | undefined, rule: Severity): Severity {
  return own !== undefined && SEVERITY_RANK[own] < SEVERITY_RANK[rule] ? own : rule;
}

function format(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** A rule that throws leaves the image unchecked: fail closed, naming the rule. */
function guard<T>(ruleId: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RuleFailedError) throw error;
    throw new RuleFailedError(`rule ${ruleId} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}

function guardVisitor(ruleId: string, visitor: FileVisitor): FileVisitor {
  return {
    chunk: (data) => {
      const answer = guard(ruleId, () => visitor.chunk(data));
      if (!(answer instanceof Promise)) return answer;
      return answer.catch((error: unknown) => {
        throw new RuleFailedError(`rule ${ruleId} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
      });
    },
    end: () => guard(ruleId, () => visitor.end()),
  };
}

/** What to do about a finding the base image brought: a later step of the team's build can hide a file but never take its bytes back. */
function baseAdvice(category: string, base: string): string {
  return category === 'secrets'
    ? `it comes from ${base}: treat it as leaked, tell the base image's maintainers, and build on a fixed or another base`
    : `it comes from ${base}: fix it there or choose another base (deleting it in a later step hides it but keeps its bytes)`;
}
