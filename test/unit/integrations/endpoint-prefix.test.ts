import { describe, expect, it } from 'vitest';
import { isUnderPrefix } from '../../../engine/integrations/index.ts';

describe('endpoint prefixes', () => {
  const prefix = 'https://secure.example.com/api/v1';

  it.each([
    ['https://secure.example.com/api/v1', true],
    ['https://secure.example.com/api/v1/', true],
    ['https://secure.example.com/api/v1/send_sms?x=1', true],
    ['https://secure.example.com/api/v10/send', false],
    ['https://secure.example.com/api/v2/send_sms', false],
    ['https://secure.example.com/api', false],
    ['http://secure.example.com/api/v1/send', false],
    ['https://secure.example.com:8443/api/v1/send', false],
    ['https://evil.example.com/api/v1/send', false],
    ['https://secure.example.com.evil.io/api/v1/send', false],
    ['https://secure.example.com/api/v1/../v2/send', false],
    ['not a url', false],
  ])('%s is under the prefix: %s', (url, expected) => {
    expect(isUnderPrefix(url, prefix)).toBe(expected);
  });
});
