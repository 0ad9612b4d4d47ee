// A byte scan before JSON.parse of image documents (configs, manifests, indexes): a hostile one of
// a few MB can nest millions of arrays ("[[[[…") or hold millions of tiny objects, which JSON.parse
// would turn into hundreds of MB of heap. Real documents nest a handful of levels and hold
// hundreds of objects; anything far beyond that is refused before it is parsed.

/** Deepest nesting accepted; real configs and manifests stay under 10. */
export const MAX_JSON_DEPTH = 64;
/** Most objects and arrays accepted in one document; a config with 1,000 history steps has ~1,100. */
export const MAX_JSON_CONTAINERS = 100_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/** Undefined when the document is within bounds, else what is wrong with it. */
export function jsonShapeProblem(raw: Buffer): string | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > MAX_JSON_DEPTH) return `it nests deeper than ${MAX_JSON_DEPTH} levels`;
      if (++containers > MAX_JSON_CONTAINERS) return `it holds more than ${MAX_JSON_CONTAINERS} objects and arrays`;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return undefined;
}
