import { useEffect, useState } from 'react';
import type { TemplateIssue } from '../api/api-types.ts';
import { type TemplateCheckRequest, templatesApi } from '../api/templates-api.ts';

const DEBOUNCE_MS = 450;

/** Text without `{` or `[[` holds no template, so it cannot fail; leaving it out keeps requests small. */
const holdsTemplate = (source: string) => source.includes('{') || source.includes('[[');

/**
 * Template errors of a webhook's sources, with line and column, from the server's template
 * engine (the browser has no Nunjucks): `POST /api/templates/check` once typing pauses.
 */
export function useTemplateCheck(
  request: Required<Omit<TemplateCheckRequest, 'format'>> & Pick<TemplateCheckRequest, 'format'>,
): TemplateIssue[] {
  const [issues, setIssues] = useState<TemplateIssue[]>([]);
  // A JSON or XML body is judged in its format even when it holds no template.
  const judged = (field: string, source: string) =>
    holdsTemplate(source) ||
    (field === 'config.body' &&
      source.trim() !== '' &&
      request.format !== undefined &&
      request.format !== 'text');
  // The effect keys on what would be sent, not on object identity, which changes every render.
  const body = JSON.stringify({
    sources: Object.fromEntries(
      Object.entries(request.sources).filter(([field, source]) => judged(field, source)),
    ),
    parameters: request.parameters,
    ...(request.format ? { format: request.format } : {}),
  });

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const sent = JSON.parse(body) as Required<Omit<TemplateCheckRequest, 'format'>>;
      templatesApi
        .check(sent, controller.signal)
        // Contradicting `[[ ]]` declarations come back as field `parameters`: the Parameters tab
        // shows them already, from the same parser running in the browser.
        .then((result) => setIssues(result.issues.filter((issue) => issue.field in sent.sources)))
        .catch(() => undefined); // Offline or aborted: keep the last answer rather than flash errors.
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [body]);

  return issues;
}
