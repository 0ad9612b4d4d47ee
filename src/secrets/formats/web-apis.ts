// Assorted web APIs: Typeform, ReadMe, RapidAPI, MaxMind, Squarespace. Their keys read form
// answers, documentation projects, paid API quotas, licensed databases and store data.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken } from './token.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// Reference: Typeform developer docs, "Personal access token" (tokens start with tfp_).
export const typeformToken = prefixedToken({
  kind: 'typeform-token',
  title: 'Typeform personal access token',
  keywords: ['tfp_'],
  // The body may hold dots, but a dot ending the match is sentence punctuation.
  pattern: /tfp_[A-Za-z0-9_.=-]{55,63}[A-Za-z0-9_=-](?![A-Za-z0-9_=-]|\.[A-Za-z0-9_=-])/y,
  confirm: (s) => mixed(s.slice(4)),
  summary: 'tfp_ followed by 56–64 URL-safe characters mixing letters and digits. Ignores identifiers that start with tfp_.',
});

// Reference: ReadMe docs, "Authentication — API keys" (project API keys start with rdme_).
export const readmeApiKey = prefixedToken({
  kind: 'readme-api-key',
  title: 'ReadMe API key',
  keywords: ['rdme_'],
  pattern: /rdme_[A-Za-z0-9]{60,80}(?![A-Za-z0-9_])/y,
  confirm: (s) => mixed(s.slice(5)),
  summary: 'rdme_ followed by 60–80 letters and digits.',
});

// Reference: RapidAPI docs, "Authorization — the X-RapidAPI-Key header" (a 50-character
// application key; no prefix, so it counts under the header name or a RAPIDAPI_ key).
export const rapidapiKey = keyedToken({
  kind: 'rapidapi-key',
  title: 'RapidAPI application key',
  providers: ['rapidapi'],
  keywords: ['RapidAPI', 'RapidApi'],
  keys: ['key', 'token', 'secret'],
  value: '[A-Za-z0-9_-]{50}',
  summary: '50 URL-safe characters assigned to X-RapidAPI-Key or a RAPIDAPI_…KEY name. Ignores host names (X-RapidAPI-Host).',
});

// Reference: MaxMind docs, "Generate a license key" (keys issued since 2024: <6>_<29>_mmk, 40
// characters; GeoIP Update reads them from GeoIP.conf or GEOIPUPDATE_LICENSE_KEY).
export const maxmindLicenseKey = prefixedToken({
  kind: 'maxmind-license-key',
  title: 'MaxMind license key',
  trigger: '_mmk',
  pattern: /[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk(?![A-Za-z0-9_])/y,
  lookback: { chars: /[A-Za-z0-9_]/, max: 36 },
  confirm: (s) => mixed(s.slice(7, 36)),
  summary:
    '<6>_<29>_mmk license keys, found from the _mmk suffix. Ignores the 12-character zeros placeholder of the packaged GeoIP.conf and older unsuffixed keys.',
});

// Reference: Squarespace developer docs, "Authentication — API keys" (Commerce API keys; no
// prefix, so they count only under a SQUARESPACE_ key name).
export const squarespaceApiKey = keyedToken({
  kind: 'squarespace-api-key',
  title: 'Squarespace API key',
  providers: ['squarespace'],
  keys: ['key', 'token', 'secret'],
  value: UUID,
  summary: 'A UUID assigned to a SQUARESPACE_…KEY/TOKEN name. Ignores UUIDs elsewhere (site and order IDs).',
});
