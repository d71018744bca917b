import { CiliumIpamMode, CiliumRoutingMode, CiliumTunnelProtocol, renderCiliumValues, nodesShareL2, checkCiliumValueKeys } from '../../../lib/cni/cilium';
import { ciliumPlan, ciliumSchemaValidator } from './fixtures';

const validate = ciliumSchemaValidator();
const MODES = [
  [CiliumIpamMode.KUBERNETES, CiliumRoutingMode.TUNNEL],
  [CiliumIpamMode.KUBERNETES, CiliumRoutingMode.NATIVE],
  [CiliumIpamMode.CLUSTER_POOL, CiliumRoutingMode.TUNNEL],
  [CiliumIpamMode.CLUSTER_POOL, CiliumRoutingMode.NATIVE],
] as const;

describe('renderCiliumValues', () => {
  test.each(MODES)('ipam %s, routing %s: valid against the chart schema and key tree', (ipam, routingMode) => {
    const values = renderCiliumValues(ciliumPlan(), { ipam, routingMode, kubeProxyReplacement: true });
    expect(validate(values)).toEqual([]);
    expect(checkCiliumValueKeys(values, '1.19.6')).toEqual([]);
    expect(values.ipam).toMatchObject({ mode: ipam });
    expect(values.routingMode).toBe(routingMode);
  });

  test('both families on for a dual-stack plan, one for a single-stack plan', () => {
    expect(renderCiliumValues(ciliumPlan())).toMatchObject({ ipv4: { enabled: true }, ipv6: { enabled: true } });
    const v4 = renderCiliumValues(ciliumPlan({ podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n', ipv4: '192.168.30.11/24' }] }));
    expect(v4).toMatchObject({ ipv4: { enabled: true }, ipv6: { enabled: false }, k8s: { requireIPv4PodCIDR: true } });
    expect(v4.k8s).not.toHaveProperty('requireIPv6PodCIDR');
  });

  test('IPAM kubernetes (default): the agent waits for the Node podCIDRs of both families', () => {
    const values = renderCiliumValues(ciliumPlan());
    expect(values.ipam).toEqual({ mode: 'kubernetes' });
    expect(values.k8s).toEqual({ requireIPv4PodCIDR: true, requireIPv6PodCIDR: true });
  });

  test('cluster-pool: pools and masks from the plan, never Cilium defaults (10.0.0.0/8, fd00::/104)', () => {
    const values = renderCiliumValues(ciliumPlan({ nodeMaskIPv4: 25 }), { ipam: CiliumIpamMode.CLUSTER_POOL });
    expect(values.ipam).toEqual({
      mode: 'cluster-pool',
      operator: {
        clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'],
        clusterPoolIPv4MaskSize: 25,
        clusterPoolIPv6PodCIDRList: ['fd7a:115c:a1e0::/56'],
        clusterPoolIPv6MaskSize: 64,
      },
    });
    expect(values).not.toHaveProperty('k8s');
  });

  test('tunnel routing (default): vxlan, no native-routing keys', () => {
    const values = renderCiliumValues(ciliumPlan());
    expect(values).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'vxlan' });
    expect(values).not.toHaveProperty('ipv4NativeRoutingCIDR');
    expect(values).not.toHaveProperty('autoDirectNodeRoutes');
    expect(renderCiliumValues(ciliumPlan(), { tunnelProtocol: CiliumTunnelProtocol.GENEVE }).tunnelProtocol).toBe('geneve');
  });

  test('native routing: native-routing CIDRs are the pod CIDRs; direct node routes on one L2 segment', () => {
    const values = renderCiliumValues(ciliumPlan(), { routingMode: CiliumRoutingMode.NATIVE });
    expect(values).toMatchObject({
      routingMode: 'native',
      ipv4NativeRoutingCIDR: '10.244.0.0/16',
      ipv6NativeRoutingCIDR: 'fd7a:115c:a1e0::/56',
      autoDirectNodeRoutes: true,
    });
    expect(values).not.toHaveProperty('tunnelProtocol');
  });

  test('native routing across two IPv4 subnets: no autoDirectNodeRoutes', () => {
    const plan = ciliumPlan({ nodes: [
      { name: 'node-1', ipv4: '192.168.30.11/24', ipv6: 'fd7a:115c:a1e0:300::11/64', controlPlane: true },
      { name: 'node-2', ipv4: '192.168.31.12/24', ipv6: 'fd7a:115c:a1e0:300::12/64' },
    ] });
    expect(nodesShareL2(plan)).toBe(false);
    expect(renderCiliumValues(plan, { routingMode: CiliumRoutingMode.NATIVE }).autoDirectNodeRoutes).toBe(false);
  });

  test('masquerade per family and bpf.masquerade only where chosen', () => {
    const values = renderCiliumValues(ciliumPlan(), { masquerade: { ipv6: false } });
    expect(values).toMatchObject({ enableIPv4Masquerade: true, enableIPv6Masquerade: false });
    expect(values).not.toHaveProperty('bpf');
    expect(renderCiliumValues(ciliumPlan(), { bpfMasquerade: true }).bpf).toEqual({ masquerade: true });
  });

  test('kube-proxy replacement: k8sServiceHost/Port from the control-plane node (primary family) and 6443', () => {
    const values = renderCiliumValues(ciliumPlan(), { kubeProxyReplacement: true });
    expect(values).toMatchObject({ kubeProxyReplacement: true, k8sServiceHost: '192.168.30.11', k8sServicePort: 6443 });
    expect(renderCiliumValues(ciliumPlan())).toMatchObject({ kubeProxyReplacement: false });
    expect(renderCiliumValues(ciliumPlan())).not.toHaveProperty('k8sServiceHost');
  });

  test.each([
    ['api.example.internal:8443', 'api.example.internal', 8443],
    ['[fd7a:115c:a1e0:300::5]:6443', 'fd7a:115c:a1e0:300::5', 6443],
  ])('kube-proxy replacement: the control-plane endpoint %s wins', (endpoint, host, port) => {
    const values = renderCiliumValues(ciliumPlan(), { kubeProxyReplacement: true }, { controlPlaneEndpoint: endpoint });
    expect(values).toMatchObject({ k8sServiceHost: host, k8sServicePort: port });
  });

  test('further values are merged in after ours, the plan\'s values winning', () => {
    const values = renderCiliumValues(ciliumPlan(), { values: { hubble: { relay: { enabled: true } }, ipam: { mode: 'cluster-pool', ciliumNodeUpdateRate: '15s' } } });
    expect(values.hubble).toEqual({ relay: { enabled: true } });
    expect(values.ipam).toEqual({ mode: 'kubernetes', ciliumNodeUpdateRate: '15s' });
    expect(Object.keys(values).slice(-1)).toEqual(['hubble']);
    expect(validate(values)).toEqual([]);
  });

  test('deterministic: the same input gives the same JSON', () => {
    const a = JSON.stringify(renderCiliumValues(ciliumPlan(), { ipam: CiliumIpamMode.CLUSTER_POOL, routingMode: CiliumRoutingMode.NATIVE }));
    expect(JSON.stringify(renderCiliumValues(ciliumPlan(), { ipam: CiliumIpamMode.CLUSTER_POOL, routingMode: CiliumRoutingMode.NATIVE }))).toBe(a);
  });
});

describe('checkCiliumValueKeys', () => {
  test('fails when requireIPv6PodCIDR is at the top level (it belongs under k8s., cilium#44436)', () => {
    const values = { ...renderCiliumValues(ciliumPlan()), requireIPv6PodCIDR: true };
    expect(validate(values)).toEqual([]); // the schema lets it through
    const [f, ...rest] = checkCiliumValueKeys(values, '1.19.6');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', code: 'cilium-values-unknown-key', path: 'values.requireIPv6PodCIDR' });
    expect(f.fix).toBe('move it to "k8s.requireIPv6PodCIDR"');
  });

  test('fails when kubeProxyReplacement is misspelt, suggesting the key', () => {
    const [f] = checkCiliumValueKeys({ kubeProxyReplacment: true }, '1.19.6');
    expect(f).toMatchObject({ path: 'values.kubeProxyReplacment' });
    expect(f.fix).toBe('did you mean "kubeProxyReplacement"?');
  });

  test('fails when a nested key is unknown, naming the whole path', () => {
    const [f] = checkCiliumValueKeys({ ipam: { operator: { clusterPoolIPv4Cidr: ['10.0.0.0/8'] } } }, '1.19.6');
    expect(f.path).toBe('values.ipam.operator.clusterPoolIPv4Cidr');
  });

  test('the vendored schema is live: it fails a value of the wrong type', () => {
    expect(validate({ ...renderCiliumValues(ciliumPlan()), enableIPv6Masquerade: 'yes' })).toEqual(['/enableIPv6Masquerade must be boolean']);
  });

  test('maps with user keys (annotations, nodeSelector) accept any key', () => {
    expect(checkCiliumValueKeys({ podAnnotations: { 'a.example/b': 'x' }, nodeSelector: { 'node-role': 'x' } }, '1.19.6')).toEqual([]);
  });

  test('an unknown chart version is reported as not checked', () => {
    expect(checkCiliumValueKeys({ anything: 1 }, '1.18.0')).toMatchObject([{ severity: 'info', code: 'cilium-values-keys-unchecked' }]);
  });
});
