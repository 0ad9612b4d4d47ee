// Tokens of source-code hosts: GitHub and GitLab.
import { prefixedToken } from './token.js';

// Reference: GitHub docs, "About authentication to GitHub — GitHub's token formats" (ghp_ personal,
// gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh; 36 base62 characters after
// the prefix) and GitHub docs "Managing your personal access tokens" (fine-grained tokens start
// with github_pat_: 22 characters, an underscore, 59 characters).
export const githubToken = prefixedToken({
  kind: 'github-token',
  title: 'GitHub token',
  trigger: 'gh[pousr]_|github_pat_',
  pattern: /(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/y,
});

// Reference: GitLab docs, "GitLab token overview — Token prefixes" (glpat- personal/project/group
// access tokens, gldt- deploy tokens, glrt- runner tokens, glptt- pipeline trigger tokens; 20
// characters in the classic format, longer with dot-separated routing parts in newer releases).
export const gitlabToken = prefixedToken({
  kind: 'gitlab-token',
  title: 'GitLab token',
  trigger: 'gl(?:pat|dt|rt|ptt)-',
  pattern: /gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,64}){0,3}(?![A-Za-z0-9_.-])/y,
});
