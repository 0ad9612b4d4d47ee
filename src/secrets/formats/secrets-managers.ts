// Credentials of secret managers and encryption tools: HashiCorp Vault, Doppler, 1Password (service
// accounts and account Secret Keys), age.
// One of these unlocks every other secret it guards.
import { assigned, prefixedToken } from './token.js';

// Reference: HashiCorp Vault docs, "Tokens — Token prefixes" (hvs. service, hvb. batch, hvr.
// recovery tokens since Vault 1.10; before that service tokens were s.<24 characters>, which only
// count next to a VAULT_TOKEN name or the X-Vault-Token header).
// A legacy token under a plain `token` key (`token: s.…`, Vault agent and CLI configs) is told from
// member access (`s.makeKubeConfigController`) by its mix of digits and both cases.
const LEGACY_UNDER_TOKEN = /(?:token|Token|TOKEN)["']?[ \t]*[:=][ \t]*["']?(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9_.-])/y;
const generated = (s: string): boolean => !s.startsWith('s.') || (/[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s));

export const vaultToken = prefixedToken({
  kind: 'vault-token',
  title: 'HashiCorp Vault token',
  keywords: [
    'hvs.',
    'hvb.',
    'hvr.',
    'VAULT_TOKEN',
    'vault_token',
    'vaultToken',
    'VaultToken',
    'X-Vault-Token',
    'token: s.',
    'token=s.',
    'token = s.',
    'token: "s.',
    "token: 's.",
    'token="s.',
    'TOKEN=s.',
    'TOKEN: s.',
    'TOKEN="s.',
  ],
  pattern: [
    /hv[sbr]\.[A-Za-z0-9_-]{24,400}(?![A-Za-z0-9_.-])/y,
    assigned('VAULT_TOKEN|vault_token|vaultToken|VaultToken|X-Vault-Token', 's\\.[A-Za-z0-9]{24}'),
    LEGACY_UNDER_TOKEN,
  ],
  confirm: generated,
  summary:
    'hvs./hvb./hvr. tokens (24+ characters), and legacy s.<24> tokens assigned to VAULT_TOKEN, vaultToken or a plain token key, or sent as X-Vault-Token, when they mix digits and both cases. Ignores s.<…> anywhere else (member access such as s.makeKubeConfigController).',
});

// Reference: Doppler docs, "API — Authentication" (CLI dp.ct., personal dp.pt., service dp.st.
// (with the config name), service account dp.sa., SCIM dp.scim. and audit dp.audit. tokens).
export const dopplerToken = prefixedToken({
  kind: 'doppler-token',
  title: 'Doppler token',
  keywords: ['dp.ct.', 'dp.pt.', 'dp.st.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
  pattern: /dp\.(?:ct|pt|st|sa|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}(?![A-Za-z0-9])/y,
  summary: 'dp.ct./dp.pt./dp.st.[config.]/dp.sa./dp.scim./dp.audit. followed by 40–44 characters.',
});

// Reference: 1Password Developer docs, "Service accounts" (service account tokens start with ops_
// followed by base64 JSON).
export const onepasswordServiceAccountToken = prefixedToken({
  kind: 'onepassword-service-account-token',
  title: '1Password service account token',
  keywords: ['ops_eyJ'],
  pattern: /ops_eyJ[A-Za-z0-9+/=_-]{100,2000}(?![A-Za-z0-9+/=_-])/y,
  summary: 'ops_ followed by 100+ characters of base64 JSON. Ignores other ops_ identifiers.',
});

// Reference: age specification (C2SP "age" v1, "X25519 recipient stanza": identities are Bech32
// strings with the AGE-SECRET-KEY- HRP, upper-case, 1 separator then 58 data characters).
export const ageSecretKey = prefixedToken({
  kind: 'age-secret-key',
  title: 'age secret key',
  keywords: ['AGE-SECRET-KEY-1'],
  pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])/y,
  summary: 'AGE-SECRET-KEY-1 followed by 58 Bech32 characters. Ignores public recipients (age1…).',
});

/** The Secret Key 1Password prints in its own help pages ("A3-" + account ID + 26 characters). */
const ONEPASSWORD_DOC_SAMPLE = /^A3-ASWWYB-/;

// Reference: 1Password Support, "About your Secret Key" (A3-, a 6-character account ID, then 26
// characters in groups of 6 and 5; with the account password it decrypts the whole vault).
export const onepasswordSecretKey = prefixedToken({
  kind: 'onepassword-secret-key',
  title: '1Password account Secret Key',
  keywords: ['A3-'],
  pattern: /A3-[A-Z0-9]{6}-(?:(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}|[A-Z0-9]{26})(?![A-Za-z0-9-])/y,
  allow: [ONEPASSWORD_DOC_SAMPLE],
  confirm: (s) => /[0-9]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)),
  summary: 'A3-<6>-<26> account Secret Keys, grouped with dashes (6-5 or 11, then 5-5-5) or not. Ignores the sample key in 1Password’s help pages.',
});
