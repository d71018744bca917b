/**
 * Issue 19 §2–§3: the API keeps its promises. `ClusterNetwork.plan`, `defaultServiceIpFamilies`,
 * every `validate.*` and `checkPolicy` answer any input (null, arrays, throwing getters, Proxies,
 * cyclic objects, huge lists) with findings, never an exception; `ClusterNetwork.of` throws only
 * `PlanError`. Messages quote values cut to a fixed length; list findings name the entry.
 */
import { Cidr } from '../../lib/net/cidr';
import { NodeDistro, renderNodeScript } from '../../lib/host/node-script';
import { checkPolicy } from '../../lib/policy';
import { ClusterNetwork, defaultServiceIpFamilies, Finding, PlanError, validate } from '../../lib/plan';
import { errorCodes } from './helpers';

const GOOD = { podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/56'], serviceCidrs: ['10.96.0.0/12', 'fd12:3456:789b:1::/112'] };

function throwingGetters<T extends object>(base: T, ...keys: string[]): T {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const o: Record<string, unknown> = { ...(base as any) };
  for (const k of keys) {
    Object.defineProperty(o, k, {
      enumerable: true,
      get() {
        throw new TypeError(`getter ${k} exploded`);
      },
    });
  }
  return o as T;
}

/** A Proxy whose every trap throws. */
function hostileProxy(): object {
  const boom = () => {
    throw new Error('trap');
  };
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
}

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { ...GOOD, nodes: [{ name: 'n1', ipv4: '192.168.1.10/24' }] };
  o.self = o;
  (o.nodes as Record<string, unknown>[])[0].parent = o;
  o.featureGates = { X: true };
  return o;
}

const NASTY: Array<[string, () => unknown]> = [
  ['null', () => null],
  ['an array', () => [1, 2, 3]],
  ['a string', () => 'podCidrs: [10.0.0.0/8]'],
  ['an object with throwing getters', () => throwingGetters(GOOD, 'podCidrs', 'nodes', 'kubernetesVersion')],
  ['a Proxy whose traps throw', hostileProxy],
  ['a cyclic object', cyclic],
  ['nodes with throwing getters', () => ({ ...GOOD, nodes: [throwingGetters({ name: 'n1' }, 'ipv4', 'name')] })],
  ['a Proxy as the node list', () => ({ ...GOOD, nodes: hostileProxy() })],
  ['a Proxy as podCidrs', () => ({ ...GOOD, podCidrs: new Proxy(['10.0.0.0/8'], { get: () => { throw new Error('no'); } }) })],
  ['huge lists', () => ({ podCidrs: Array(20000).fill('10.0.0.0/8'), serviceCidrs: Array(20000).fill(7), nodes: Array(20000).fill(null) })],
];

function expectFindings(f: unknown): void {
  expect(Array.isArray(f)).toBe(true);
  for (const x of f as Finding[]) {
    expect(x.path.length).toBeGreaterThan(0);
    expect(x.code).not.toBe('internal-error');
    expect(x.message.length).toBeLessThan(1000);
  }
}

describe('ClusterNetwork.plan never throws', () => {
  test.each(NASTY)('answers %s with findings', (_what, make) => {
    const plan = ClusterNetwork.plan(make() as never);
    expectFindings(plan.findings);
    // The cyclic spec's cycles are in fields the plan does not read: it is a valid spec.
    expect(plan.ok).toBe(make === cyclic);
  });

  test('a throwing getter becomes an error naming the field', () => {
    const plan = ClusterNetwork.plan(throwingGetters(GOOD, 'podCidrs') as never);
    expect(plan.findings).toContainEqual(expect.objectContaining({ code: 'input-unreadable', path: 'podCidrs', severity: 'error' }));
  });

  test('ClusterNetwork.of throws PlanError (not a TypeError) on a Proxy', () => {
    expect(() => ClusterNetwork.of(hostileProxy() as never)).toThrow(PlanError);
  });

  test('a getter-backed spec object still works (fields read by name)', () => {
    class Spec {
      get podCidrs() {
        return GOOD.podCidrs;
      }
      get serviceCidrs() {
        return GOOD.serviceCidrs;
      }
    }
    expect(ClusterNetwork.plan(new Spec() as never).ok).toBe(true);
  });
});

