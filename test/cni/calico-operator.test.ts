import { Cni, CalicoEncapsulation, CalicoLinuxDataplane, NodeAddressAutodetection, renderCalicoOperator, CALICO_V1_CRDS, OPERATOR_CRDS } from '../../lib/cni';
import { renderOperatorCrds, renderOperatorCustomResources, renderOperatorInstall, renderOperatorParts } from '../../lib/cni/calico';
import { calicoUpstream } from '../../lib/upstream/calico';
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
    ['the Nftables dataplane', fieldReportPlan(), { linuxDataplane: CalicoLinuxDataplane.NFTABLES }],
  ])('the Installation of %s is valid against the strict Installation CRD schema', (_n, plan, opts) => {
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
    expect(dep.spec.template.spec.containers[0].image).toBe('quay.io/tigera/operator:v1.42.3');
    const older = renderCalicoOperator(fieldReportPlan(), { version: 'v3.31.3' }).find((o: any) => o.kind === 'Deployment') as any;
    expect(older.spec.template.spec.containers[0].image).toBe('quay.io/tigera/operator:v1.40.3');
    expect(older.spec.template.spec.containers[0].env.find((e: any) => e.name === 'TIGERA_OPERATOR_INIT_IMAGE_VERSION').value).toBe('v1.40.3');
    expect(dep.spec.template.spec.hostNetwork).toBe(true);
    expect(dep.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason']).toMatch(/hostNetwork/);
  });

  test('Deployment tigera-operator runs with -manage-crds=true (upstream tigera-operator.yaml)', () => {
    const c = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(c.command).toEqual(['operator']);
    expect(c.args).toEqual(['-manage-crds=true']);
  });

  test('ClusterRole tigera-operator-secrets (secrets create/update/delete) is bound by RoleBinding tigera-operator/tigera-operator-secrets', () => {
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'tigera-operator-secrets');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'delete'] }]);
    const rb = objects.find((o) => o.kind === 'RoleBinding');
    expect(rb.metadata).toMatchObject({ name: 'tigera-operator-secrets', namespace: 'tigera-operator' });
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tigera-operator-secrets' });
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'tigera-operator', namespace: 'tigera-operator' }]);
    // Only inside its namespace: no ClusterRoleBinding grants the secrets role cluster-wide.
    expect(objects.filter((o) => o.kind === 'ClusterRoleBinding').map((o) => o.roleRef.name)).toEqual(['tigera-operator']);
  });

  test('ClusterRole tigera-operator grants the Istio watch and the CRD updates the operator needs', () => {
    const rules = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'tigera-operator').rules;
    const grants = (group: string, resource: string, verb: string, name?: string) =>
      rules.some((r: any) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb) && (!name || !r.resourceNames || r.resourceNames.includes(name)));
    expect(grants('operator.tigera.io', 'istios', 'watch')).toBe(true);
    expect(grants('operator.tigera.io', 'istios/status', 'update')).toBe(true);
    expect(grants('apiextensions.k8s.io', 'customresourcedefinitions', 'create')).toBe(true);
    expect(grants('apiextensions.k8s.io', 'customresourcedefinitions', 'update', 'istios.operator.tigera.io')).toBe(true);
    expect(grants('', 'secrets', 'create')).toBe(false);
  });

  test('ships all 32 CRDs of operator-crds.yaml, first, with their real schemas', () => {
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds).toHaveLength(32);
    expect(objects.slice(0, 32)).toEqual(crds);
    const names = crds.map((o) => o.metadata.name);
    expect(names).toEqual([...OPERATOR_CRDS.map((c) => `${c.plural}.operator.tigera.io`), ...CALICO_V1_CRDS.map((c) => `${c.plural}.crd.projectcalico.org`), 'clusternetworkpolicies.policy.networking.k8s.io']);
    expect(names).toEqual(expect.arrayContaining(['istios.operator.tigera.io', 'installations.operator.tigera.io', 'ippools.crd.projectcalico.org']));
    expect(OPERATOR_CRDS).toHaveLength(9);
    expect(CALICO_V1_CRDS).toHaveLength(22);
    for (const c of crds) {
      const schema = c.spec.versions[0].schema.openAPIV3Schema;
      expect([c.metadata.name, schema['x-kubernetes-preserve-unknown-fields'] === true && !schema.properties]).toEqual([c.metadata.name, false]);
    }
    const status = objects.find((o) => o.metadata.name === 'tigerastatuses.operator.tigera.io');
    expect(Object.keys(status.spec.versions[0].schema.openAPIV3Schema.properties)).toEqual(expect.arrayContaining(['spec', 'status']));
  });

  test('then the namespace (privileged), the install, and the Installation last', () => {
    const install = objects.slice(32, -1);
    expect(install.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/tigera-operator',
      'ServiceAccount/tigera-operator',
      'ClusterRole/tigera-operator-secrets',
      'ClusterRole/tigera-operator',
      'ClusterRoleBinding/tigera-operator',
      'RoleBinding/tigera-operator-secrets',
      'Deployment/tigera-operator',
    ]);
    expect(install[0].metadata.labels).toEqual({
      name: 'tigera-operator',
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    });
    expect(objects[objects.length - 1].kind).toBe('Installation');
  });

  test('the parts: CRDs, install and custom resources apart, the CRDs frozen and shared between renders', () => {
    const plan = fieldReportPlan();
    const parts = renderOperatorParts(plan);
    expect(parts.crds.every((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    expect(parts.install.some((o) => o.kind === 'CustomResourceDefinition' || o.kind === 'Installation')).toBe(false);
    expect(parts.customResources.map((o) => o.kind)).toEqual(['Installation']);
    expect(renderOperatorInstall(plan)).toEqual(parts.install);
    expect(renderOperatorCustomResources(plan)).toEqual(parts.customResources);
    // No per-stack copy of ~3 MB of schemas: the same frozen objects every time.
    expect(renderOperatorCrds(plan)).toBe(renderOperatorCrds(ClusterNetwork.plan(IPV6_ONLY)));
    expect(Object.isFrozen(parts.crds[0])).toBe(true);
    expect(Object.isFrozen((parts.crds[0] as any).spec.versions[0].schema.openAPIV3Schema)).toBe(true);
    expect(parts.crds).toBe(calicoUpstream().operatorCrds);
  });

  test('rendering never mutates the shared upstream objects', () => {
    const before = JSON.stringify(calicoUpstream().tigeraOperator);
    renderCalicoOperator(fieldReportPlan(), { version: 'v3.31.3' });
    expect(JSON.stringify(calicoUpstream().tigeraOperator)).toBe(before);
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

  test('an Nftables Installation is valid against the CRD we ship (upstream v3.32.1 enum Iptables;BPF;VPP;Nftables)', () => {
    const objs = renderCalicoOperator(fieldReportPlan(), { linuxDataplane: CalicoLinuxDataplane.NFTABLES });
    const r = checkCustomResource(installationOf(objs), objs);
    expect(r).toMatchObject({ by: 'crd', errors: [] });
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
