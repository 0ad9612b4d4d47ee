// False-positive traps for published example values and typed filler (issue 15): documentation
// samples that providers publish, and bodies nobody generated. None may produce a finding.
import { alphabet as A, body } from './gen.js';
import type { Trap } from './traps.js';

// Public documentation examples, split so that no line of this file is key-shaped.
const firebaseSamples = [
  // Google's Firebase docs ("Learn about using and managing API keys for Firebase").
  'apiKey: "AIza' + 'SyDOCAbC123dEf456GhI789jKl01-MnO",',
  'const firebaseConfig = { apiKey: "AIza' + 'SyDOCAbC123dEf456GhI789jKl012-MnO" };',
];
const stripeDocKeys = ['stripe.api_key = "sk_' + 'test_' + '4eC39HqLyjWDarjtT1zdp7dc"', "Stripe('sk_" + 'test_' + "BQokikJOvBiI2HlWgH4olfQ2')"];
const awsDocKeys = ['AWS_ACCESS_KEY_ID=AKIA' + 'IOSFODNN7EXAMPLE', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'];
const jwtIoSample =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' +
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.' +
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const onepasswordSample = 'Your Secret Key looks like A3-' + 'ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB';

const fillers = [
  'SLACK_TOKEN=xoxp-' + '1234-1234-1234-' + 'abcd'.repeat(8),
  'token: xoxb-' + '123456789012-123456789012-' + 'abc123xyz456'.repeat(2),
  'GITHUB_TOKEN=ghp_' + 'abc123xyz'.repeat(4),
  'OPENAI_API_KEY=sk-proj-' + 'abc123'.repeat(10),
  'stripe: sk_' + 'live_' + '1234567890abcdefghijklmn',
  'npm_' + 'a1b2c3'.repeat(6),
  'hf_' + 'AbCdEfGhIjKlMnOpQrStUvWxYz12345678',
  'GROQ_API_KEY=gsk_' + 'Xy'.repeat(26),
  // a seeded body around a counting run is still filler
  'glpat-' + body(A.alnum, 6, 'filler') + '12345678' + body(A.alnum, 6, 'filler-2'),
];

export const EXAMPLE_TRAPS: Trap[] = [
  { name: "Google's Firebase sample API keys", text: firebaseSamples.join('\n'), path: '/app/src/firebase.js' },
  { name: "Stripe's documented test keys", text: stripeDocKeys.join('\n') },
  { name: "AWS's documented example keys (again, as env lines)", text: awsDocKeys.join('\n') },
  { name: "jwt.io's sample token", text: `Authorization: Bearer ${jwtIoSample}` },
  { name: "1Password's sample Secret Key", text: onepasswordSample },
  { name: 'repeated-pattern and counting fillers', text: fillers.join('\n') },
];
