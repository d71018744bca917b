import { CiliumIpamMode, CiliumRoutingMode } from '../../lib/cni/cilium';
import { ciliumChart } from '../../lib/pulumi';
import { ClusterNetwork } from '../../lib/plan/network';
import { CILIUM_SPEC } from '../cni/cilium/fixtures';
import { installMocks, registered } from './mocks';

const registrations = installMocks();
const network = ClusterNetwork.of(CILIUM_SPEC);

describe('ciliumChart (Pulumi helm.v4.Chart)', () => {
  test('registers the cilium chart from https://helm.cilium.io at 1.19.6 in kube-system with the plan\'s values', async () => {
    const chart = ciliumChart('cilium', { network, cilium: { ipam: CiliumIpamMode.CLUSTER_POOL, routingMode: CiliumRoutingMode.NATIVE, kubeProxyReplacement: true } });
    await registered([chart]);
    const r = registrations.find((x) => x.type === 'kubernetes:helm.sh/v4:Chart' && x.name === 'cilium');
    expect(r).toBeDefined();
    expect(r!.inputs).toMatchObject({ chart: 'cilium', version: '1.19.6', namespace: 'kube-system', name: 'cilium', repositoryOpts: { repo: 'https://helm.cilium.io' } });
    expect(r!.inputs.values).toMatchObject({
      ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'], clusterPoolIPv6PodCIDRList: ['fd7a:115c:a1e0::/56'] } },
      routingMode: 'native',
      ipv6NativeRoutingCIDR: 'fd7a:115c:a1e0::/56',
      kubeProxyReplacement: true,
      k8sServiceHost: '192.168.30.11',
      k8sServicePort: 6443,
    });
  });

  test('a local chart path is used as given, without repository or version', async () => {
    const chart = ciliumChart('local', { network, cilium: { chart: './charts/cilium-1.19.6.tgz' } });
    await registered([chart]);
    const r = registrations.find((x) => x.type === 'kubernetes:helm.sh/v4:Chart' && x.name === 'local');
    expect(r!.inputs.chart).toBe('./charts/cilium-1.19.6.tgz');
    expect(r!.inputs).not.toHaveProperty('repositoryOpts');
  });

  test('fails when a rule fails, registering nothing', () => {
    const before = registrations.length;
    expect(() => ciliumChart('bad', { network, cilium: { kubeProxyReplacement: true, k8sServiceHost: '10.96.0.1' } })).toThrow(/cilium-kpr-api-host-service-ip/);
    expect(registrations.length).toBe(before);
  });
});
