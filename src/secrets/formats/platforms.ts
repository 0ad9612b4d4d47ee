// Application platforms, CI and deployment services: OpenShift, Scalingo, Octopus Deploy, Travis CI,
// Prefect, SettleMint, and the Sidekiq Pro/Enterprise gem server. Their tokens deploy code or
// run jobs in the owner's name.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken } from './token.js';

// Reference: OpenShift Container Platform docs, "OAuth APIs — OAuthAccessToken" (user tokens are
// sha256~ followed by 43 URL-safe base64 characters; oc whoami -t prints them).
export const openshiftUserToken = prefixedToken({
  kind: 'openshift-user-token',
  title: 'OpenShift user token',
  keywords: ['sha256~'],
  pattern: /sha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
  confirm: (s) => mixed(s.slice(7)),
  summary: 'sha256~ followed by 43 URL-safe base64 characters: cluster access as the user. Ignores other lengths.',
});

// Reference: Scalingo docs, "API — Authentication" (API tokens, exchanged for a bearer token,
// start with tk-us- followed by 48 characters).
export const scalingoApiToken = prefixedToken({
  kind: 'scalingo-api-token',
  title: 'Scalingo API token',
  keywords: ['tk-us-'],
  pattern: /tk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/y,
  confirm: (s) => mixed(s.slice(6)),
  summary: 'tk-us- followed by 48 URL-safe characters.',
});

// Reference: Octopus Deploy docs, "How to create an API key" (keys start with API- followed by
// upper-case letters and digits; sent as X-Octopus-ApiKey).
export const octopusDeployApiKey = prefixedToken({
  kind: 'octopus-deploy-api-key',
  title: 'Octopus Deploy API key',
  keywords: ['API-'],
  pattern: /API-[A-Z0-9]{25,32}(?![A-Za-z0-9_-])/y,
  // Upper-case words after API- (API-VERSION…) have no digits; keys have several.
  confirm: (s) => (s.slice(4).match(/[0-9]/g)?.length ?? 0) >= 3 && (s.slice(4).match(/[A-Z]/g)?.length ?? 0) >= 3,
  summary: 'API- followed by 25–32 upper-case letters and digits, mixing both. Ignores upper-case words such as API-COMPATIBILITY.',
});

// Reference: Travis CI docs, "Developer API — Authentication" (the API token shown in account
// settings, 22 characters; the travis CLI reads TRAVIS_TOKEN / TRAVIS_API_TOKEN).
export const travisCiToken = keyedToken({
  kind: 'travis-ci-token',
  title: 'Travis CI API token',
  providers: ['travis'],
  keys: ['token'],
  value: '[A-Za-z0-9]{22}',
  summary: 'A 22-character token assigned to TRAVIS_TOKEN / TRAVIS_API_TOKEN. Ignores build IDs and the same shape under other names.',
});

// Reference: Prefect docs, "Manage API keys" (user keys start with pnu_, service-account keys with
// pnb_, followed by 36 letters and digits; read from PREFECT_API_KEY).
export const prefectApiKey = prefixedToken({
  kind: 'prefect-api-key',
  title: 'Prefect Cloud API key',
  keywords: ['pnu_', 'pnb_'],
  pattern: /pn[ub]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/y,
  confirm: (s) => mixed(s.slice(4)),
  summary: 'pnu_ (user) or pnb_ (service account) followed by 36 letters and digits.',
});

// Reference: SettleMint docs, "Personal access tokens" and "Application access tokens" (sm_pat_,
// sm_aat_ and service sm_sat_ tokens).
export const settlemintToken = prefixedToken({
  kind: 'settlemint-token',
  title: 'SettleMint access token',
  keywords: ['sm_pat_', 'sm_aat_', 'sm_sat_'],
  pattern: /sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}(?![A-Za-z0-9_])/y,
  // Sixteen random characters mix all three classes; identifiers (sm_pat_loaderfunction1) do not.
  confirm: (s) => /[0-9]/.test(s.slice(7)) && /[a-z]/.test(s.slice(7)) && /[A-Z]/.test(s.slice(7)),
  summary: 'sm_pat_, sm_aat_ or sm_sat_ followed by 16 mixed-case letters and digits. Ignores identifiers such as sm_pat_loaderfunction1.',
});

/** user:password, 8 hex each; the password is the secret (the user names the licence). */
const CONTRIBSYS_LOGIN = '[0-9a-f]{8}:(?<secret>[0-9a-f]{8})';

// Reference: Sidekiq wiki, "Sidekiq Pro" and "Sidekiq Enterprise" installation (each licence gets
// a username:password pair of 8 hex characters each for gems.contribsys.com /
// enterprise.contribsys.com, set with bundle config or BUNDLE_GEMS__CONTRIBSYS__COM).
export const sidekiqCredentials = prefixedToken({
  kind: 'sidekiq-credentials',
  title: 'Sidekiq Pro/Enterprise gem server password',
  keywords: [
    'BUNDLE_GEMS__CONTRIBSYS__COM',
    'BUNDLE_ENTERPRISE__CONTRIBSYS__COM',
    'bundle_gems__contribsys__com',
    'bundle_enterprise__contribsys__com',
    'gems.contribsys.com',
    'enterprise.contribsys.com',
  ],
  pattern: [
    new RegExp(
      `(?:BUNDLE_(?:GEMS|ENTERPRISE)__CONTRIBSYS__COM|bundle_(?:gems|enterprise)__contribsys__com)[A-Za-z0-9_.-]{0,24}?["']?(?:[ \\t]*[:=][ \\t]*|[ \\t]+)["']?${CONTRIBSYS_LOGIN}(?![A-Za-z0-9])`,
      'y',
    ),
    // https://user:pass@gems.contribsys.com/, reached from the host by the look-back below.
    new RegExp(`${CONTRIBSYS_LOGIN}(?=@(?:gems|enterprise)\\.contribsys\\.com(?![A-Za-z0-9-]))`, 'y'),
    // bundle config --global gems.contribsys.com user:pass
    new RegExp(`(?:gems|enterprise)\\.contribsys\\.com[ \\t]+["']?${CONTRIBSYS_LOGIN}(?![A-Za-z0-9])`, 'y'),
  ],
  lookback: { chars: /[0-9a-f:@]/, max: 18 },
  summary:
    'The licence password (user:password, 8 hex each) for gems.contribsys.com or enterprise.contribsys.com, in BUNDLE_…__CONTRIBSYS__COM, bundle config or a source URL. Ignores other hosts.',
});
