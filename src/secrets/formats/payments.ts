// Payment APIs: Stripe secret keys. These keys move money or read customers' financial data.
import { prefixedToken } from './token.js';

// Reference: Stripe docs, "API keys" (secret keys sk_live_…/sk_test_…, restricted keys
// rk_live_…/rk_test_…). Live keys move real money; test keys are reported as their own kind.
export const stripeLiveKey = prefixedToken({
  kind: 'stripe-secret-key',
  title: 'Stripe live secret key',
  keywords: ['sk_live_', 'rk_live_'],
  pattern: /[rs]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/y,
  summary: 'Live secret (sk_live_) and restricted (rk_live_) keys. Ignores publishable keys (pk_live_), which are public by design.',
});

// Reference: Stripe docs, "API keys — Test mode and live mode keys" (sk_test_/rk_test_ reach test data only).
export const stripeTestKey = prefixedToken({
  kind: 'stripe-test-key',
  title: 'Stripe test secret key',
  severity: 'warning',
  keywords: ['sk_test_', 'rk_test_'],
  pattern: /[rs]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/y,
  summary: 'Test-mode secret and restricted keys. A warning: they reach test data only and move no money.',
});
