import type { SetAttributesNode } from '../scenario/node-schemas.ts';
import type { TemplateEngine } from '../template/index.ts';
import { AttributeValueError } from './attribute-error.ts';

type Attribute = SetAttributesNode['config']['attributes'][number];

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

/**
 * The attributes a set-attributes node writes for one customer: each value template rendered
 * and converted to its kind. Throws AttributeValueError naming the field at fault.
 */
export function renderAttributes(options: {
  node: SetAttributesNode;
  context: Record<string, unknown>;
  templates: TemplateEngine;
}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  options.node.config.attributes.forEach((attribute, index) => {
    const field = `config.attributes.${index}.value`;
    let text: string;
    try {
      text = options.templates.compile(attribute.value).render(options.context);
    } catch (error) {
      throw new AttributeValueError(field, (error as Error).message);
    }
    values[attribute.key] = convert(text, attribute, field);
  });
  return values;
}

function convert(text: string, { key, as: kind }: Attribute, field: string): unknown {
  if (kind === 'text') return text;
  const trimmed = text.trim();
  const quoted = `"${trimmed.slice(0, 100)}"`;
  if (kind === 'number') {
    const number = trimmed === '' ? Number.NaN : Number(trimmed);
    if (!Number.isFinite(number)) throw new AttributeValueError(field, `${key}: ${quoted} is not a number`);
    return number;
  }
  const flag = BOOLEAN_WORDS[trimmed.toLowerCase()];
  if (flag === undefined)
    throw new AttributeValueError(field, `${key}: ${quoted} is not true or false (nor yes/no, 1/0)`);
  return flag;
}
