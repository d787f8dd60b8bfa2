import { z } from 'zod';

export const PARAMETER_TYPES = [
  'string',
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'color',
  'enum',
] as const;

export type TemplateParameterType = (typeof PARAMETER_TYPES)[number];

/** Letters, digits, `_` and `-`, not starting with a digit or `-`. */
export const PARAMETER_NAME = /^[A-Za-z_][\w-]*$/;

/**
 * A bracket parameter, `[[ name : type = default ]]`, as the Parameters tab shows it and as
 * presets store it. Shared by editor, server and engine.
 */
export const TemplateParameterSchema = z
  .object({
    name: z.string().regex(PARAMETER_NAME, 'a parameter name is letters, digits, _ and -'),
    type: z.enum(PARAMETER_TYPES),
    /** The choices of an `enum(a, b)` parameter; empty for every other type. */
    options: z.array(z.string().min(1)).default([]),
    /** The text after `=`, used when no value is given. */
    default: z.string().optional(),
  })
  .refine((parameter) => (parameter.type === 'enum') === parameter.options.length > 0, {
    message: 'an enum parameter lists at least one option, other types none',
    path: ['options'],
  });

export type TemplateParameter = z.infer<typeof TemplateParameterSchema>;
