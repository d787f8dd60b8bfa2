import { useEffect, useState } from 'react';
import { scenariosApi } from '../api/scenarios-api.ts';
import { listOf, text } from '../inspector/config-values.ts';

const DEBOUNCE_MS = 450;

/**
 * Template errors of one webhook node, by field, from the server (the editor cannot run the
 * server's Nunjucks checks). Unfinished non-template fields are filled with placeholders so the
 * strict schema lets the template check run while the user is still typing.
 */
export function useTemplateIssues(nodeId: string, config: Record<string, unknown>): Record<string, string> {
  const [issues, setIssues] = useState<Record<string, string>>({});
  const url = text(config.url);
  const body = text(config.body);
  const headerValues = JSON.stringify(
    listOf<{ value?: unknown }>(config.headers).map((header) => text(header.value)),
  );

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const headers = (JSON.parse(headerValues) as string[]).map((value, index) => ({
        key: `x-h${index}`,
        value,
      }));
      const node = {
        id: nodeId,
        type: 'webhook',
        config: { method: 'POST', url: url.trim() || 'https://example.invalid/', headers, body },
      };
      scenariosApi
        .validate({ nodes: [node], edges: [] }, controller.signal)
        .then((result) => {
          const found: Record<string, string> = {};
          for (const issue of result.issues) {
            if (
              issue.nodeId === nodeId &&
              issue.field?.startsWith('config.') &&
              /template/i.test(issue.message)
            ) {
              found[issue.field] = issue.message;
            }
          }
          setIssues(found);
        })
        .catch(() => undefined); // Offline or aborted: keep the last answer rather than flash errors.
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [nodeId, url, body, headerValues]);

  return issues;
}
