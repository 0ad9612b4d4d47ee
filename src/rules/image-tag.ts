// image-tag: the image was named by "latest" or by no tag at all (dockle DKL-DI-0006). What was
// checked cannot be told from what will be deployed: "latest" moves with every push.
import { parseImageReference, parseDaemonReference, isDaemonReference } from '../reference/image-reference.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'image-tag',
  meta: {
    category: 'metadata',
    defaultSeverity: 'warning',
    description: 'The checked reference names a version tag (or a digest), not "latest" or no tag.',
    messages: {
      LATEST_TAG:
        '{{reference}} uses the "latest" tag, which moves with every push, so what passed the gate is not pinned; tag builds with a version (app:1.4.2) or a digest and check that',
      MISSING_TAG: '{{reference}} has no tag, which means "latest"; name the version (app:1.4.2) or a digest',
    },
  },
  defaultOptions: {},
  needs: {},
  create(context) {
    return {
      image(image) {
        const parsed = parseImageReference(image.reference);
        // docker://… (a registry) names the same way as the engine; archives and layouts have no tags to judge.
        const named = isDaemonReference(parsed) ? parsed : parsed.transport === 'docker' ? safeParse(parsed.raw.replace(/^\/\//, '')) : undefined;
        if (!named || named.isId || named.digest !== undefined) return;
        const last = named.raw.slice(named.raw.lastIndexOf('/') + 1);
        if (!last.includes(':')) context.report({ messageId: 'MISSING_TAG', data: { reference: image.reference } });
        else if (named.tag === 'latest') context.report({ messageId: 'LATEST_TAG', data: { reference: image.reference } });
      },
    };
  },
});

function safeParse(raw: string): ReturnType<typeof parseDaemonReference> | undefined {
  try {
    return parseDaemonReference(raw);
  } catch {
    return undefined;
  }
}
