// Tokens of source-code hosts: GitHub, GitLab, Bitbucket.
import { keyedToken, mixed } from './keyed.js';
import { hasCrc32Checksum } from './checksum.js';
import { prefixedToken } from './token.js';

// Reference: GitHub docs, "About authentication to GitHub — GitHub's token formats" (ghp_ personal,
// gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh; 36 base62 characters after
// the prefix) and GitHub docs "Managing your personal access tokens" (fine-grained tokens start
// with github_pat_: 22 characters, an underscore, 59 characters).
export const githubToken = prefixedToken({
  kind: 'github-token',
  title: 'GitHub token',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern: /(?:gh[pousr]_[A-Za-z0-9]{36}|ghr_[A-Za-z0-9]{76}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/y,
  checksum: (token) => hasCrc32Checksum(token),
  summary:
    'ghp_/gho_/ghu_/ghs_ (GitHub App installation) /ghr_ with 36 base62 characters (refresh tokens also with 76), and fine-grained github_pat_ tokens. A token whose last 6 characters are the CRC32 of the 30 before is reported even when it looks like filler. Ignores other gh?_ prefixes, wrong lengths and filler such as ghp_xxxx….',
});

// Reference: GitLab docs, "GitLab token overview — Token prefixes" (glpat- personal/project/group
// access tokens, gldt- deploy tokens, glrt- runner authentication tokens, glptt- pipeline trigger
// tokens, gloas- OAuth application secrets, glft- feed tokens, glimt- incoming mail tokens,
// glagent- agent for Kubernetes tokens, glsoat- SCIM tokens, glffct- feature flag client tokens; 20
// characters in the classic format, longer with dot-separated routing parts in newer releases).
export const gitlabToken = prefixedToken({
  kind: 'gitlab-token',
  title: 'GitLab token',
  keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'gloas-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-'],
  pattern: /gl(?:pat|dt|rt|ptt|oas|ft|imt|agent|soat|ffct)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,64}){0,3}(?![A-Za-z0-9_.-])/y,
  summary:
    'The prefixed GitLab tokens (glpat-, gldt-, glrt-, glptt-, gloas-, glft-, glimt-, glagent-, glsoat-, glffct-) with 20+ characters. Ignores shorter strings and unprefixed legacy tokens.',
});

// Reference: GitLab docs, "GitLab token overview — CI/CD job tokens" (prefix glcbt-; the token
// lives only while its job runs, so one found later has normally expired).
export const gitlabCiJobToken = prefixedToken({
  kind: 'gitlab-ci-job-token',
  title: 'GitLab CI/CD job token',
  severity: 'warning',
  keywords: ['glcbt-'],
  pattern: /glcbt-[A-Za-z0-9_.-]{20,2000}(?![A-Za-z0-9_.-])/y,
  summary: 'glcbt- followed by 20+ characters (classic or JWT form). A warning: job tokens expire when their job ends.',
});

// Reference: GitLab docs, "Runner registration tokens (deprecated)" and "GitLab token overview"
// (registration tokens start with GR1348941, then 20 characters).
export const gitlabRunnerRegistrationToken = prefixedToken({
  kind: 'gitlab-runner-registration-token',
  title: 'GitLab runner registration token',
  keywords: ['GR1348941'],
  pattern: /GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y,
  summary: 'GR1348941 followed by 20 URL-safe characters. Ignores other lengths.',
});

// Reference: Atlassian Support, "Bitbucket Cloud — App passwords" and Atlassian's confirmation of
// Bitbucket token prefixes (app passwords start with ATBB).
export const bitbucketAppPassword = prefixedToken({
  kind: 'bitbucket-app-password',
  title: 'Bitbucket app password',
  keywords: ['ATBB'],
  pattern: /ATBB[A-Za-z0-9]{32,40}(?![A-Za-z0-9])/y,
  confirm: (s) => /[0-9]/.test(s.slice(4)) && /[a-z]/.test(s.slice(4)),
  summary: 'ATBB followed by 32–40 letters and digits. Ignores shorter runs and single-case words.',
});

// Reference: Bitbucket Cloud docs, "Access tokens" (repository, project and workspace access
// tokens start with ATCTT3xFfGN0).
export const bitbucketAccessToken = prefixedToken({
  kind: 'bitbucket-access-token',
  title: 'Bitbucket access token',
  keywords: ['ATCTT3xFfGN0'],
  pattern: /ATCTT3xFfGN0[A-Za-z0-9_=-]{50,250}(?![A-Za-z0-9_=-])/y,
  summary: 'ATCTT3xFfGN0 followed by 50–250 URL-safe characters (repository, project and workspace tokens).',
});

// Reference: Bitbucket Cloud docs, "OAuth on Bitbucket Cloud" (consumer key and a 32–64 character
// secret, used for client-credentials grants).
export const bitbucketClientSecret = keyedToken({
  kind: 'bitbucket-client-secret',
  title: 'Bitbucket OAuth consumer secret',
  providers: ['bitbucket'],
  value: '[A-Za-z0-9_-]{32,64}',
  // App passwords (ATBB…) have their own rule.
  confirm: (s) => mixed(s) && !s.startsWith('ATBB'),
  summary:
    '32–64 URL-safe characters, letters and digits mixed, assigned to BITBUCKET_CLIENT_SECRET / a bitbucket…secret/key/token name (the consumer key and secret).',
});

// Reference: GitLab docs, "Session cookie" (_gitlab_session: 32 hex characters; whoever holds it
// is logged in as the user).
export const gitlabSessionCookie = prefixedToken({
  kind: 'gitlab-session-cookie',
  title: 'GitLab session cookie',
  keywords: ['_gitlab_session='],
  pattern: /_gitlab_session=(?<secret>[a-z0-9]{32})(?![A-Za-z0-9])/y,
  notAfter: /(?!)/,
  summary: '_gitlab_session= followed by 32 lower-case letters and digits: a logged-in browser session.',
});
