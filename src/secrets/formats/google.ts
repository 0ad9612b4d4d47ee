// Google Cloud credentials: API keys.
import { prefixedToken } from './token.js';

// Reference: Google Cloud docs, "Manage API keys" (API key strings start with "AIza" and are
// 39 characters long).
export const googleApiKey = prefixedToken({
  kind: 'google-api-key',
  title: 'Google API key',
  keywords: ['AIza'],
  pattern: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y,
  summary: 'AIza followed by 35 URL-safe base64 characters. Ignores shorter or longer runs.',
});
