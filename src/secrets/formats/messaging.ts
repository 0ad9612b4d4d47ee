// Chat APIs: Slack tokens and webhooks. A leaked token posts (phishing, spam) in the owner's name.
import { prefixedToken } from './token.js';

// Reference: Slack API docs, "Token types" (xoxb- bot, xoxp- user, xoxa- app/workspace, xoxr-
// refresh, xoxs- legacy session tokens; dash-separated numeric IDs then a random part; xoxe.xoxp-
// and xoxe- are the rotating and refresh forms of token rotation).
export const slackToken = prefixedToken({
  kind: 'slack-token',
  title: 'Slack token',
  keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxe.xox', 'xoxe-'],
  pattern: /(?:xoxe\.)?xox[abeprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+){1,5}(?![A-Za-z0-9-])/y,
  // Docs write xoxb-your-token; real tokens carry long numeric team/user IDs.
  confirm: (s) => s.length >= 24 && (s.match(/[0-9]/g)?.length ?? 0) >= 8,
  summary: 'Bot, user, app, refresh, session and rotating tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-). Ignores documentation forms such as xoxb-your-token.',
});

// Reference: Slack API docs, "Sending messages using incoming webhooks" (the webhook URL
// https://hooks.slack.com/services/T…/B…/… is itself the credential) and Slack Help "Workflow
// Builder — webhook triggers" (hooks.slack.com/workflows/… and /triggers/… URLs).
export const slackWebhook = prefixedToken({
  kind: 'slack-webhook',
  title: 'Slack webhook URL',
  keywords: ['hooks.slack.com/'],
  pattern:
    /hooks\.slack\.com\/(?:services\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,32}|(?:workflows|triggers)\/[A-Z0-9]{8,12}\/(?:[A-Z0-9]{8,12}\/)?\d{8,24}\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/y,
  notAfter: /[A-Za-z0-9-]/,
  summary: 'Incoming-webhook (services/T…/B…/…) and workflow (workflows/…, triggers/…) URLs. Ignores URLs cut before their secret part.',
});
