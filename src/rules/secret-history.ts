// secret-history: credentials in the build history — build args and commands recorded forever in the image config.
import { buildArgs } from '../image/build-args.js';
import type { ImageConfig } from '../image/image-config.js';
import { scanEnv, scanValue, type SecretMatch } from '../secrets/index.js';
import { defineRule } from './define-rule.js';

type MessageId = 'SECRET_IN_BUILD_ARG' | 'SECRET_IN_HISTORY';

interface Sighting {
  messageId: MessageId;
  match: SecretMatch;
  key: string;
  steps: number[];
}

// `ENV K=V` and `LABEL K=V` steps (legacy builder: `/bin/sh -c #(nop)  ENV …`).
const METADATA_STEP = /^(?:\/bin\/sh -c #\(nop\)\s+)?(ENV|LABEL)\s/;

/**
 * Values the final config still carries in Env or Labels. A secret in an ENV or
 * LABEL history step whose value is still there is reported by secret-env or
 * secret-label; reporting it here again would count one leak twice. A value
 * that a later ENV overwrote is only in the history, and is reported here.
 */
function liveMetadataValues(config: ImageConfig): { env: Set<string>; labels: Set<string> } {
  const env = new Set<string>();
  for (const entry of config.config?.Env ?? []) {
    const eq = entry.indexOf('=');
    if (eq >= 0) env.add(entry.slice(eq + 1));
  }
  return { env, labels: new Set(Object.values(config.config?.Labels ?? {})) };
}

/** "step 4" or "steps 4, 5, 6" — one finding per secret, however many steps repeat it. */
function describeSteps(steps: number[]): string {
  return steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`;
}

export default defineRule({
  id: 'secret-history',
  meta: {
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'No credential is recorded in the image history (build args, RUN commands).',
    messages: {
      SECRET_IN_BUILD_ARG:
        '{{title}} in build arg {{key}}, recorded in history {{steps}}: {{masked}}; build args are stored in the image — use a BuildKit secret mount (RUN --mount=type=secret) and rotate it',
      SECRET_IN_HISTORY:
        '{{title}} in the command of history {{steps}}: {{masked}}; the command line is stored in the image — use a BuildKit secret mount and rotate it',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        const live = liveMetadataValues(image.config);
        // A build arg is repeated in the line of every RUN after its ARG: group by
        // kind, key and secret so each leaked value is one finding.
        const sightings = new Map<string, Sighting>();
        const see = (messageId: MessageId, match: SecretMatch, step: number, key = ''): void => {
          const id = `${messageId}\0${key}\0${match.secret}`;
          const known = sightings.get(id);
          if (known === undefined) sightings.set(id, { messageId, match, key, steps: [step] });
          else if (known.steps.at(-1) !== step) known.steps.push(step);
        };
        (image.config.history ?? []).forEach((entry, step) => {
          const line = entry.created_by ?? '';
          const args = buildArgs(line);
          const argSecrets = new Set<string>();
          for (const { key, value } of args) {
            for (const match of scanEnv(key, value)) {
              argSecrets.add(match.secret);
              see('SECRET_IN_BUILD_ARG', match, step, key);
            }
          }
          const metadata = METADATA_STEP.exec(line)?.[1];
          const stillLive = metadata === 'ENV' ? live.env : metadata === 'LABEL' ? live.labels : undefined;
          for (const match of scanValue(line)) {
            if (argSecrets.has(match.secret)) continue;
            if (stillLive !== undefined && [...stillLive].some((value) => value.includes(match.secret))) continue;
            see('SECRET_IN_HISTORY', match, step);
          }
        });
        for (const { messageId, match, key, steps } of sightings.values()) {
          const { secret, data } = context.maskSecret(match);
          context.report({
            messageId,
            data: { steps: describeSteps(steps), key, ...data },
            location: { historyIndex: steps[0] },
            secret,
            ...(match.severity ? { severity: match.severity } : {}),
          });
        }
      },
    };
  },
});
