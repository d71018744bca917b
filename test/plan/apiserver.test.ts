import { validate } from '../../lib/plan';
import { errorCodes, warningCodes } from './helpers';

// Verdicts of cmd/kube-apiserver/app/options/validation.go (validateClusterIPFlags) per version.
describe('validate.serviceClusterIPRange', () => {
  test.each([
    ['10.96.0.0/12', '1.33', {}],
    ['10.96.0.0/12,fd00::/108', '1.33', {}],
    ['fd00::/108,10.96.0.0/12', '1.33', {}],
    ['fd12:3456:789a:1::/112', '1.33', {}],
    ['10.96.0.0/12,fd00::/108', '1.21', {}],
    ['10.96.0.0/12,fd00::/108', '1.18', { IPv6DualStack: true }],
    ['fd00::/64', '1.28', { MultiCIDRServiceAllocator: true }],
    ['fd00::/48', '1.34', {}],
    ['fd00::/48', '1.33', { DisableAllocatorDualWrite: true }],
  ])('accepts %s on %s with gates %j', (value, kubernetesVersion, featureGates) => {
    expect(errorCodes(validate.serviceClusterIPRange(value, { kubernetesVersion, featureGates }))).toEqual([]);
  });

  test.each([
    ['fails when the IPv4 range has more than 20 host bits', '10.0.0.0/11', '1.33', {}, 'service-range-too-large'],
    ['fails when the IPv6 range has more than 20 host bits', 'fd00::/107', '1.33', {}, 'service-range-too-large'],
    ['fails when /48 is given to 1.28 even with MultiCIDRServiceAllocator (64-bit limit)', 'fd00::/48', '1.28', { MultiCIDRServiceAllocator: true }, 'service-range-too-large'],
    ['fails when /64 is given to 1.33 without DisableAllocatorDualWrite', 'fd00::/64', '1.33', {}, 'service-range-too-large'],
    ['fails when there are three entries', '10.96.0.0/12,fd00::/108,10.0.0.0/24', '1.33', {}, 'cidrs-count'],
    ['fails when both entries are IPv4', '10.96.0.0/12,10.0.0.0/24', '1.33', {}, 'cidrs-same-family'],
    ['fails when dual-stack is used on 1.18 without the gate', '10.96.0.0/12,fd00::/108', '1.18', {}, 'dual-stack-gate-off'],
    ['fails when an entry has a space after the comma', '10.96.0.0/12, fd00::/108', '1.33', {}, 'cidr-invalid'],
    ['fails when an entry is not a CIDR', '10.96.0.0', '1.33', {}, 'cidr-invalid'],
    ['fails when the IPv4 range leaves no ClusterIP', '10.96.0.0/31', '1.33', {}, 'service-range-too-small'],
  ])('%s', (_name, value, kubernetesVersion, featureGates, code) => {
    expect(errorCodes(validate.serviceClusterIPRange(value, { kubernetesVersion, featureGates }))).toContain(code);
  });

  test.each([
    ['host bits set', '10.96.0.1/12', 'cidr-host-bits'],
    ['IPv4 leading zeros (read as decimal by ParseCIDRSloppy)', '010.096.0.0/12', 'cidr-leading-zeros'],
    ['fec0::/10 site-local', 'fec0::/112', 'range-site-local'],
    ['fc00::/8 instead of fd00::/8', 'fc00::/112', 'range-ula-fc00'],
    ['a ULA with a zero global ID', 'fd00::/108', 'range-ula-global-id'],
    ['a range beyond the legacy allocator', 'fd12:3456:789a:1::/108', 'service-range-beyond-allocator'],
    ['loopback space', '127.0.0.0/16', 'range-unusable-space'],
  ])('accepts %s with a warning', (_name, value, code) => {
    // 1.33: the last line whose legacy allocator (and so its cap) can still be in use.
    const f = validate.serviceClusterIPRange(value, { kubernetesVersion: '1.33' });
    expect(errorCodes(f)).toEqual([]);
    expect(warningCodes(f)).toContain(code);
    expect(f.find((x) => x.code === code)?.fix).toBeTruthy();
  });

  test('the ULA warning offers a generated fd prefix of the same length, deterministically', () => {
    const a = validate.serviceClusterIPRange('fd00::/108').find((x) => x.code === 'range-ula-global-id')!;
    const b = validate.serviceClusterIPRange('fd00::/108').find((x) => x.code === 'range-ula-global-id')!;
    expect(a.fix).toEqual(b.fix);
    expect(a.fix).toMatch(/^use "fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/108"$/);
  });

  test('an empty value falls back to 10.0.0.0/24 with a warning', () => {
    expect(warningCodes(validate.serviceClusterIPRange(''))).toEqual(['service-range-default']);
  });

  test.each([
    ['10.96.0.0/12', '192.168.101.53', undefined, []],
    ['fd00::/108,10.96.0.0/12', '2003:ac18::30a:2', undefined, []],
    ['fails when IPv6 is primary and the advertise address is IPv4', 'fd00::/108,10.96.0.0/12', '192.168.101.53', undefined, ['advertise-address-family']],
    ['fd00::/108,10.96.0.0/12', '192.168.101.53', 'none', []],
  ] as Array<[string, string, string | undefined, string[]] | [string, string, string, string | undefined, string[]]>)('advertise address family: %s', (...row) => {
    const [value, advertiseAddress, endpointReconcilerType, expected] = row.length === 5 ? row.slice(1) as [string, string, string | undefined, string[]] : row as [string, string, string | undefined, string[]];
    expect(errorCodes(validate.serviceClusterIPRange(value, { advertiseAddress, endpointReconcilerType }))).toEqual(expected);
  });

  test('every message names the field, quotes the value and has a fix', () => {
    for (const f of validate.serviceClusterIPRange('10.0.0.0/8,fd00::/64,1.2.3.0/24')) {
      expect(f.message.startsWith(`${f.path}: `)).toBe(true);
      expect(f.fix).toBeTruthy();
    }
  });
});
