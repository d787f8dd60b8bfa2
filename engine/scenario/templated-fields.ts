import type { ScenarioNode } from './node-schemas.ts';

/** Every user-written template inside a node, with the field path the editor highlights. */
export function templatedFields(node: ScenarioNode): { field: string; source: string }[] {
  switch (node.type) {
    case 'webhook':
      return [
        { field: 'config.url', source: node.config.url },
        ...node.config.query.flatMap((param, index) => [
          { field: `config.query.${index}.key`, source: param.key },
          { field: `config.query.${index}.value`, source: param.value },
        ]),
        ...node.config.headers.map((header, index) => ({
          field: `config.headers.${index}.value`,
          source: header.value,
        })),
        { field: 'config.body', source: node.config.body },
        ...(node.config.batch
          ? [{ field: 'config.batch.customerTemplate', source: node.config.batch.customerTemplate }]
          : []),
      ];
    case 'wait':
      return node.config.mode === 'until' ? [{ field: 'config.at', source: node.config.at }] : [];
    case 'set-attributes':
      return node.config.attributes.map((attribute, index) => ({
        field: `config.attributes.${index}.value`,
        source: attribute.value,
      }));
    default:
      return [];
  }
}
