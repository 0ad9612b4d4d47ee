// Microsoft Azure Storage credentials: account keys in connection strings, SAS signatures. The
// other Azure credentials (Entra ID, DevOps, Container Registry, App Configuration, AI services)
// are in azure-services.ts.
import { createHash } from 'node:crypto';
import { assigned, prefixedToken } from './token.js';

/**
 * SHA-256 of the Azurite/Storage Emulator account key that Microsoft publishes for local
 * development ("devstoreaccount1"). Kept as a hash so the repository holds no key-shaped text.
 */
const PUBLIC_EMULATOR_KEYS = new Set(['0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059']);
const isPublicKey = (key: string): boolean => PUBLIC_EMULATOR_KEYS.has(createHash('sha256').update(key).digest('hex'));

// Reference: Azure Storage docs, "Configure Azure Storage connection strings" and "Manage storage
// account access keys" (DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…: the key is 64 bytes,
// so 88 base64 characters ending in "==").
export const azureStorageKey = prefixedToken({
  kind: 'azure-storage-key',
  title: 'Azure Storage account key',
  keywords: ['AccountKey=', 'AZURE_STORAGE_', 'azure_storage_', 'storageAccountKey', 'StorageAccountKey'],
  pattern: [
    /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/y,
    // The Azure CLI and SDKs read the key alone from AZURE_STORAGE_KEY / AZURE_STORAGE_ACCESS_KEY.
    assigned('AZURE_STORAGE_(?:ACCOUNT_)?(?:ACCESS_)?KEY|azure_storage_(?:account_)?(?:access_)?key|[sS]torageAccountKey', '[A-Za-z0-9+/]{86}=='),
  ],
  notAfter: /[A-Za-z0-9]/,
  confirm: (key) => !isPublicKey(key),
  summary:
    'The AccountKey= of a storage connection string, or a key assigned to AZURE_STORAGE_KEY / storageAccountKey: 88 base64 characters ending in ==. Ignores the published Azurite/emulator key and shorter values.',
});

/** A SAS signature is an HMAC-SHA256: 32 bytes, so 43 base64 characters and "=" (URL-encoded or not). */
function isSasSignature(value: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false;
  }
  return /^[A-Za-z0-9+/]{43}=?$/.test(decoded);
}

/**
 * The signed version (sv=YYYY-MM-DD) that every SAS carries, on the same line: after ?, & or ;
 * in a URL or connection string, or opening a bare token ("sv=…&ss=…&sig=…" in a variable).
 */
function hasSignedVersion(text: string, start: number): boolean {
  const from = Math.max(text.lastIndexOf('\n', start) + 1, start - 2048);
  const lineEnd = text.indexOf('\n', start);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, start + 2048);
  return /(?<![A-Za-z0-9_-])sv=\d{4}-\d{2}-\d{2}/.test(text.slice(from, to));
}

// Reference: Azure Storage docs, "Create a service SAS" / "Grant limited access to Azure Storage
// resources using shared access signatures" (query parameters sv, ss, srt, sp, se, … and sig, the
// base64 HMAC-SHA256 signature that makes the URL a credential).
export const azureSasToken = prefixedToken({
  kind: 'azure-sas-token',
  title: 'Azure shared access signature',
  // Not ";sig=": HTML-escaped examples in docs write "&amp;sig=".
  keywords: ['&sig=', '?sig='],
  pattern: /[&?]sig=(?<secret>[A-Za-z0-9%+/]{43,60}=?)(?![A-Za-z0-9%+/=])/y,
  notAfter: /(?!)/,
  confirm: (sig, { text, start }) => isSasSignature(sig) && hasSignedVersion(text, start),
  summary:
    'The sig= of a shared access signature: a 32-byte base64 HMAC (= or %3D padded), with sv=YYYY-MM-DD on the same line, in a URL, a connection string or a bare token. Ignores other sig= parameters.',
});