describe('validators never throw', () => {
  const validators: Array<[string, (v: unknown, o?: unknown) => Finding[]]> = [
    ['serviceClusterIPRange', (v, o) => validate.serviceClusterIPRange(v, o as never)],
    ['clusterCIDR', (v, o) => validate.clusterCIDR(v, o as never)],
    ['kubeProxyConfiguration', (v, o) => validate.kubeProxyConfiguration(v, o as never)],
    ['kubeadmNetworking', (v, o) => validate.kubeadmNetworking(v, o as never)],
    ['service', (v, o) => validate.service(v, o as never)],
  ];
  const cases = validators.flatMap(([name, fn]) => NASTY.map(([what, make]) => [name, what, fn, make] as const));
  test.each(cases)('validate.%s answers %s with findings', (_n, _what, fn, make) => {
    expectFindings(fn(make()));
    expectFindings(fn(GOOD.serviceCidrs.join(','), make()));
  });

  test('a Service whose spec is a Proxy: a finding, not internal-error', () => {
    const f = validate.service({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: hostileProxy() });
    expectFindings(f);
    expect(errorCodes(f)).toContain('input-unreadable');
  });
});

describe('defaultServiceIpFamilies never throws', () => {
  test.each(NASTY)('answers %s', (_what, make) => {
    expect(() => defaultServiceIpFamilies(make(), ['10.96.0.0/12'])).not.toThrow();
    expect(() => defaultServiceIpFamilies({ spec: make() }, make() as never)).not.toThrow();
  });

  test('still reads a plain Service', () => {
    expect(defaultServiceIpFamilies({ spec: { ipFamilyPolicy: 'PreferDualStack' } }, [Cidr.parse('10.96.0.0/12'), 'fd00:1::/112'])?.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });
});

describe('checkPolicy never throws', () => {
  test.each(NASTY)('answers %s', (_what, make) => {
    const v = checkPolicy(make() as never);
    expect(Array.isArray(v)).toBe(true);
    for (const x of v) expect(x.path.length).toBeGreaterThan(0);
  });

  test('a list that is not an array is one violation naming the input', () => {
    expect(checkPolicy({ kind: 'Pod' } as never)).toEqual([expect.objectContaining({ rule: 'policy-input', path: '.' })]);
  });

  test('objects with throwing getters and Proxies among real objects', () => {
    const v = checkPolicy([hostileProxy(), throwingGetters({ kind: 'Deployment', metadata: { name: 'x' } }, 'spec'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }]);
    expect(v.some((x) => x.resource.name === 'p')).toBe(true);
  });
});

describe('messages stay small', () => {
  test('a 50 MB kubernetesVersion is quoted as 80 characters and its length', () => {
    const plan = ClusterNetwork.plan({ ...GOOD, kubernetesVersion: 'x'.repeat(50_000_000) });
    const f = plan.findings.find((x) => x.code === 'version-format')!;
    expect(f.message.length).toBeLessThan(300);
    expect(f.message).toContain(`"${'x'.repeat(80)}"…(50000000 characters)`);
  });

  test('8,000 same-family podCidrs: no RangeError; each finding names its entry and quotes only it', () => {
    const list = Array.from({ length: 8000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const plan = ClusterNetwork.plan({ podCidrs: list, serviceCidrs: ['10.96.0.0/12'] });
    const same = plan.findings.filter((x) => x.code === 'cidrs-same-family');
    expect(same[0].path).toBe('podCidrs[1]');
    expect(same[0].message).toContain('"10.0.1.0/24"');
    expect(same[0].message).not.toContain('10.0.2.0/24');
    const total = plan.findings.reduce((n, x) => n + x.message.length + (x.fix?.length ?? 0), 0);
    expect(total).toBeLessThan(8000 * 400);
  });

  test('validate.clusterCIDR on 5,000 same-family entries: output linear in the entries', () => {
    const list = Array.from({ length: 5000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`).join(',');
    const f = validate.clusterCIDR(list);
    const total = f.reduce((n, x) => n + x.message.length + (x.fix?.length ?? 0), 0);
    expect(total).toBeLessThan(5000 * 400);
  });
});

describe('interface names follow the kernel (net/core/dev.c dev_valid_name)', () => {
  const plan = (iface: string) => ClusterNetwork.plan({ ...GOOD, nodes: [{ name: 'n1', ipv4: '192.168.1.10/24', ipv6: '2001:db8:1::10/64', interface: iface }] });
  test.each([
    ['16 bytes', 'abcdefghijklmnop'],
    ['15 bytes of UTF-8 beyond 15', 'ééééééééé'],
    ['a slash', 'eth0/1'],
    ['a space', 'eth 0'],
    ['a newline', 'eth0\nx'],
    ['a colon', 'eth0:1'],
    ['a byte 0xA0 (a space for the kernel\'s isspace, lib/ctype.c; "à" is C3 A0 in UTF-8)', 'eth\u00e0'],
    ['"."', '.'],
    ['".."', '..'],
    ['empty', ''],
  ])('fails when the interface has %s', (_what, iface) => {
    expect(plan(iface).findings).toContainEqual(expect.objectContaining({ code: 'node-interface-name', path: 'nodes[0].interface', severity: 'error' }));
  });

  test.each(['eth0', 'enp129s0f0', 'eth0.100', 'br-1234567890ab', 'wg@x'])('accepts %s', (iface) => {
    expect(plan(iface).findings.filter((x) => x.path === 'nodes[0].interface')).toEqual([]);
  });

  test('renderNodeScript refuses an interface name that would inject YAML into netplan', () => {
    // Valid for the kernel (no "/", ":" or whitespace, ≤ 15 bytes), but it closes the quoted
    // netplan key and comments out the rest of the line the script would apply as root.
    const evil = 'eth0"#{}';
    const p = plan(evil);
    expect(p.findings.filter((x) => x.path === 'nodes[0].interface')).toEqual([]);
    expect(() => renderNodeScript(p, 'n1', NodeDistro.DEBIAN)).toThrow(/nodes\[0\]\.interface/);
    expect(() => renderNodeScript(p, 'n1', NodeDistro.RHEL)).toThrow(/nodes\[0\]\.interface/);
  });

  test('renderNodeScript refuses a name the plan refused, rather than autodetecting', () => {
    expect(() => renderNodeScript(plan('eth0:1'), 'n1', NodeDistro.DEBIAN)).toThrow(/nodes\[0\]\.interface/);
  });

  test('renderNodeScript still renders a plain interface name', () => {
    expect(renderNodeScript(plan('eth0'), 'n1', NodeDistro.DEBIAN)).toContain("IFACE='eth0'");
  });
});

describe('entries that cannot be turned into text', () => {
  // Found by `npm run fuzz` (seed 871415364): String() of an object whose toString and valueOf are
  // not functions throws ("Cannot convert object to primitive value"), which made the plan's
  // last-resort guard answer internal-error instead of a finding at the entry.
  const noText = () => ({ toString: null, valueOf: null });
  test.each([
    ['nodeNetworks', { podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodeNetworks: [noText()] }, 'nodeNetworks[0]'],
    ['a node address', { podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n1', ipv4: noText() }] }, 'nodes[0].ipv4'],
  ])('fails when %s holds an object that has no text: an error at the entry, not internal-error', (_what, spec, path) => {
    const plan = ClusterNetwork.plan(spec as never);
    expect(plan.findings.map((f) => f.code)).not.toContain('internal-error');
    expect(plan.findings.some((f) => f.severity === 'error' && f.path === path)).toBe(true);
  });
});
