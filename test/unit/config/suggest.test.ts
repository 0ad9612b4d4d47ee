// Edit distance and the "did you mean" threshold.
import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, levenshtein } from '../../../src/config/suggest.js';

describe('suggestions', () => {
  it('computes edit distance', () => {
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('suggests the closest plausible candidate only', () => {
    const rules = ['secret-env', 'secret-file', 'healthcheck', 'non-root-user'];
    expect(closestMatch('secret-fille', rules)).toBe('secret-file');
    expect(closestMatch('HealthCheck', rules)).toBe('healthcheck');
    expect(closestMatch('completely-different', rules)).toBeUndefined();
    expect(didYouMean('severty', ['enabled', 'severity', 'options'])).toBe(' (did you mean "severity"?)');
    expect(didYouMean('zzz', ['enabled'])).toBe('');
  });
});
