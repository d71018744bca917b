import { CalicoEncapsulation, CalicoLinuxDataplane, CalicoMode, NodeAddressAutodetection, renderCalicoManifest } from '../../lib/cni';
import { ClusterNetwork } from '../../lib/plan';
import { containers, envOf, FIELD_REPORT, fieldReportPlan, forSnapshot, IPV4_ONLY, IPV6_ONLY, rbacRules, validateKnown } from './helpers';

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

  test('privileged only in calico-node and its init containers, each pod template saying why', () => {
    const privileged = containers(objects).filter(({ c }) => c.securityContext?.privileged).map(({ owner, c }) => `${owner}:${c.name}`);
    expect(privileged).toEqual(['DaemonSet/calico-node:install-cni', 'DaemonSet/calico-node:mount-bpffs', 'DaemonSet/calico-node:calico-node']);
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
      'quay.io/calico/cni:v3.32.2',
      'quay.io/calico/node:v3.32.2',
      'quay.io/calico/node:v3.32.2',
      'quay.io/calico/kube-controllers:v3.32.2',
    ]);
  });

  test('service accounts, RBAC without wildcards, requests everywhere, all known kinds valid', () => {
    expect(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['calico-node', 'calico-cni-plugin', 'calico-kube-controllers']);
    expect(rbacRules(objects).length).toBeGreaterThan(0);
    expect(containers(objects).length).toBeGreaterThan(0);
    for (const r of rbacRules(objects)) for (const f of ['apiGroups', 'resources', 'verbs']) expect(r[f]).not.toContain('*');
    for (const { c } of containers(objects)) expect(c.resources.requests).toBeDefined();
    expect(validateKnown(objects)).toEqual([]);
  });

  test('the nftables dataplane turns Felix nftablesMode on (FELIX_NFTABLESMODE=Enabled)', () => {
    const nft = renderCalicoManifest(fieldReportPlan(), { mode: CalicoMode.MANIFEST, linuxDataplane: CalicoLinuxDataplane.NFTABLES });
    expect(nodeEnv(nft).FELIX_NFTABLESMODE).toBe('Enabled');
    expect(nodeEnv(objects).FELIX_NFTABLESMODE).toBe('Disabled');
  });

  // kubeadm: master taint only before 1.24, both in 1.24 (kubernetes#107533), control-plane only from 1.25 (kubernetes#110095).
  test.each<[string, string[]]>([
    ['1.18', ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']],
    ['1.24', ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']],
    ['1.25', ['node-role.kubernetes.io/control-plane']],
    ['1.33', ['node-role.kubernetes.io/control-plane']],
  ])('calico-kube-controllers on %s tolerates the control-plane taints kubeadm applies', (version, keys) => {
    const plan = ClusterNetwork.plan({ ...FIELD_REPORT, kubernetesVersion: version, featureGates: version === '1.18' ? { IPv6DualStack: true } : undefined });
    const kc: any = renderCalicoManifest(plan, { mode: CalicoMode.MANIFEST }).find((o: any) => o.kind === 'Deployment');
    expect(kc.spec.template.spec.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      ...keys.map((key) => ({ key, effect: 'NoSchedule' })),
    ]);
  });

  test('golden: field report, manifest mode', () => {
    expect(forSnapshot(objects)).toMatchSnapshot();
  });
});
