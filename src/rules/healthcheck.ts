// healthcheck: the image declares a HEALTHCHECK that is not disabled.
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'healthcheck',
  meta: {
    category: 'metadata',
    defaultSeverity: 'error',
    description: 'The image declares a HEALTHCHECK so orchestrators can tell a hung container from a healthy one.',
    messages: {
      MISSING_HEALTHCHECK: 'no HEALTHCHECK; add e.g. HEALTHCHECK CMD ["/app/healthcheck"] so a hung container is restarted',
      HEALTHCHECK_DISABLED: 'HEALTHCHECK NONE disables the health check inherited from the base image; declare one for this image',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        const test = image.config.config?.Healthcheck?.Test ?? [];
        if (test[0] === 'NONE') context.report({ messageId: 'HEALTHCHECK_DISABLED' });
        // ["CMD"] or ["CMD-SHELL", ""] is as good as no check at all.
        else if (test.slice(1).every((part) => part.trim() === '')) context.report({ messageId: 'MISSING_HEALTHCHECK' });
      },
    };
  },
});
