import { parseHostPort } from '../../lib/net';
import { kongObjectList, kongListeners, renderKongIngress } from '../../lib/ingress/render-kong';
import { KONG_CRDS, PRESERVE_UNKNOWN_KONG_CRDS } from '../../lib/ingress/kong-crds';
import { kongFindings } from '../../lib/plan/rules/ingress';
import { checkRestricted, IPV4_ONLY, IPV6_ONLY, IPV6_PRIMARY, plan, validateAll } from './helpers';

/** Parse a Kong listen list back: each entry `host:port [flags…]`, host:port through lib/net. */
function parseListen(text: string) {
  return text.split(',').map((entry) => {
    const [hostPort, ...flags] = entry.trim().split(/\s+/);
    const hp = parseHostPort(hostPort);
    return { family: hp.address.family, address: hp.address.toString(), port: hp.port, flags };
  });
}

describe('Kong listeners', () => {
  test('dual-stack plan: the exact listen string of the issue', () => {
    expect(kongListeners(plan()).proxy).toBe('0.0.0.0:8000, [::]:8000, 0.0.0.0:8443 ssl http2, [::]:8443 ssl http2');
  });

  test('the proxy listen string parsed back has both families on both ports', () => {
    const parsed = parseListen(kongListeners(plan()).proxy);
    expect(parsed).toEqual([
      { family: 4, address: '0.0.0.0', port: 8000, flags: [] },
      { family: 6, address: '::', port: 8000, flags: [] },
      { family: 4, address: '0.0.0.0', port: 8443, flags: ['ssl', 'http2'] },
      { family: 6, address: '::', port: 8443, flags: ['ssl', 'http2'] },
    ]);
  });

  test('status and admin listeners cover both families; admin stays on loopback', () => {
    const l = kongListeners(plan());
    expect(parseListen(l.status).map((x) => `${x.family}:${x.port}`)).toEqual(['4:8100', '6:8100']);
    expect(parseListen(l.admin).map((x) => x.address)).toEqual(['127.0.0.1', '::1']);
    expect(l.adminUrl).toBe('https://127.0.0.1:8444');
  });

  test.each([
    ['IPv4-only', IPV4_ONLY, '0.0.0.0:8000, 0.0.0.0:8443 ssl http2', 'https://127.0.0.1:8444'],
    ['IPv6-only', IPV6_ONLY, '[::]:8000, [::]:8443 ssl http2', 'https://[::1]:8444'],
    ['IPv6-primary', IPV6_PRIMARY, '[::]:8000, 0.0.0.0:8000, [::]:8443 ssl http2, 0.0.0.0:8443 ssl http2', 'https://[::1]:8444'],
  ])('%s plan', (_n, over, proxy, adminUrl) => {
    const l = kongListeners(plan(over));
    expect(l.proxy).toBe(proxy);
    expect(l.adminUrl).toBe(adminUrl);
  });
});

describe('renderKongIngress', () => {
  const o = renderKongIngress(plan());
  const all = kongObjectList(o);

  test('every object is schema-valid and restricted', () => {
    expect(validateAll(all)).toBe(all.length);
    checkRestricted(all);
  });

  test('proxy env carries the listeners; controller is ≥ 2.11 and pinned', () => {
    const [proxy, kic] = (o.deployment as any).spec.template.spec.containers;
    const env = Object.fromEntries(proxy.env.map((e: any) => [e.name, e.value]));
    expect(env.KONG_PROXY_LISTEN).toBe('0.0.0.0:8000, [::]:8000, 0.0.0.0:8443 ssl http2, [::]:8443 ssl http2');
    expect(env.KONG_DATABASE).toBe('off');
    expect(proxy.image).toBe('kong:3.9.3');
    expect(kic.image).toBe('kong/kubernetes-ingress-controller:3.5.13');
  });

  test('dual-stack NodePort Service on 30080/30443', () => {
    expect((o.service as any).spec).toMatchObject({
      type: 'NodePort',
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      ports: [
        { name: 'proxy', port: 80, targetPort: 8000, nodePort: 30080 },
        { name: 'proxy-ssl', port: 443, targetPort: 8443, nodePort: 30443 },
      ],
    });
  });

  test('configurable nodePorts', () => {
    const s = renderKongIngress(plan(), { nodePorts: { http: 31080, https: 31443 } }).service as any;
    expect(s.spec.ports.map((p: any) => p.nodePort)).toEqual([31080, 31443]);
  });

  test('IngressClass kong and the CRDs the controller watches', () => {
    expect((o.ingressClass as any).spec).toEqual({ controller: 'ingress-controllers.konghq.com/kong' });
    expect(o.crds.map((c) => c.metadata.name)).toContain('kongplugins.configuration.konghq.com');
    expect(o.crds).toHaveLength(KONG_CRDS.length);
    expect(PRESERVE_UNKNOWN_KONG_CRDS).toEqual(['KongConsumerGroup', 'KongConsumer', 'KongCustomEntity', 'KongLicense', 'KongUpstreamPolicy', 'KongVault', 'TCPIngress', 'UDPIngress']);
  });

  test('RBAC grants read on every Kong CRD the controller watches', () => {
    const rules = (o.clusterRole as any).rules;
    const kong = rules.find((r: any) => r.apiGroups[0] === 'configuration.konghq.com' && r.verbs.includes('watch'));
    expect(kong.resources).toEqual(KONG_CRDS.map((c) => c.plural));
  });

  test('crds: false leaves them to another installer', () => {
    expect(renderKongIngress(plan(), { crds: false }).crds).toEqual([]);
  });
});

describe('kongFindings', () => {
  // The pin and lifecycle advisories (test/plan/pins.test.ts) are left out here.
  const codes = (v: string, over = {}) =>
    kongFindings(plan(over), { controllerVersion: v })
      .filter((f) => f.code !== 'version-not-in-pin-table' && f.code !== 'kong-maintenance-only')
      .map((f) => `${f.severity}:${f.code}`);
  test.each([
    ['accepts 3.5.13 on the dual-stack plan', '3.5.13', {}, []],
    ['accepts 2.11.0, the first bracketing release', '2.11.0', {}, []],
    ['fails when 2.10.5 meets IPv6 (#4391)', '2.10.5', {}, ['error:kong-controller-ipv6-targets']],
    ['fails when 1.0.0 meets IPv6 (field report §7.2)', '1.0.0', IPV6_ONLY, ['error:kong-controller-ipv6-targets']],
    ['accepts 2.10.5 on an IPv4-only plan', '2.10.5', IPV4_ONLY, []],
    ['fails when the version is not one', 'latest', {}, ['error:kong-controller-version']],
    ['fails when the target predates EndpointSlice v1', '3.5.13', { kubernetesVersion: '1.18' }, ['error:ingress-controller-kubernetes-too-old']],
  ])('%s', (_n, v, over, expected) => {
    expect(codes(v, over)).toEqual(expected);
  });

  test('the IPv6 refusal names the field, the value, the reason and the fix', () => {
    const [f] = kongFindings(plan(), { controllerVersion: '2.10.5' }, 'kong');
    expect(f.path).toBe('kong.controllerVersion');
    expect(f.message).toContain('"2.10.5"');
    expect(f.message).toContain('#4391');
    expect(f.fix).toContain('2.11.0');
  });
});
