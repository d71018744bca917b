import { ClusterNetwork } from '../../lib/plan';
import { calicoFindings } from '../../lib/cni/calico/rules';
import { flannelFindings } from '../../lib/cni/flannel/rules';
import { gatewayFindings, ingressNginxFindings, kongFindings } from '../../lib/ingress/rules';
import { CalicoMode } from '../../lib/cni/options';
import { DEFAULT_CALICO_VERSION, DEFAULT_FLANNEL_CNI_PLUGIN_VERSION, DEFAULT_FLANNEL_VERSION } from '../../lib/cni/versions';
import { ENVOY_GATEWAY_VERSION, GATEWAY_API_VERSION, INGRESS_NGINX_IMAGE, KONG_GATEWAY_VERSION, KONG_INGRESS_CONTROLLER_VERSION } from '../../lib/ingress/versions';

const plan = ClusterNetwork.plan({ kubernetesVersion: '1.36', podCidrs: ['10.244.0.0/16', 'fd4b:8872:9025::/56'], serviceCidrs: ['10.96.0.0/16', 'fd4b:8872:9025:100::/112'] });
const unpinned = (fs: readonly { code: string; severity: string; path: string }[]) => fs.filter((f) => f.code === 'version-not-in-pin-table').map((f) => [f.severity, f.path]);

describe('pins', () => {
  test('Envoy Gateway v1.9.0 with Gateway API v1.6.1; KIC 3.5.13 with Kong 3.9.3; ingress-nginx controller-v1.15.1', () => {
    expect([ENVOY_GATEWAY_VERSION, GATEWAY_API_VERSION]).toEqual(['v1.9.0', 'v1.6.1']);
    expect([KONG_INGRESS_CONTROLLER_VERSION, KONG_GATEWAY_VERSION]).toEqual(['3.5.13', '3.9.3']);
    expect(INGRESS_NGINX_IMAGE).toMatch(/controller:v1\.15\.1@sha256:/);
  });
});

describe('a version the pin table does not know', () => {
  test.each<[string, () => readonly { code: string; severity: string; path: string }[], string]>([
    ['Calico (manifest mode)', () => calicoFindings(plan, { mode: CalicoMode.MANIFEST, version: 'v3.30.9' }), 'cni.calico.version'],
    ['flannel', () => flannelFindings(plan, { version: 'v0.27.0' }), 'cni.flannel.version'],
    ['the flannel CNI plugin', () => flannelFindings(plan, { cniPluginVersion: 'v1.7.1-flannel1' }), 'cni.flannel.cniPluginVersion'],
    ['ingress-nginx', () => ingressNginxFindings(plan, { image: 'registry.k8s.io/ingress-nginx/controller:v1.14.0' }), 'ingressNginx.image'],
    ['the Kong Ingress Controller', () => kongFindings(plan, { controllerVersion: '3.4.9' }), 'kong.controllerVersion'],
    ['the Kong gateway', () => kongFindings(plan, { controllerVersion: KONG_INGRESS_CONTROLLER_VERSION, gatewayVersion: '3.8.0' }), 'kong.gatewayVersion'],
    ['Envoy Gateway', () => gatewayFindings(plan, { envoyGatewayVersion: 'v1.8.2' }), 'gateway.envoyGatewayVersion'],
  ])('warns for %s', (_name, run, path) => {
    expect(unpinned(run())).toEqual([['warning', path]]);
  });

  test.each<[string, () => readonly { code: string; severity: string; path: string }[]]>([
    ['Calico', () => calicoFindings(plan, { mode: CalicoMode.MANIFEST, version: DEFAULT_CALICO_VERSION })],
    ['flannel', () => flannelFindings(plan, { version: DEFAULT_FLANNEL_VERSION, cniPluginVersion: DEFAULT_FLANNEL_CNI_PLUGIN_VERSION })],
    ['ingress-nginx', () => ingressNginxFindings(plan, { image: INGRESS_NGINX_IMAGE })],
    ['Kong', () => kongFindings(plan, { controllerVersion: KONG_INGRESS_CONTROLLER_VERSION, gatewayVersion: KONG_GATEWAY_VERSION })],
    ['Envoy Gateway', () => gatewayFindings(plan, { envoyGatewayVersion: ENVOY_GATEWAY_VERSION })],
  ])('accepts the pinned %s', (_name, run) => {
    expect(unpinned(run())).toEqual([]);
  });

  test('fails when Envoy Gateway predates EnvoyProxy.spec.ipFamily', () => {
    expect(gatewayFindings(plan, { envoyGatewayVersion: 'v1.1.3' }).map((f) => [f.severity, f.code])).toEqual([['error', 'envoy-gateway-too-old']]);
  });
});

describe('Kong lifecycle', () => {
  test('KIC 3.5 is maintenance-only and OSS Kong ends at 3.9.x: an info naming Kong Operator', () => {
    const f = kongFindings(plan, { controllerVersion: KONG_INGRESS_CONTROLLER_VERSION }).find((x) => x.code === 'kong-maintenance-only');
    expect(f?.severity).toBe('info');
    expect(f?.message).toMatch(/maintenance-only 3\.5 line.*3\.9\.x/);
    expect(f?.fix).toContain('Kong Operator');
  });

  test('another KIC line gets no 3.5 lifecycle info', () => {
    expect(kongFindings(plan, { controllerVersion: '3.4.9' }).map((x) => x.code)).not.toContain('kong-maintenance-only');
  });
});
