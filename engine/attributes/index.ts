export { AttributeValueError } from './attribute-error.ts';
export { renderAttributes } from './render-attributes.ts';
