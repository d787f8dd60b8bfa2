import { describe, expect, it } from 'vitest';
import { staticUrlProblem } from '../../../engine/scenario/static-url.ts';
import { EgressPolicy } from '../../../engine/webhook/index.ts';

const HINT = '; webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it';
const policy = new EgressPolicy(['127.0.0.1', 'hooks.internal']);

describe('static webhook URLs', () => {
  it.each([
    ['file:///etc/passwd', 'only http and https URLs can be called, not file:'],
    ['FTP://files.example.com/x', 'only http and https URLs can be called, not ftp:'],
    ['gopher://{{ host }}/x', 'only http and https URLs can be called, not gopher:'],
    ['http://10.0.0.1/', `10.0.0.1 is a private network address${HINT}`],
    ['https://169.254.169.254/latest/meta-data/', `169.254.169.254 is a link-local address${HINT}`],
    ['http://0xa9.254.169.254/', `169.254.169.254 is a link-local address${HINT}`],
    ['http://2130706434:8080/{{ customer.id }}', `127.0.0.2 is a loopback address (this machine)${HINT}`],
    ['http://%31%30.0.0.1/', `10.0.0.1 is a private network address${HINT}`],
    [
      'http://user:pw@[fd00::1]:81/x?y#z',
      `fd00::1 is a unique local address (a private IPv6 network)${HINT}`,
    ],
    [
      'http://[::ffff:192.168.1.1]/',
      `::ffff:c0a8:101 embeds the IPv4 address 192.168.1.1, which is a private network address${HINT}`,
    ],
    ['example.com/hook', '"example.com/hook" is not an absolute URL: start it with https:// and a host'],
    ['https://', '"https://" is not an absolute URL: start it with https:// and a host'],
  ])('reports %s', (url, problem) => {
    expect(staticUrlProblem(url, policy)).toBe(problem);
  });

  it.each([
    'https://api.example.com/v1/{{ customer.id }}?x={{ event.type }}',
    'http://127.0.0.1:3000/allowed',
    'http://hooks.internal/allowed-by-name',
    'https://localhost/a-name-is-judged-when-resolved',
    'https://8.8.8.8/',
    // Templates in scheme, host or port: judged when a run renders them.
    '{{ base_url }}/send',
    'https://{{ customer.region }}.api.example.com/',
    'https://api.example.com{{ suffix }}/x',
    'http://10.0.0.1:{{ port }}/',
    'http://{# a comment #}10.0.0.1/',
    '{% if x %}http://10.0.0.1{% endif %}/x',
  ])('leaves %s to send time or allows it', (url) => {
    expect(staticUrlProblem(url, policy)).toBeNull();
  });
});
