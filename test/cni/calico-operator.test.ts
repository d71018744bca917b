import { Cni, CalicoEncapsulation, CalicoLinuxDataplane, NodeAddressAutodetection, renderCalicoOperator, CALICO_V1_CRDS, OPERATOR_CRDS } from '../../lib/cni';
import { INSTALLATION_CRD_SCHEMA } from '../../lib/cni/calico/crds';
import { INSTALLATION_V1_SCHEMA } from '../../lib/cni/calico/operator-schemas';
import { checkCustomResource } from '../gate/support/custom-resources';
import { ClusterNetwork } from '../../lib/plan';
import { containers, fieldReportPlan, forSnapshot, IPV6_ONLY, rbacRules, validateInstallation, validateKnown } from './helpers';

const installationOf = (objs: any[]) => objs.find((o) => o.kind === 'Installation');

describe('Calico operator mode', () => {
  const objects: any[] = renderCalicoOperator(fieldReportPlan());
  const installation = installationOf(objects);

  test('the Installation pools carry the plan pod CIDRs exactly, primary family first', () => {
    expect(installation.metadata).toEqual({ name: 'default' });
    expect(installation.spec.calicoNetwork.ipPools).toEqual([
      { name: 'default-ipv4-ippool', cidr: '172.16.0.0/16', blockSize: 26, encapsulation: 'VXLANCrossSubnet', natOutgoing: 'Enabled', nodeSelector: 'all()' },
      { name: 'default-ipv6-ippool', cidr: 'fc00::/48', blockSize: 122, encapsulation: 'VXLANCrossSubnet', natOutgoing: 'Enabled', nodeSelector: 'all()' },
    ]);
    expect(installation.spec.serviceCIDRs).toEqual(['10.96.0.0/12', 'fd00::/108']);
  });

  test('node address autodetection defaults to the declared node networks', () => {
    expect(installation.spec.calicoNetwork.nodeAddressAutodetectionV4).toEqual({ cidrs: ['192.168.101.0/24'] });
    expect(installation.spec.calicoNetwork.nodeAddressAutodetectionV6).toEqual({ cidrs: ['2003:ac18::/64'] });
  });

  test('without node networks the default is the Kubernetes NodeInternalIP, never firstFound', () => {
    const plan = ClusterNetwork.plan({ podCidrs: ['10.244.0.0/16', 'fd00:1::/56'], serviceCidrs: ['10.96.0.0/12', 'fd00:2::/108'] });
    const i = installationOf(renderCalicoOperator(plan));
    expect(i.spec.calicoNetwork.nodeAddressAutodetectionV4).toEqual({ kubernetes: 'NodeInternalIP' });
    expect(i.spec.calicoNetwork.nodeAddressAutodetectionV6).toEqual({ kubernetes: 'NodeInternalIP' });
  });

  test('overrides apply per family', () => {
    const i = installationOf(
      renderCalicoOperator(fieldReportPlan(), {
        ipv4Pool: { cidr: '172.16.128.0/17', blockSize: 24, encapsulation: CalicoEncapsulation.IPIP, natOutgoing: false, nodeSelector: 'zone == "a"' },
        ipv6Pool: { blockSize: 120, encapsulation: CalicoEncapsulation.NONE },
        nodeAddressAutodetectionV6: NodeAddressAutodetection.interface('eth0'),
        mtu: 1440,
      }),
    );
    expect(i.spec.calicoNetwork.ipPools).toEqual([
      { name: 'default-ipv4-ippool', cidr: '172.16.128.0/17', blockSize: 24, encapsulation: 'IPIP', natOutgoing: 'Disabled', nodeSelector: 'zone == "a"' },
      { name: 'default-ipv6-ippool', cidr: 'fc00::/48', blockSize: 120, encapsulation: 'None', natOutgoing: 'Enabled', nodeSelector: 'all()' },
    ]);
    expect(i.spec.calicoNetwork.nodeAddressAutodetectionV6).toEqual({ interface: 'eth0' });
    expect(i.spec.calicoNetwork.mtu).toBe(1440);
  });

  test('an IPv6-only plan gets one IPv6 pool and no IPv4 autodetection', () => {
    const i = installationOf(renderCalicoOperator(ClusterNetwork.plan(IPV6_ONLY)));
    expect(i.spec.calicoNetwork.ipPools.map((p: any) => p.cidr)).toEqual(['fd12:3456:789a::/48']);
    expect(i.spec.calicoNetwork.nodeAddressAutodetectionV4).toBeUndefined();
    expect(i.spec.calicoNetwork.nodeAddressAutodetectionV6).toEqual({ cidrs: ['2001:db8:1::/64'] });
  });

  test.each([
    ['the field report', fieldReportPlan(), {}],
    ['IPv6-only', ClusterNetwork.plan(IPV6_ONLY), {}],
    ['every autodetection kind', fieldReportPlan(), { nodeAddressAutodetectionV4: NodeAddressAutodetection.canReach('8.8.8.8'), nodeAddressAutodetectionV6: NodeAddressAutodetection.skipInterface('docker.*') }],
  ])('the Installation of %s is valid against the shared operator.tigera.io schema', (_n, plan, opts) => {
    const r = validateInstallation(installationOf(renderCalicoOperator(plan, opts)));
    expect(r.errors ?? null).toBeNull();
    expect(r.valid).toBe(true);
  });

  test('fails when an Installation carries an unknown field (the schema check can fail)', () => {
    const bad = JSON.parse(JSON.stringify(installation));
    bad.spec.calicoNetwork.ipPools[0].ipipMode = 'Always';
    expect(validateInstallation(bad).valid).toBe(false);
  });

  test('the operator is pinned to the version paired with the Calico release', () => {
    const dep = objects.find((o) => o.kind === 'Deployment');
    expect(dep.spec.template.spec.containers[0].image).toBe('quay.io/tigera/operator:v1.42.6');
    const older = renderCalicoOperator(fieldReportPlan(), { version: 'v3.31.3' }).find((o: any) => o.kind === 'Deployment') as any;
    expect(older.spec.template.spec.containers[0].image).toBe('quay.io/tigera/operator:v1.40.3');
    expect(dep.spec.template.spec.hostNetwork).toBe(true);
    expect(dep.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason']).toMatch(/hostNetwork/);
  });

  test('ships the operator and Calico CRDs, namespace privileged, in apply order', () => {
    expect(objects[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'tigera-operator',
        labels: {
          name: 'tigera-operator',
          'pod-security.kubernetes.io/enforce': 'privileged',
          'pod-security.kubernetes.io/audit': 'privileged',
          'pod-security.kubernetes.io/warn': 'privileged',
        },
      },
    });
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name);
    expect(crds).toEqual([...OPERATOR_CRDS.map((c) => `${c.plural}.operator.tigera.io`), ...CALICO_V1_CRDS.map((c) => `${c.plural}.crd.projectcalico.org`)]);
    expect(crds).toContain('installations.operator.tigera.io');
    expect(crds).toContain('ippools.crd.projectcalico.org');
    expect(objects[objects.length - 1].kind).toBe('Installation');
    const inst = objects.find((o) => o.metadata.name === 'installations.operator.tigera.io');
    expect(inst.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.calicoNetwork).toBeDefined();
    const status = objects.find((o) => o.metadata.name === 'tigerastatuses.operator.tigera.io');
    expect(status.spec.versions[0].schema.openAPIV3Schema).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  test('every object the Kubernetes schema knows is valid; only the Installation is a custom kind', () => {
    expect(validateKnown(objects)).toEqual(['Installation']);
  });

  test('RBAC has no wildcard and every container has requests and a pinned image', () => {
    expect(rbacRules(objects).length).toBeGreaterThan(0);
    expect(containers(objects).length).toBeGreaterThan(0);
    for (const r of rbacRules(objects)) {
      for (const f of ['apiGroups', 'resources', 'verbs']) expect(r[f]).not.toContain('*');
    }
    for (const { c } of containers(objects)) {
      expect(c.resources.requests).toBeDefined();
      expect(c.image).toMatch(/:v\d+\.\d+\.\d+$/);
    }
  });

  test('Cni.calico() defaults to operator mode', () => {
    expect(Cni.calico().calicoOptions).toEqual({});
  });

  test('the Installation names its Linux dataplane: Iptables by default, Nftables when chosen', () => {
    expect(installation.spec.calicoNetwork.linuxDataplane).toBe('Iptables');
    const nft = installationOf(renderCalicoOperator(fieldReportPlan(), { linuxDataplane: CalicoLinuxDataplane.NFTABLES }));
    expect(nft.spec.calicoNetwork.linuxDataplane).toBe('Nftables');
  });

  test('the shipped Installation CRD accepts Nftables (tigera/operator enum Iptables;BPF;VPP;Nftables), the rest as generated', () => {
    const enumOf = (schema: any) => schema.properties.spec.properties.calicoNetwork.properties.linuxDataplane.enum;
    expect(enumOf(INSTALLATION_CRD_SCHEMA)).toEqual(['Iptables', 'BPF', 'VPP', 'Nftables']);
    const rest = JSON.parse(JSON.stringify(INSTALLATION_CRD_SCHEMA));
    rest.properties.spec.properties.calicoNetwork.properties.linuxDataplane.enum.pop();
    expect(rest).toEqual(INSTALLATION_V1_SCHEMA);
  });

  test('an Nftables Installation is valid against the CRD we ship; the shared catalog schema lags (no Nftables)', () => {
    const objs = renderCalicoOperator(fieldReportPlan(), { linuxDataplane: CalicoLinuxDataplane.NFTABLES });
    const nft = installationOf(objs);
    const r = checkCustomResource(nft, objs);
    expect(r).toMatchObject({ by: 'crd', errors: [] });
    // The catalog's schema was generated before tigera/operator added Nftables to LinuxDataplaneOption.
    expect(validateInstallation(nft).valid).toBe(false);
  });

  test('fails when the shipped CRD meets a dataplane outside the operator enum (the CRD check can fail)', () => {
    const objs = renderCalicoOperator(fieldReportPlan());
    const bad = JSON.parse(JSON.stringify(installationOf(objs)));
    bad.spec.calicoNetwork.linuxDataplane = 'nftables';
    const r = checkCustomResource(bad, objs) as { errors: string[] };
    expect(r.errors.length).toBeGreaterThan(0);
  });

  test('golden: field report, operator mode', () => {
    expect(forSnapshot(objects)).toMatchSnapshot();
  });
});
