// Finds which keys a zod object schema accepts at a given path, so unknown keys get "did you mean" hints.
import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** Minimal view of zod's public internals (`_zod.def`, documented for library authors) that the walk needs. */
interface DefView {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  valueType?: AnySchema;
  options?: readonly AnySchema[];
  left?: AnySchema;
  right?: AnySchema;
  getter?: () => AnySchema;
}

function defOf(schema: AnySchema): DefView {
  return schema._zod.def;
}

/**
 * Wrappers (optional, default, pipe, lazy, …) and unions can sit anywhere; expand a schema into the
 * concrete schemas it may stand for. Depth-limited so recursive lazy schemas cannot loop.
 */
function expand(schema: AnySchema, depth = 0): AnySchema[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? expand(def.innerType, depth + 1) : [];
    case 'pipe':
      // The input side is what the user wrote; the output side may be a transform.
      return def.in ? expand(def.in, depth + 1) : [];
    case 'lazy':
      return def.getter ? expand(def.getter(), depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => expand(option, depth + 1));
    case 'intersection':
      return [def.left, def.right].flatMap((side) => (side ? expand(side, depth + 1) : []));
    default:
      return [schema];
  }
}

/** Schemas that could apply to the value one step below `schema` at `segment`. */
function step(schema: AnySchema, segment: PropertyKey): AnySchema[] {
  return expand(schema).flatMap((candidate) => {
    const def = defOf(candidate);
    if (def.type === 'object' && typeof segment === 'string') {
      const child = def.shape?.[segment];
      return child ? [child] : [];
    }
    if (def.type === 'array' && typeof segment === 'number') return def.element ? [def.element] : [];
    if (def.type === 'record') return def.valueType ? [def.valueType] : [];
    return [];
  });
}

/** Keys accepted by the object(s) found at `path` inside `schema`; empty when it cannot tell. */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema[] = [schema];
  for (const segment of path) current = current.flatMap((candidate) => step(candidate, segment));
  const keys = new Set<string>();
  for (const candidate of current.flatMap((s) => expand(s))) {
    const def = defOf(candidate);
    if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  }
  return [...keys];
}
