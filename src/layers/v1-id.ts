// Which layer a classic `docker save` directory holds, from its name, before its layer.tar is read.
//
// The engine (moby image/tarexport/save.go) names each layer directory by a "v1 ID":
// v1.CreateID(v1Img, chainID, parent) = sha256 of json.Marshal of v1Img (id left out) as a map,
// with "layer_id" set to the layer's chain ID and "parent" to the parent's v1 ID as a digest;
// Go writes a map's keys sorted. The directory's own `json` file is json.Marshal of the same v1Img
// with "id" and "parent" (hex) set, and in the export's tar it comes before `layer.tar` (entries are
// in name order). So the engine's own bytes give every member but layer_id; trying each chain ID of
// the image's diffIDs (known from inspect) and comparing with the directory name says which layer
// it is — or nothing, and the layer is read as usual. A match can only be wrong if SHA-256 is.
import { createHash } from 'node:crypto';

/** Chain IDs as the engine computes them: the first diffID, then sha256("<parent chain ID> <diffID>"). */
export function chainIdsOf(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const [i, diffId] of diffIds.entries()) {
    chain.push(
      i === 0
        ? diffId
        : `sha256:${createHash('sha256')
            .update(`${chain[i - 1]} ${diffId}`)
            .digest('hex')}`,
    );
  }
  return chain;
}

/** The position (in `chainIds`) of the layer whose directory is `dirHex` and whose `json` file is `json`, or undefined. */
export function layerOfV1Dir(dirHex: string, json: Buffer, chainIds: readonly string[]): number | undefined {
  const members = topLevelMembers(json.toString('latin1'));
  if (!members) return undefined;
  const kept = new Map<string, string>();
  for (const [rawKey, value] of members) {
    let key: unknown;
    try {
      key = JSON.parse(rawKey);
    } catch {
      return undefined;
    }
    if (typeof key !== 'string') return undefined;
    if (key === 'id' || key === 'layer_id') continue;
    // The file holds the parent's v1 ID as hex; CreateID was given it as a digest. A one-layer image
    // may carry its config's own "parent" (already a digest), which CreateID kept as it was.
    if (key === 'parent' && /^"[a-f0-9]{64}"$/.test(value)) kept.set(key, `"sha256:${value.slice(1)}`);
    else kept.set(key, value);
  }
  // save.go sets "os" on a lower layer's v1Img only after computing its ID (the top layer's comes
  // from the config, so it was there all along): try the members without it too.
  const variants = [kept];
  if (kept.has('os')) {
    const withoutOs = new Map(kept);
    withoutOs.delete('os');
    variants.push(withoutOs);
  }
  for (const [i, chainId] of chainIds.entries()) {
    for (const variant of variants) {
      const all = new Map(variant).set('layer_id', JSON.stringify(chainId));
      const keys = [...all.keys()].sort();
      const text = `{${keys.map((key) => `${JSON.stringify(key)}:${all.get(key)}`).join(',')}}`;
      if (createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex') === dirHex) return i;
    }
  }
  return undefined;
}

/** The raw key and value texts of a JSON object's top-level members, or undefined when it is not one. */
function topLevelMembers(text: string): [string, string][] | undefined {
  const members: [string, string][] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return members;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i, keyEnd);
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') return undefined;
    i = skipSpace(text, i + 1);
    const valueEnd = endOfValue(text, i);
    if (valueEnd < 0) return undefined;
    members.push([key, text.slice(i, valueEnd)]);
    i = skipSpace(text, valueEnd);
    if (text[i] === '}') return members;
    if (text[i] !== ',') return undefined;
    i = skipSpace(text, i + 1);
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just past the string that starts at `i` (a quote), or -1. */
function endOfString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

/** Index just past the value that starts at `i`, or -1. */
function endOfValue(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return endOfString(text, i);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') {
        j = endOfString(text, j) - 1;
        if (j < 0) return -1;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !',}] \n\r\t'.includes(text[j]!)) j++;
  return j > i ? j : -1;
}
