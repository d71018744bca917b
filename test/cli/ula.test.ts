import { Cidr } from '../../lib/net/cidr';
import { runCli } from './support/fake-io';

/** A deterministic byte source: each call returns the next 5 bytes of a counter. */
function counter() {
  let n = 0;
  return (len: number) => Uint8Array.from({ length: len }, () => (n++ * 37 + 11) & 0xff);
}

describe('ula', () => {
  test('--format json: a /48 in fd00::/8 from the injected random source, with pods and services inside it', () => {
    const r = runCli(['ula', '--format', 'json'], { random: () => Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a]) });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual({
      prefix: 'fd12:3456:789a::/48',
      podCidr: 'fd12:3456:789a::/52',
      nodeMaskIPv6: 64,
      serviceCidr: 'fd12:3456:789a:ffff::/112',
      nodesPossible: '4096',
      clusterIPs: '65535',
      kubernetesServiceIP: 'fd12:3456:789a:ffff::1',
      dnsServiceIP: 'fd12:3456:789a:ffff::a',
    });
    const prefix = Cidr.parse(json.prefix);
    expect(prefix.prefix).toBe(48);
    expect(Cidr.parse('fd00::/8').contains(prefix)).toBe(true);
    expect(prefix.contains(Cidr.parse(json.podCidr))).toBe(true);
    expect(prefix.contains(Cidr.parse(json.serviceCidr))).toBe(true);
    expect(Cidr.parse(json.podCidr).overlaps(Cidr.parse(json.serviceCidr))).toBe(false);
  });

  test('is random: two runs give different prefixes', () => {
    const random = counter();
    const a = JSON.parse(runCli(['ula', '--format', 'json'], { random }).stdout).prefix;
    const b = JSON.parse(runCli(['ula', '--format', 'json'], { random }).stdout).prefix;
    expect(a).not.toBe(b);
    expect([a, b].every((p: string) => Cidr.parse('fd00::/8').contains(Cidr.parse(p)))).toBe(true);
  });

  test('uses crypto randomness by default', () => {
    const a = JSON.parse(runCli(['ula', '--format', 'json']).stdout).prefix;
    const b = JSON.parse(runCli(['ula', '--format', 'json']).stdout).prefix;
    expect(a).toMatch(/^fd[0-9a-f]{2}:/);
    expect(a).not.toBe(b);
  });

  test('text output shows the split and a spec snippet', () => {
    const r = runCli(['ula'], { random: () => Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a]) });
    expect(r.stdout).toContain('podCidrs: ["10.244.0.0/16", "fd12:3456:789a::/52"]');
    expect(r.stdout).toContain('serviceCidrs: ["10.96.0.0/12", "fd12:3456:789a:ffff::/112"]');
  });

  test('fails with exit 2 on a positional argument', () => {
    expect(runCli(['ula', 'extra']).code).toBe(2);
  });
});
