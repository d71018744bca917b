import { CalicoEncapsulation, CalicoLinuxDataplane, CalicoMode, NodeAddressAutodetection, renderCalicoManifest } from '../../lib/cni';
import { renderCalicoManifestParts, renderManifestCrds } from '../../lib/cni/calico';
import { calicoUpstream } from '../../lib/upstream/calico';
import { checkPolicy, DEFAULT_POLICY_EXEMPTIONS } from '../../lib/policy';
import { ClusterNetwork } from '../../lib/plan';
import { containers, envOf, FIELD_REPORT, fieldReportPlan, forSnapshot, IPV4_ONLY, IPV6_ONLY, validateKnown } from './helpers';

const node = (objs: any[]) => objs.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'calico-node');
const nodeEnv = (objs: any[]) => envOf(node(objs).spec.template.spec.containers[0]);
const cniConf = (objs: any[]) => objs.find((o) => o.kind === 'ConfigMap').data.cni_network_config as string;

describe('Calico manifest mode', () => {
  const objects: any[] = renderCalicoManifest(fieldReportPlan(), { mode: CalicoMode.MANIFEST });

  test('calico-node env carries the plan values exactly (field report §5.2)', () => {
    expect(nodeEnv(objects)).toEqual({
      DATASTORE_TYPE: 'kubernetes',
      WAIT_FOR_DATASTORE: 'true',
      CLUSTER_TYPE: 'k8s,bgp',
      IP: 'autodetect',
      IP_AUTODETECTION_METHOD: 'cidr=192.168.101.0/24',
      IP6: 'autodetect',
      IP6_AUTODETECTION_METHOD: 'cidr=2003:ac18::/64',
      CALICO_IPV4POOL_CIDR: '172.16.0.0/16',
      CALICO_IPV4POOL_BLOCK_SIZE: '26',
      CALICO_IPV4POOL_IPIP: 'Never',
      CALICO_IPV4POOL_VXLAN: 'CrossSubnet',
      CALICO_IPV4POOL_NAT_OUTGOING: 'true',
      CALICO_IPV4POOL_NODE_SELECTOR: 'all()',
      CALICO_IPV6POOL_CIDR: 'fc00::/48',
      CALICO_IPV6POOL_BLOCK_SIZE: '122',
      CALICO_IPV6POOL_VXLAN: 'CrossSubnet',
      CALICO_IPV6POOL_NAT_OUTGOING: 'true',
      CALICO_IPV6POOL_NODE_SELECTOR: 'all()',
      CALICO_DISABLE_FILE_LOGGING: 'true',
      FELIX_DEFAULTENDPOINTTOHOSTACTION: 'ACCEPT',
      FELIX_IPV6SUPPORT: 'true',
      FELIX_HEALTHENABLED: 'true',
      FELIX_NFTABLESMODE: 'Disabled',
    });
  });

  test('the CNI conf asks calico-ipam for both families as the strings "true"', () => {
    expect(cniConf(objects)).toContain('"assign_ipv4": "true"');
    expect(cniConf(objects)).toContain('"assign_ipv6": "true"');
    expect(cniConf(objects)).toContain('"mtu": __CNI_MTU__,');
    const cm = objects.find((o) => o.kind === 'ConfigMap');
    expect(cm.data.typha_service_name).toBe('none');
    expect(cm.data.veth_mtu).toBe('0');
  });

  test('IPv6-only: IP=none, CALICO_ROUTER_ID=hash, assign_ipv4 "false", no IPv4 pool env', () => {
    const objs: any[] = renderCalicoManifest(ClusterNetwork.plan(IPV6_ONLY));
    const e = nodeEnv(objs);
    expect(e.IP).toBe('none');
    expect(e.IP6).toBe('autodetect');
    expect(e.CALICO_ROUTER_ID).toBe('hash');
    expect(e.CALICO_IPV6POOL_CIDR).toBe('fd12:3456:789a::/48');
    expect(Object.keys(e).filter((k) => k.startsWith('CALICO_IPV4POOL') || k === 'IP_AUTODETECTION_METHOD')).toEqual([]);
    expect(cniConf(objs)).toContain('"assign_ipv4": "false"');
    expect(cniConf(objs)).toContain('"assign_ipv6": "true"');
  });

  test('IPv4-only: IP6=none and FELIX_IPV6SUPPORT=false', () => {
    const e = nodeEnv(renderCalicoManifest(ClusterNetwork.plan(IPV4_ONLY)));
    expect(e.IP6).toBe('none');
    expect(e.FELIX_IPV6SUPPORT).toBe('false');
    expect(e.CALICO_ROUTER_ID).toBeUndefined();
    expect(e.IP_AUTODETECTION_METHOD).toBe('kubernetes-internal-ip');
  });

  test.each([
    [CalicoEncapsulation.IPIP, 'Always', 'Never'],
    [CalicoEncapsulation.IPIP_CROSS_SUBNET, 'CrossSubnet', 'Never'],
    [CalicoEncapsulation.VXLAN, 'Never', 'Always'],
    [CalicoEncapsulation.VXLAN_CROSS_SUBNET, 'Never', 'CrossSubnet'],
    [CalicoEncapsulation.NONE, 'Never', 'Never'],
  ])('IPv4 encapsulation %s → IPIP %s, VXLAN %s', (enc, ipip, vxlan) => {
    const e = nodeEnv(renderCalicoManifest(fieldReportPlan(), { ipv4Pool: { encapsulation: enc, natOutgoing: false, blockSize: 24 } }));
    expect([e.CALICO_IPV4POOL_IPIP, e.CALICO_IPV4POOL_VXLAN, e.CALICO_IPV4POOL_NAT_OUTGOING, e.CALICO_IPV4POOL_BLOCK_SIZE]).toEqual([ipip, vxlan, 'false', '24']);
  });

  test('autodetection factories map to calico-node method strings', () => {
    const e = nodeEnv(
      renderCalicoManifest(fieldReportPlan(), {
        nodeAddressAutodetectionV4: NodeAddressAutodetection.canReach('192.168.101.1'),
        nodeAddressAutodetectionV6: NodeAddressAutodetection.skipInterface('docker.*'),
      }),
    );
    expect([e.IP_AUTODETECTION_METHOD, e.IP6_AUTODETECTION_METHOD]).toEqual(['can-reach=192.168.101.1', 'skip-interface=docker.*']);
    expect(NodeAddressAutodetection.interface('eth0').toEnvValue()).toBe('interface=eth0');
    expect(NodeAddressAutodetection.firstFound().toEnvValue()).toBe('first-found');
  });

  test('fails when an autodetection CIDR does not parse (validated at the factory)', () => {
    expect(() => NodeAddressAutodetection.cidrs(['192.168.101.0/33'])).toThrow(/not a valid CIDR/);
    expect(() => NodeAddressAutodetection.interface('')).toThrow(/non-empty/);
  });

  test('privileged only in calico-node and its init containers (upstream calico.yaml: upgrade-ipam, install-cni, ebpf-bootstrap), each pod template saying why', () => {
    const privileged = containers(objects).filter(({ c }) => c.securityContext?.privileged).map(({ owner, c }) => `${owner}:${c.name}`);
    expect(privileged).toEqual(['DaemonSet/calico-node:upgrade-ipam', 'DaemonSet/calico-node:install-cni', 'DaemonSet/calico-node:ebpf-bootstrap', 'DaemonSet/calico-node:calico-node']);
    expect(node(objects).spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason']).toMatch(/CNI dataplane/);
    const kc = objects.find((o) => o.kind === 'Deployment');
    expect(kc.spec.template.spec.hostNetwork).toBeUndefined();
    expect(kc.spec.template.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
      runAsUser: 999,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('images are pinned to the chosen Calico release', () => {
    expect(containers(objects).map(({ c }) => c.image)).toEqual([
      'quay.io/calico/cni:v3.32.1',
      'quay.io/calico/cni:v3.32.1',
      'quay.io/calico/node:v3.32.1',
      'quay.io/calico/node:v3.32.1',
      'quay.io/calico/kube-controllers:v3.32.1',
    ]);
    const older = renderCalicoManifest(fieldReportPlan(), { mode: CalicoMode.MANIFEST, version: 'v3.31.3' });
    expect(new Set(containers(older).map(({ c }) => c.image.split(':')[1]))).toEqual(new Set(['v3.31.3']));
  });

  test('service accounts, requests everywhere, all known kinds valid', () => {
    expect(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['calico-kube-controllers', 'calico-node', 'calico-cni-plugin']);
    expect(containers(objects).length).toBeGreaterThan(0);
    for (const { c } of containers(objects)) expect([c.name, c.resources.requests.cpu !== undefined && c.resources.requests.memory !== undefined]).toEqual([c.name, true]);
    expect(validateKnown(objects)).toEqual([]);
  });

  test('RBAC is upstream\'s: the only wildcards are calico-kube-controllers\' on projectcalico.org and crd.projectcalico.org', () => {
    const wild = objects
      .filter((o) => o.kind === 'ClusterRole')
      .flatMap((o) => o.rules.filter((r: any) => ['apiGroups', 'resources', 'verbs'].some((f) => r[f].includes('*'))).map((r: any) => `${o.metadata.name}:${r.apiGroups.join(',')}/${r.resources.join(',')}`));
    expect(wild).toEqual(['calico-kube-controllers:projectcalico.org/*', 'calico-kube-controllers:crd.projectcalico.org/*']);
    for (const o of objects.filter((x) => x.kind === 'ClusterRole')) {
      expect(o.rules).toEqual((calicoUpstream().manifest.find((u) => u.kind === 'ClusterRole' && u.metadata.name === o.metadata.name) as any).rules);
    }
  });

  test('the policy exempts exactly ClusterRole calico-kube-controllers from rbac-no-wildcards, with a reason', () => {
    expect(checkPolicy(objects).filter((v) => v.rule === 'rbac-no-wildcards')).toEqual([]);
    const renamed = { ...objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'calico-kube-controllers'), metadata: { name: 'other' } };
    expect(checkPolicy([renamed]).map((v) => v.rule)).toEqual(['rbac-no-wildcards', 'rbac-no-wildcards']);
    expect(DEFAULT_POLICY_EXEMPTIONS.map((e) => `${e.rule}:${e.kind}/${e.name}`)).toEqual(['rbac-no-wildcards:ClusterRole/calico-kube-controllers']);
  });

  test('ClusterRole calico-kube-controllers covers its migration controller (datastoremigrations, CRDs, APIServices)', () => {
    const rules = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'calico-kube-controllers').rules;
    const grants = (group: string, resource: string, verb: string) => rules.some((r: any) => r.apiGroups.includes(group) && (r.resources.includes(resource) || r.resources.includes('*')) && r.verbs.includes(verb));
    expect(grants('migration.projectcalico.org', 'datastoremigrations', 'create')).toBe(true);
    expect(grants('migration.projectcalico.org', 'datastoremigrations/status', 'patch')).toBe(true);
    expect(grants('apiextensions.k8s.io', 'customresourcedefinitions', 'delete')).toBe(true);
    expect(grants('apiregistration.k8s.io', 'apiservices', 'create')).toBe(true);
    expect(grants('projectcalico.org', 'ippools', 'create')).toBe(true);
    expect(grants('apps', 'deployments', 'watch')).toBe(true);
  });

  test('ships upstream\'s PodDisruptionBudget calico-kube-controllers and ClusterRole/Binding calico-tier-getter', () => {
    expect(objects.find((o) => o.kind === 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } } });
    const b = objects.find((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'calico-tier-getter');
    expect(b.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:kube-controller-manager' }]);
  });

  test('CRDs first: calico.yaml\'s 23, with real schemas, frozen and shared', () => {
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds).toHaveLength(23);
    expect(objects.slice(0, 23)).toEqual(crds);
    expect(crds.filter((c) => c.spec.group === 'crd.projectcalico.org')).toHaveLength(22);
    const ippools = crds.find((c) => c.metadata.name === 'ippools.crd.projectcalico.org');
    expect(Object.keys(ippools.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties)).toEqual(expect.arrayContaining(['cidr', 'blockSize', 'ipipMode', 'vxlanMode', 'natOutgoing', 'nodeSelector']));
    for (const c of crds) expect([c.metadata.name, c.spec.versions[0].schema.openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] === true]).toEqual([c.metadata.name, false]);
    expect(renderManifestCrds()).toBe(calicoUpstream().manifestCrds);
    expect(Object.isFrozen(crds[0])).toBe(true);
  });

  test('CRD caliconodestatuses.crd.projectcalico.org has no status subresource (upstream: calico-node writes status with a plain update)', () => {
    const crd = objects.find((o) => o.metadata.name === 'caliconodestatuses.crd.projectcalico.org');
    expect(crd.spec.versions[0].subresources).toBeUndefined();
    const withStatus = objects.filter((o) => o.kind === 'CustomResourceDefinition' && o.spec.versions[0].subresources?.status).map((o) => o.metadata.name);
    expect(withStatus).toEqual(['kubecontrollersconfigurations.crd.projectcalico.org', 'clusternetworkpolicies.policy.networking.k8s.io']);
  });

  test('the parts: CRDs and install apart, no custom resources', () => {
    const p = renderCalicoManifestParts(fieldReportPlan(), { mode: CalicoMode.MANIFEST });
    expect(p.customResources).toEqual([]);
    expect([...p.crds, ...p.install]).toEqual(objects);
    expect(p.install.some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
  });

  test('the nftables dataplane turns Felix nftablesMode on (FELIX_NFTABLESMODE=Enabled)', () => {
    const nft = renderCalicoManifest(fieldReportPlan(), { mode: CalicoMode.MANIFEST, linuxDataplane: CalicoLinuxDataplane.NFTABLES });
    expect(nodeEnv(nft).FELIX_NFTABLESMODE).toBe('Enabled');
    expect(nodeEnv(objects).FELIX_NFTABLESMODE).toBe('Disabled');
  });

  test.each(['1.18', '1.24', '1.25', '1.33'])('calico-kube-controllers on %s tolerates both control-plane taints, as upstream (the master one only exists before 1.25)', (version) => {
    const plan = ClusterNetwork.plan({ ...FIELD_REPORT, kubernetesVersion: version, featureGates: version === '1.18' ? { IPv6DualStack: true } : undefined });
    const kc: any = renderCalicoManifest(plan, { mode: CalicoMode.MANIFEST }).find((o: any) => o.kind === 'Deployment');
    expect(kc.spec.template.spec.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
  });

  test('before 1.19 the seccomp profile is the pod annotation, not the field', () => {
    const plan = ClusterNetwork.plan({ ...FIELD_REPORT, kubernetesVersion: '1.18', featureGates: { IPv6DualStack: true } });
    const objs: any[] = renderCalicoManifest(plan, { mode: CalicoMode.MANIFEST });
    const ds = node(objs);
    expect(ds.spec.template.spec.securityContext).toBeUndefined();
    expect(ds.spec.template.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']).toBe('runtime/default');
  });

  test('golden: field report, manifest mode', () => {
    expect(forSnapshot(objects)).toMatchSnapshot();
  });
});
