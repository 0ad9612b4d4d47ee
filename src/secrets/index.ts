// Public API of the secret-detection library: scan values, env entries and streamed files.
export type { FormatInfo, SecretMatch, Severity } from './types.js';
export { SECRET_FORMATS, type SecretFormat, type FormatSource } from './catalogue.js';
export type { FileScanner, FileScannerOptions } from './file-scanner.js';
export { maskSecret } from './mask.js';
export { scanValue, scanEnv } from './values.js';
export { createFileScanner } from './file-scanner.js';
export { isInterestingPath } from './paths.js';
export { isCredentialFile, isDocsOrTestsPath, isGenericKind } from './evidence.js';
export { createScanPool, defaultScanThreads } from './scan-pool.js';
export type { PooledFileScanner, ScanPool, ScannedFile } from './scan-pool.js';
