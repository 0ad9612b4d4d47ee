// The library examples of the README and docs/library.md compile against the package's own types:
// each ```ts block becomes a module importing 'imagegate' (mapped to src/index.ts) and the
// TypeScript compiler checks them all, so an example cannot drift from the API it shows.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PAGES = ['README.md', 'docs/library.md'];

function tsBlocks(page: string): { name: string; code: string }[] {
  const text = readFileSync(join(REPO, page), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => ({ name: `${page.replace(/[/.]/g, '-')}-${i + 1}.ts`, code: match[1]! }));
}

describe('library examples', () => {
  const blocks = PAGES.flatMap(tsBlocks);

  it('exist for every use the library offers', () => {
    const all = blocks.map((block) => block.code).join('\n');
    for (const use of [
      'compareTo',
      'baseline',
      'baseImage',
      'ignore',
      'rules',
      'renderReport',
      'REPORT_FORMATS',
      'PolicyDocument',
      'BudgetsDocument',
      'ImageErrorCode',
      'allPlatforms',
    ])
      expect(all, use).toContain(use);
  });

  it('typecheck against src/index.ts', () => {
    // Inside the repository, so 'vitest' and @types/node resolve from its node_modules.
    const dir = join(REPO, 'node_modules', '.cache', `imagegate-library-examples-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      // Each block is its own module (top-level await is allowed in an ES module).
      const files = blocks.map((block) => {
        const file = join(dir, block.name);
        writeFileSync(file, `${block.code}\nexport {};\n`);
        return file;
      });
      const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        baseUrl: REPO,
        paths: { imagegate: ['src/index.ts'] },
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || files.includes(d.file.fileName))
        .map(
          (d) =>
            `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
        );
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
