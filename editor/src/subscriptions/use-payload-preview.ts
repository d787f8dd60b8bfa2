import { useEffect, useState } from 'react';
import { type PayloadPreview, subscriptionsApi } from '../api/subscriptions-api.ts';

const DEBOUNCE_MS = 400;

/**
 * What a payload template sends for a sample event and customer, from the server's JSON-output
 * engine (the browser has no Nunjucks), once typing pauses. `null` until the first answer. An
 * answer about an older text keeps its body but not its issue: a fixed or reset template must
 * not stay marked wrong until the next answer.
 */
export function usePayloadPreview(type: string, template: string | undefined): PayloadPreview | null {
  const [answer, setAnswer] = useState<{ template: string | undefined; preview: PayloadPreview } | null>(
    null,
  );
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      subscriptionsApi
        .preview(template === undefined ? { type } : { type, template }, controller.signal)
        .then((preview) => setAnswer({ template, preview }))
        .catch(() => undefined); // Offline or aborted: keep the last answer.
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [type, template]);
  if (!answer) return null;
  return answer.template === template ? answer.preview : { body: answer.preview.body, issue: null };
}
