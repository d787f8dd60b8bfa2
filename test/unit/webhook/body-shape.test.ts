import { describe, expect, it } from 'vitest';
import { staticBodyProblem } from '../../../engine/webhook/index.ts';

describe('judging a body template in its format before any run', () => {
  it('lets expressions and parameters stand wherever a value may', () => {
    for (const body of [
      '{"id": {{ customer.id | tojson }}, "hi": "Hi {{ customer.name }}"}',
      '{"n": [[ n : number ]], "tone": "[[ tone = warm ]]", "flag": [[ on : boolean ]]}',
      '[[true]]',
      '',
    ])
      expect(staticBodyProblem(body, 'json'), body).toBeNull();
    expect(staticBodyProblem('<a id="{{ customer.id }}">[[ text ]]</a>', 'xml')).toBeNull();
  });

  it('says where the body breaks, in the lines and columns of the text as written', () => {
    expect(staticBodyProblem('{"to": {{ customer.id | tojson }}', 'json')).toEqual({
      message: "not valid JSON: Expected ',' or '}' after property value (line 1, column 34)",
      line: 1,
      column: 34,
    });
    expect(staticBodyProblem('{\n  "a": {{ x }},\n  "b": [[ b ]],\n}', 'json')).toMatchObject({
      line: 4,
      column: 1,
    });
    expect(staticBodyProblem('<a>{{ x }}</b>', 'xml')).toMatchObject({
      message: expect.stringMatching(/^not well-formed XML: .*closing tag 'b'/),
      line: 1,
      column: 11,
    });
  });

  it('uses the values given, then the defaults, before standing in', () => {
    expect(staticBodyProblem('{"a": [[ raw ]]}', 'json', { raw: '{"x": 1}' })).toBeNull();
    expect(staticBodyProblem('{"a": [[ raw ]]}', 'json', { raw: '{"x": ' })).not.toBeNull();
    expect(staticBodyProblem('{"a": [[ raw = [1, ]]}', 'json')).not.toBeNull();
  });

  it('leaves bodies with tags or comments, text bodies and contradicting parameters to the render', () => {
    expect(staticBodyProblem('[{% for c in customers %}{{ c }},{% endfor %}]', 'json')).toBeNull();
    expect(staticBodyProblem('{"a": {# later #}}', 'json')).toBeNull();
    expect(staticBodyProblem('{"a": ', 'text')).toBeNull();
    expect(staticBodyProblem('{"a": [[ x : number ]], "b": "[[ x : text ]]"', 'json')).toBeNull();
  });
});
