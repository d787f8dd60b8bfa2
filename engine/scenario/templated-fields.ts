import { listOf, recordOf, text } from './draft-values.ts';

/** A node as far as templates go: its type and a config that may not pass its schema yet. */
export interface TemplatedNode {
  type: string;
  config: unknown;
}

/**
 * Every user-written template inside a node, with the field path the editor highlights. Reads
 * the config defensively, so the templates of a node whose other fields are still invalid are
 * checked too (a missing field is simply no template).
 */
export function templatedFields(node: TemplatedNode): { field: string; source: string }[] {
  const config = recordOf(node.config);
  const pairs = (name: string) => listOf<unknown>(config[name]).map((pair) => recordOf(pair));
  switch (node.type) {
    case 'webhook': {
      const batch = config.batch === undefined || config.batch === null ? undefined : recordOf(config.batch);
      return [
        { field: 'config.url', source: text(config.url) },
        ...pairs('query').flatMap((param, index) => [
          { field: `config.query.${index}.key`, source: text(param.key) },
          { field: `config.query.${index}.value`, source: text(param.value) },
        ]),
        ...pairs('headers').map((header, index) => ({
          field: `config.headers.${index}.value`,
          source: text(header.value),
        })),
        { field: 'config.body', source: text(config.body) },
        ...(batch ? [{ field: 'config.batch.customerTemplate', source: text(batch.customerTemplate) }] : []),
      ];
    }
    case 'wait':
      return config.mode === 'until' ? [{ field: 'config.at', source: text(config.at) }] : [];
    case 'set-attributes':
      return pairs('attributes').map((attribute, index) => ({
        field: `config.attributes.${index}.value`,
        source: text(attribute.value),
      }));
    default:
      return [];
  }
}
