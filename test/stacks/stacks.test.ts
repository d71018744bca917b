import { ClusterNetwork, ClusterNetworkSpec } from '../../lib';
import { STACK_PROPS } from '../../stacks/registry';
import { calicoManifestIpvs } from '../../stacks/calico-manifest-ipvs';
import { parse } from 'yaml';
import { forSnapshot, synthKubeadm, synthObjects, synthTree } from './synth';

const all = (objects: Record<string, any[]>) => Object.values(objects).flat();
const find = (objects: Record<string, any[]>, kind: string, name: string) => all(objects).find((o) => o.kind === kind && o.metadata?.name === name);
const env = (container: any, name: string) => container.env?.find((e: any) => e.name === name)?.value;

describe.each(Object.keys(STACK_PROPS))('stack %s', (name) => {
  const objects = synthObjects(STACK_PROPS[name]());

  test('golden manifest', () => {
    expect(forSnapshot({ ...synthKubeadm(STACK_PROPS[name]()), ...objects })).toMatchSnapshot();
  });

  test('one file per chart, numbered in apply order, CRDs first and the smoke test last', () => {
    const files = Object.keys(objects);
    const hasCrds = all(objects).some((o) => o.kind === 'CustomResourceDefinition');
    expect(files[0]).toBe(hasCrds ? '0002-crds.k8s.yaml' : '0003-host-prep.k8s.yaml');
    expect(files[files.length - 1]).toBe('0009-smoke-test.k8s.yaml');
    const numbers = files.map((f) => Number(f.slice(0, 4)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  test('the smoke test expects exactly the families of the plan, primary first', () => {
    const job = find(objects, 'Job', 'dualstack-smoke');
    const expected = ClusterNetwork.plan(STACK_PROPS[name]().network as ClusterNetworkSpec).families.join(',');
    expect(env(job.spec.template.spec.containers[0], 'EXPECT_FAMILIES')).toBe(expected);
  });
});

describe('calico-manifest-ipvs (the field report cluster)', () => {
  const objects = synthObjects(calicoManifestIpvs());
  const kubeadm = synthKubeadm(calicoManifestIpvs())['0001-kubeadm/init.kubeadm.conf'];

  test('kubeadm networking carries both families, services and pods in the report order', () => {
    const cc = kubeadm.find((d) => d.kind === 'ClusterConfiguration');
    expect(cc.apiVersion).toBe('kubeadm.k8s.io/v1beta4');
    expect(cc.networking).toMatchObject({ serviceSubnet: '10.96.0.0/12,fd00::/108', podSubnet: '172.16.0.0/16,fc00::/48' });
  });

  test('kube-proxy runs ipvs with the cluster CIDRs and NodePorts on both node networks (field report §7.1)', () => {
    const kp = kubeadm.find((d) => d.kind === 'KubeProxyConfiguration');
    expect(kp.mode).toBe('ipvs');
    expect(kp.clusterCIDR).toBe('172.16.0.0/16,fc00::/48');
    expect(kp.nodePortAddresses).toEqual(['192.168.101.0/24', '2003:ac18::/64']);
  });

  test('calico-node carries the plan\'s pools exactly', () => {
    const ds = find(objects, 'DaemonSet', 'calico-node');
    const node = ds.spec.template.spec.containers.find((c: any) => c.name === 'calico-node');
    expect(env(node, 'CALICO_IPV4POOL_CIDR')).toBe('172.16.0.0/16');
    expect(env(node, 'CALICO_IPV6POOL_CIDR')).toBe('fc00::/48');
    expect(env(node, 'FELIX_IPV6SUPPORT')).toBe('true');
  });

  test('ingress-nginx and Kong listen on fixed, distinct nodePorts with dual-stack Services', () => {
    const nginx = find(objects, 'Service', 'ingress-nginx-controller');
    expect(nginx.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(nginx.spec.ports.map((p: any) => p.nodePort)).toEqual([30080, 30443]);
    const kong = all(objects).find((o) => o.kind === 'Service' && o.metadata.namespace === 'kong' && o.spec.type === 'NodePort');
    expect(kong.spec.ports.map((p: any) => p.nodePort)).toEqual([31080, 31443]);
  });
});

describe('calico-manifest-ipvs rendered for Kubernetes 1.18 (the field report era)', () => {
  const objects = synthObjects(calicoManifestIpvs('1.18'));

  test('golden manifest', () => {
    expect(forSnapshot(objects)).toMatchSnapshot();
  });

  test('kubeadm v1beta2 with the IPv6DualStack gate', () => {
    const cc = synthKubeadm(calicoManifestIpvs('1.18'))['0001-kubeadm/init.kubeadm.conf'].find((d) => d.kind === 'ClusterConfiguration');
    expect(cc.apiVersion).toBe('kubeadm.k8s.io/v1beta2');
    expect(cc.featureGates).toEqual({ IPv6DualStack: true });
  });

  test('the application Service uses the singular ipFamily (IPv6, as in §6.1) and the Ingress is v1beta1 with serviceName/servicePort', () => {
    const svc = find(objects, 'Service', 'common-nginx');
    expect(svc.spec.ipFamily).toBe('IPv6');
    expect(svc.spec.ipFamilies).toBeUndefined();
    const ing = find(objects, 'Ingress', 'common-nginx');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1beta1');
    expect(ing.spec.rules[0].http.paths[0].backend).toEqual({ serviceName: 'common-nginx', servicePort: 80 });
  });
});

describe('cilium-dual-stack', () => {
  const props = STACK_PROPS['cilium-dual-stack']();
  const tree = synthTree(props);
  const files = Object.fromEntries(Object.entries(tree).map(([p, f]) => [p, f.text]));
  const objects = synthObjects(props);
  const kubeadm = synthKubeadm(props);

  test('golden values file and install script (what the user runs without a chart)', () => {
    expect({ values: files['0005-cni.cilium.helm-values'], install: files['0005-cni.cilium-install.sh'] }).toMatchSnapshot();
    expect(tree['0005-cni.cilium-install.sh'].executable).toBe(true);
  });

  test('no kube-proxy: kubeadm skips the addon/kube-proxy phase and writes no KubeProxyConfiguration or kube-proxy chart', () => {
    const init = kubeadm['0001-kubeadm/init.kubeadm.conf'];
    expect(init.find((d) => d.kind === 'InitConfiguration').skipPhases).toEqual(['addon/kube-proxy']);
    expect(init.some((d) => d.kind === 'KubeProxyConfiguration')).toBe(false);
    expect(Object.keys(files).some((f) => f.includes('kube-proxy'))).toBe(false);
  });

  test('the values carry IPAM kubernetes for both families, vxlan and the API server for kube-proxy replacement', () => {
    const values = parse(files['0005-cni.cilium.helm-values']);
    expect(values).toMatchObject({
      ipv4: { enabled: true },
      ipv6: { enabled: true },
      ipam: { mode: 'kubernetes' },
      k8s: { requireIPv4PodCIDR: true, requireIPv6PodCIDR: true },
      routingMode: 'tunnel',
      tunnelProtocol: 'vxlan',
      kubeProxyReplacement: true,
      k8sServiceHost: '192.168.30.11',
      k8sServicePort: 6443,
    });
  });

  test('kubectl never reads the values file, and apply.sh installs Cilium at the CNI step and waits for it', () => {
    expect(Object.keys(files).filter((f) => /\.(json|ya?ml)$/.test(f) && !f.endsWith('.k8s.yaml'))).toEqual([]);
    const apply = files['apply.sh'];
    expect(apply).toContain("bash '0005-cni.cilium-install.sh'");
    expect(apply).toContain("rollout status daemonset/'cilium'");
    expect(apply.indexOf("bash '0005-cni.cilium-install.sh'")).toBeLessThan(apply.indexOf('0009-smoke-test.k8s.yaml'));
  });

  test('the smoke test checks NodePorts on both families (served by Cilium)', () => {
    const job = find(objects, 'Job', 'dualstack-smoke');
    expect(env(job.spec.template.spec.containers[0], 'CHECK_NODE_PORT')).toBe('true');
  });
});
