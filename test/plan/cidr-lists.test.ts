/**
 * CIDR lists keep each entry's place and text (lib/plan/rules/common.ts parseCidrList): a bad entry
 * gets its own error, the next entry keeps its index, and nothing else is inferred from the gap.
 */
import { ClusterNetwork, validate } from '../../lib/plan';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, entryExample } from '../../lib/plan/rules/common';
import { DEFAULT_NODE_MASK_IPV4, DEFAULT_NODE_MASK_IPV6 } from '../../lib/plan/rules/controller-manager';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { FIELD_REPORT_SPEC } from '../fixtures/field-report';

const LIB = join(__dirname, '..', '..', 'lib');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const codesAt = (fs: readonly { code: string; path: string }[]) => fs.map((f) => `${f.code}@${f.path}`).sort();

describe('CIDR list entries keep their places', () => {
  test('fails when an invalid first entry shifts the next one: "nope,fd00::/64" reports fd00::/64 at [1], quoted as written', () => {
    const f = validate.serviceClusterIPRange('nope,fd00::/64', { kubernetesVersion: '1.33' });
    expect(codesAt(f)).toEqual(['cidr-invalid@--service-cluster-ip-range[0]', 'range-ula-global-id@--service-cluster-ip-range[1]', 'service-range-too-large@--service-cluster-ip-range[1]']);
    const tooLarge = f.find((x) => x.code === 'service-range-too-large')!;
    expect(tooLarge.message).toContain('"fd00::/64"');
    expect(f.filter((x) => x.path.endsWith('[0]')).every((x) => x.code === 'cidr-invalid')).toBe(true);
  });

  test('fails when an invalid first entry of --cluster-cidr shifts the next one', () => {
    const f = validate.clusterCIDR('nope,fd00::/56');
    expect(f.filter((x) => x.message.includes('"fd00::/56"')).map((x) => x.path)).toEqual(expect.arrayContaining(['--cluster-cidr[1]']));
    expect(f.filter((x) => x.path === '--cluster-cidr[0]').map((x) => x.code)).toEqual(['cidr-invalid']);
  });

  test('fails when a malformed pod entry makes the plan call a family missing or the primary families different', () => {
    const p = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, podCidrs: ['nope', 'fd12:3456:789a::/56'] });
    const codes = p.findings.map((x) => x.code);
    expect(codes).toContain('cidr-invalid');
    expect(codes).not.toContain('family-missing-pods');
    expect(codes).not.toContain('primary-family-mismatch');
    // The IPv6 entry is still podCidrs[1].
    expect(p.findings.filter((x) => x.message.includes('fd12:3456:789a::/56')).map((x) => x.path)).toEqual(['podCidrs[1]']);
    expect(p.podCidrEntries.map((e) => [e.index, e.written])).toEqual([[1, 'fd12:3456:789a::/56']]);
  });
});

describe('the fix example matches the entry', () => {
  test.each([
    ['an IPv6 entry of a plan list', () => ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, podCidrs: ['10.244.0.0/16', 'fd12::zz/56'] }).findings, 'write a CIDR such as "fd12:3456:789a::/56"'],
    ['an IPv4 entry of a plan list (no JSON bracket in the example)', () => ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, podCidrs: ['10.244.0.0/66', 'fd12:3456:789a::/56'] }).findings, 'write a CIDR such as "10.244.0.0/16"'],
    ['an IPv6 entry of --service-cluster-ip-range', () => validate.serviceClusterIPRange('10.96.0.0/12,fd00::zz/108'), 'write a CIDR such as "fd12:3456:789a:1::/112"'],
    ['an IPv6 entry of kubeadm serviceSubnet', () => validate.kubeadmNetworking({ serviceSubnet: '10.96.0.0/12,fd00::zz/112' }), 'write a CIDR such as "fd12:3456:789a:1::/112"'],
    ['an entry of a Service validator opts list', () => validate.service({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: {} }, { serviceCidrs: ['10.96.0.0/12', 'fd00::zz/112'] }), 'write a CIDR such as "fd12:3456:789a:1::/112"'],
  ])('fails when %s gets an example of the other family or a piece of JSON', (_name, run, fix) => {
    const bad = run().filter((x) => x.code === 'cidr-invalid');
    expect(bad.map((x) => x.fix)).toEqual([fix]);
  });

  test.each([
    ['fd00::x', '"10.96.0.0/12,fd12:3456:789a:1::/112"', '"fd12:3456:789a:1::/112"'],
    ['nope', '["10.244.0.0/16", "fd12:3456:789a::/56"]', '"10.244.0.0/16"'],
    ['::1/200', '"10.96.0.0/12"', '"fd12:3456:789a::/56"'],
  ])('entryExample(%j, %s) is %s', (entry, example, want) => {
    expect(entryExample(entry, example)).toBe(want);
  });
});

