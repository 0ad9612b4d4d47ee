// Publish tokens of package registries: npm and PyPI. A leaked publish token lets anyone ship code
// under your name.
import { prefixedToken } from './token.js';

// Reference: npm docs, "About access tokens" and GitHub blog "New npm token format" (2021):
// npm_ followed by 36 base62 characters.
export const npmToken = prefixedToken({
  kind: 'npm-token',
  title: 'npm access token',
  keywords: ['npm_'],
  pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y,
  summary: 'npm_ followed by 36 base62 characters. Ignores npm_config_* variables and other lengths.',
});

// Reference: PyPI docs, "Help — API tokens" (tokens are macaroons prefixed "pypi-"; the
// serialized macaroon starts with the base64 of its location, "pypi.org" → AgEIcHlwaS5vcmc,
// "test.pypi.org" → AgENdGVzdC5weXBpLm9yZw).
export const pypiToken = prefixedToken({
  kind: 'pypi-token',
  title: 'PyPI API token',
  keywords: ['pypi-AgE'],
  pattern: /pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/y,
  summary: 'pypi- followed by a macaroon for pypi.org or test.pypi.org. Ignores package names that start with pypi-.',
});
