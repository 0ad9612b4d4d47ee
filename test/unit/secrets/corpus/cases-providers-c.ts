// Corpus cases for the provider formats in src/secrets/formats/providers-more.ts. Every token is
// assembled at runtime from a documented prefix and a seeded body.
import type { Cases, Positive } from './cases.js';
import { alphabet as A, body } from './gen.js';

const bare = (secret: string): Positive => ({ text: secret, secret });
const inText = (before: string, secret: string, after = ''): Positive => ({ text: before + secret + after, secret });
const alnum = (n: number, seed: string): string => body(A.alnum, n, seed);

const adyenKey = 'AQE' + alnum(12, 'adyen-a') + '.' + body(A.urlSafe, 64, 'adyen-b') + '.' + body(A.urlSafe, 20, 'adyen-c');

export const PROVIDER_CASES_C: Record<string, Cases> = {
  'adyen-api-key': {
    positives: [bare(adyenKey), inText('ADYEN_API_KEY="', adyenKey, '"')],
    negatives: [
      { why: 'no dotted part', text: 'AQE' + alnum(60, 'adyen-nodot') },
      { why: 'inside a longer word', text: 'XAQE' + alnum(12, 'adyen-w') + '.' + body(A.urlSafe, 64, 'adyen-w2') },
    ],
  },
  'adyen-client-key': {
    positives: [inText('ADYEN_CLIENT_KEY=', 'test_' + alnum(32, 'adyen-client'))],
    negatives: [{ why: 'a merchant account name, not a key', text: `ADYEN_MERCHANT_ACCOUNT=test_${alnum(32, 'adyen-other')}` }],
  },
  'castai-api-key': {
    positives: [bare('castai_v1_' + alnum(64, 'castai') + '_' + alnum(8, 'castai-crc'))],
    negatives: [{ why: 'a short body', text: 'castai_v1_' + alnum(40, 'castai-short') + '_' + alnum(8, 'castai-s') }],
  },
  'chieftools-token': {
    positives: [bare('ctp_' + alnum(40, 'chief-pat')), inText('CHIEF_REFRESH=', 'ctr_' + alnum(36, 'chief-r'))],
    negatives: [{ why: 'too short', text: 'cto_' + alnum(20, 'chief-short') }],
  },
};