describe('wording', () => {
  test('fails when the fix says "a IPv6 pod range"', () => {
    const p = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, podCidrs: ['10.244.0.0/16'] });
    const f = p.findings.find((x) => x.code === 'family-missing-pods')!;
    expect(f.fix).toMatch(/^add an IPv6 pod range/);
  });

  test('fails when a capacity of one node is written "1 nodes"', () => {
    const p = ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, podCidrs: ['10.244.0.0/24', 'fd12:3456:789a::/64'], expectedNodes: 3 });
    const f = p.findings.filter((x) => x.code === 'capacity-nodes');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.message).toMatch(/holds 1 node, fewer than/);
  });

  test.each([
    ['a list', ['10.96.0.0/12'], /is a list, not a string/],
    ['a mapping', { a: 1 }, /is a mapping, not a string/],
  ])('fails when an entry that is %s is called an "object"', (_name, entry, re) => {
    const f = validate.serviceClusterIPRange(['10.96.0.0/12', entry] as unknown as string[]);
    const x = f.find((y) => y.code === 'cidr-type')!;
    expect(x.message).toMatch(re);
  });

  test.each([
    ['kubeadm serviceSubnet', () => validate.kubeadmNetworking({ serviceSubnet: ['10.96.0.0/12', 'fd12:3456:789a:1::/112'] }), 'subnet-type', /is a list, not a string/],
    ['kube-proxy clusterCIDR', () => validate.kubeProxyConfiguration({ clusterCIDR: ['10.244.0.0/16'] }), 'cluster-cidr-type', /is a list, not a string/],
    ['kubeadm networking', () => validate.kubeadmNetworking(['podSubnet']), 'networking-type', /is a list, not a mapping/],
    ['kube-proxy nodePortAddresses', () => validate.kubeProxyConfiguration({ nodePortAddresses: { a: 1 } }), 'node-port-addresses-type', /is a mapping, not a list/],
  ])('fails when %s of the wrong type is not named by its YAML type', (_name, run, code, re) => {
    expect(run().find((x) => x.code === code)!.message).toMatch(re);
  });

  test('fails when a whole list that is a mapping is not named by its YAML type', () => {
    const f = validate.serviceClusterIPRange({ a: '10.96.0.0/12' });
    expect(f.find((x) => x.code === 'cidrs-type')!.message).toMatch(/is a mapping, not a CIDR list/);
  });
});

describe('one home for values defined twice', () => {
  test('fails when the plan and kube-controller-manager rules disagree on the default node masks', () => {
    expect([ClusterNetwork.DEFAULT_NODE_MASK_IPV4, ClusterNetwork.DEFAULT_NODE_MASK_IPV6]).toEqual([DEFAULT_NODE_MASK_IPV4, DEFAULT_NODE_MASK_IPV6]);
  });

  test.each([
    ['the DNS-1123 label regex', '[a-z0-9]([-a-z0-9]*[a-z0-9])?'],
    ['an example IPv6 range', 'fd12:3456:789a'],
  ])('fails when %s is written outside lib/plan/rules/common.ts (plan and CLI)', (_what, text) => {
    const files = [...tsFiles(join(LIB, 'plan')), ...tsFiles(join(LIB, 'cli')), ...tsFiles(join(LIB, 'verify'))].filter((f) => !f.endsWith(join('rules', 'common.ts')));
    expect(files.filter((f) => readFileSync(f, 'utf8').includes(text)).map((f) => relative(LIB, f))).toEqual([]);
  });

  test.each([
    ['web', true, true],
    ['a.b', false, true],
    ['-a', false, false],
    ['A', false, false],
  ])('DNS-1123 %j: label %s, subdomain %s', (name, label, subdomain) => {
    expect([DNS1123_LABEL.test(name), DNS1123_SUBDOMAIN.test(name)]).toEqual([label, subdomain]);
  });
});
