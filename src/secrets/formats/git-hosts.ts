// Tokens of source-code hosts: GitHub and GitLab.
import { prefixedToken } from './token.js';

// Reference: GitHub docs, "About authentication to GitHub — GitHub's token formats" (ghp_ personal,
// gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh; 36 base62 characters after
// the prefix) and GitHub docs "Managing your personal access tokens" (fine-grained tokens start
// with github_pat_: 22 characters, an underscore, 59 characters).
export const githubToken = prefixedToken({
  kind: 'github-token',
  title: 'GitHub token',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern: /(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/y,
  summary: 'ghp_/gho_/ghu_/ghs_/ghr_ with 36 base62 characters, and fine-grained github_pat_ tokens. Ignores other gh?_ prefixes, wrong lengths and filler such as ghp_xxxx….',
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
  summary: 'The prefixed GitLab tokens (glpat-, gldt-, glrt-, glptt-, gloas-, glft-, glimt-, glagent-, glsoat-, glffct-) with 20+ characters. Ignores shorter strings and unprefixed legacy tokens.',
});
