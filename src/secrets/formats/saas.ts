// Tokens of SaaS APIs: Slack bot/user tokens and webhooks, Stripe secret keys.
import { prefixedToken } from './token.js';

// Reference: Slack API docs, "Token types" (xoxb- bot, xoxp- user, xoxa- app/workspace, xoxr-
// refresh, xoxs- legacy session tokens; dash-separated numeric IDs then a random part).
export const slackToken = prefixedToken({
  kind: 'slack-token',
  title: 'Slack token',
  trigger: 'xox[abprs]-',
  pattern: /xox[abprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+){1,5}(?![A-Za-z0-9-])/y,
  // Docs write xoxb-your-token; real tokens carry long numeric team/user IDs.
  confirm: (s) => s.length >= 24 && (s.match(/[0-9]/g)?.length ?? 0) >= 8,
});

// Reference: Slack API docs, "Sending messages using incoming webhooks" (the webhook URL
// https://hooks.slack.com/services/T…/B…/… is itself the credential).
export const slackWebhook = prefixedToken({
  kind: 'slack-webhook',
  title: 'Slack incoming webhook URL',
  trigger: 'hooks\\.slack\\.com/',
  pattern: /hooks\.slack\.com\/services\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/y,
});

// Reference: Stripe docs, "API keys" (secret keys sk_live_…/sk_test_…, restricted keys
// rk_live_…/rk_test_…). Live keys move real money; test keys are reported as their own kind.
export const stripeLiveKey = prefixedToken({
  kind: 'stripe-secret-key',
  title: 'Stripe live secret key',
  trigger: '[rs]k_live_',
  pattern: /[rs]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/y,
});

export const stripeTestKey = prefixedToken({
  kind: 'stripe-test-key',
  title: 'Stripe test secret key',
  trigger: '[rs]k_test_',
  pattern: /[rs]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/y,
});
