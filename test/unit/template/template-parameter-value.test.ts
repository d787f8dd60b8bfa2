import { describe, expect, it } from 'vitest';
import {
  extractParameters,
  invalidParameters,
  type ParameterValue,
  parameterValueProblem,
  type TemplateParameter,
} from '../../../engine/template/template-parameters.ts';

const typed = (declaration: string): TemplateParameter => extractParameters(`[[ ${declaration} ]]`)[0]!;

describe('parameter values against their types', () => {
  it.each<[string, ParameterValue[], [ParameterValue, string][]]>([
    ['x : string', ['', 'any text', 42, true], []],
    ['x : text', ['line\nbreak', '{{ customer.id }}'], []],
    [
      'x : number',
      [42, -1.5, 0, 1e21, '42', '-0.5', '1e3', '0'],
      [
        ['nine', '"nine" is not a number (such as 42 or -1.5)'],
        [' 42', '" 42" is not a number (such as 42 or -1.5)'],
        ['0x2A', '"0x2A" is not a number (such as 42 or -1.5)'],
        ['042', '"042" is not a number (such as 42 or -1.5)'],
        ['Infinity', '"Infinity" is not a number (such as 42 or -1.5)'],
        [true, '"true" is not a number (such as 42 or -1.5)'],
      ],
    ],
    [
      'x : boolean',
      [true, false, 'true', 'false'],
      [
        ['maybe', '"maybe" is not true or false'],
        ['True', '"True" is not true or false'],
        [1, '"1" is not true or false'],
      ],
    ],
    [
      'x : date',
      ['2024-02-29', '2026-12-31'],
      [
        ['2023-02-29', '"2023-02-29" is not a date (YYYY-MM-DD)'],
        ['2024-13-01', '"2024-13-01" is not a date (YYYY-MM-DD)'],
        ['01/02/2024', '"01/02/2024" is not a date (YYYY-MM-DD)'],
        ['2024-05-01T10:00', '"2024-05-01T10:00" is not a date (YYYY-MM-DD)'],
      ],
    ],
    [
      'x : datetime',
      ['2024-05-01T10:00', '2024-05-01T10:00:59', '2024-05-01T10:00:00.123Z', '2024-05-01T23:59+02:00'],
      [
        ['2024-05-01', expect.stringContaining('"2024-05-01" is not a date and time (YYYY-MM-DDTHH:MM')],
        ['2024-02-30T10:00', expect.stringContaining('is not a date and time')],
        ['2024-05-01T24:00', expect.stringContaining('is not a date and time')],
        ['tomorrow', expect.stringContaining('is not a date and time')],
      ],
    ],
    [
      'x : color',
      ['#1a2B3c', '#fff'],
      [
        ['red', '"red" is not a colour (#rrggbb or #rgb)'],
        ['#12345', '"#12345" is not a colour (#rrggbb or #rgb)'],
      ],
    ],
    [
      'x : enum(sms, email)',
      ['sms', 'email'],
      [
        ['fax', '"fax" is not one of sms, email'],
        ['SMS', '"SMS" is not one of sms, email'],
        ['', '"" is not one of sms, email'],
      ],
    ],
  ])('[[ %s ]]', (declaration, fitting, refused) => {
    const parameter = typed(declaration);
    expect(fitting.map((value) => parameterValueProblem(parameter, value))).toEqual(fitting.map(() => null));
    for (const [value, problem] of refused) expect(parameterValueProblem(parameter, value)).toEqual(problem);
  });

  it('names the parameter and says when its default is at fault; missing values are not its concern', () => {
    const parameters = extractParameters(
      '[[ channel : enum(sms, email) ]] [[ count : number = nine ]] [[ on : boolean = true ]] [[ due : date ]] [[ note : number = ]]',
    );
    expect(invalidParameters(parameters, { channel: 'fax', on: 'maybe', due: '' })).toEqual([
      { name: 'channel', message: 'parameter "channel": "fax" is not one of sms, email' },
      {
        name: 'count',
        message: 'parameter "count": its default "nine" is not a number (such as 42 or -1.5)',
      },
      { name: 'on', message: 'parameter "on": "maybe" is not true or false' },
    ]);
    expect(invalidParameters(parameters, { channel: 'sms', count: 3 })).toEqual([]);
  });
});
