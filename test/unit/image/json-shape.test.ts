// The byte scan that refuses hostile JSON documents before JSON.parse can blow up the heap.
import { describe, expect, it } from 'vitest';
import { jsonShapeProblem, MAX_JSON_CONTAINERS, MAX_JSON_DEPTH } from '../../../src/image/json-shape.js';

describe('jsonShapeProblem', () => {
  it('accepts real documents, brackets inside strings included', () => {
    const config = {
      architecture: 'amd64',
      config: { Env: ['A=[[[[', 'B=\\"{{{'], Labels: { a: ']]]' } },
      history: Array.from({ length: 1000 }, (_, i) => ({ created_by: `RUN step ${i} [` })),
    };
    expect(jsonShapeProblem(Buffer.from(JSON.stringify(config)))).toBeUndefined();
  });

  it('refuses deep nesting and floods of tiny containers', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(jsonShapeProblem(Buffer.from(deep))).toMatch(/nests deeper than 64/);
    const flood = `[${'{},'.repeat(MAX_JSON_CONTAINERS)}{}]`;
    expect(jsonShapeProblem(Buffer.from(flood))).toMatch(/more than 100000 objects/);
  });
});
