// The diffIDs of the image in a classic `docker save` file, read before its layers: the outer tar
// holds a few entries per layer, so seeking from header to header to manifest.json and the config
// costs a few small reads, not a pass over the layers. With them a partial check can tell which
// `<v1-id>/layer.tar` is a cached layer before its bytes arrive (see src/cache/export-reuse.ts), as
// it does with an engine's inspect. Anything unexpected answers undefined: the layers are then read.
import { open, type FileHandle } from 'node:fs/promises';
import { jsonShapeProblem } from '../image/json-shape.js';
import { isExtendedType, isZeroBlock, TAR_BLOCK as BLOCK, tarName, tarSize, tarType } from './tar-header.js';

/** More outer entries than any docker save writes for a sane image: stop looking. */
const MAX_ENTRIES = 10_000;
const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** The diffIDs of a single-image, uncompressed docker-save file, or undefined. */
export async function peekArchiveDiffIds(path: string): Promise<string[] | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const documents = new Map<string, { offset: number; size: number }>();
    const header = Buffer.alloc(BLOCK);
    let offset = 0;
    for (let n = 0; n < MAX_ENTRIES; n++) {
      const { bytesRead } = await handle.read(header, 0, BLOCK, offset);
      if (bytesRead < BLOCK || isZeroBlock(header)) break;
      if (header.toString('latin1', 257, 262) !== 'ustar') return undefined;
      const type = tarType(header);
      if (isExtendedType(type)) return undefined; // long names: not docker save's
      const size = tarSize(header);
      if (size === undefined) return undefined;
      const clean = tarName(header).replace(/^\.\//, '');
      if ((type === '0' || type === '\0') && (clean === 'manifest.json' || /^[a-f0-9]{64}\.json$/.test(clean)))
        documents.set(clean, { offset: offset + BLOCK, size });
      offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    const manifestAt = documents.get('manifest.json');
    if (!manifestAt || manifestAt.size > MAX_JSON_BYTES) return undefined;
    const manifest = boundedJson(await readAt(handle, manifestAt));
    if (!Array.isArray(manifest) || manifest.length !== 1) return undefined;
    const configName = (manifest[0] as { Config?: unknown }).Config;
    const configAt = typeof configName === 'string' ? documents.get(configName) : undefined;
    if (!configAt || configAt.size > MAX_JSON_BYTES) return undefined;
    // Not trusted beyond naming candidates: each layer matched through them is still hashed, and
    // the config read with the layers is the one the check verifies.
    const ids = (boundedJson(await readAt(handle, configAt)) as { rootfs?: { diff_ids?: unknown } } | undefined)?.rootfs?.diff_ids;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string' && /^sha256:[a-f0-9]{64}$/.test(id)) ? (ids as string[]) : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/**
 * A document a hostile archive may have shaped to blow up JSON.parse (millions of nested arrays in a
 * few MB): refused here as it is on the checked path; the check itself then says what is wrong.
 */
function boundedJson(raw: Buffer): unknown {
  return jsonShapeProblem(raw) === undefined ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined;
}

async function readAt(handle: FileHandle, at: { offset: number; size: number }): Promise<Buffer> {
  const buffer = Buffer.alloc(at.size);
  const { bytesRead } = await handle.read(buffer, 0, at.size, at.offset);
  return buffer.subarray(0, bytesRead);
}
