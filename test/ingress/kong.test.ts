import { parseHostPort } from '../../lib/net';
import { kongObjectList, kongListeners, renderKongIngress } from '../../lib/ingress/render-kong';
import { KONG_CRDS } from '../../lib/ingress/kong-crds';
import kic from '../../lib/upstream/kong/kic-v3.5.13/kic.json';
import { kongFindings } from '../../lib/ingress/rules';
import { checkRestricted, IPV4_ONLY, IPV6_ONLY, IPV6_PRIMARY, plan, validateAll } from './helpers';

/** Parse a Kong listen list back: each entry `host:port [flags…]`, host:port through lib/net. */
function parseListen(text: string) {
  return text.split(',').map((entry) => {
    const [hostPort, ...flags] = entry.trim().split(/\s+/);
    const hp = parseHostPort(hostPort);
    return { family: hp.address.family, address: hp.address.toString(), port: hp.port, flags };
  });
}

const V4_PROXY = '0.0.0.0:8000 reuseport backlog=16384, [::]:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384, [::]:8443 http2 ssl reuseport backlog=16384';

describe('Kong listeners', () => {
  test('dual-stack plan: both families on both ports, upstream\'s listen options kept', () => {
    expect(kongListeners(plan()).proxy).toBe(V4_PROXY);
  });

  test('the proxy listen string parsed back has both families on both ports', () => {
    const parsed = parseListen(kongListeners(plan()).proxy);
    expect(parsed.map((x) => ({ family: x.family, address: x.address, port: x.port }))).toEqual([
      { family: 4, address: '0.0.0.0', port: 8000 },
      { family: 6, address: '::', port: 8000 },
      { family: 4, address: '0.0.0.0', port: 8443 },
      { family: 6, address: '::', port: 8443 },
    ]);
    expect(parsed[2].flags).toEqual(['http2', 'ssl', 'reuseport', 'backlog=16384']);
  });

  test('status listener only on the primary family (the kubelet probes status.podIP); admin on the primary loopback', () => {
    const l = kongListeners(plan());
    expect(parseListen(l.status).map((x) => `${x.address}:${x.port}`)).toEqual(['0.0.0.0:8100']);
    expect(parseListen(l.admin).map((x) => x.address)).toEqual(['127.0.0.1']);
    expect(l.adminUrl).toBe('https://127.0.0.1:8444');
  });

  test.each([
    ['IPv4-only', IPV4_ONLY, '0.0.0.0:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384', '0.0.0.0:8100', 'https://127.0.0.1:8444'],
    ['IPv6-only', IPV6_ONLY, '[::]:8000 reuseport backlog=16384, [::]:8443 http2 ssl reuseport backlog=16384', '[::]:8100', 'https://[::1]:8444'],
    [
      'IPv6-primary',
      IPV6_PRIMARY,
      '[::]:8000 reuseport backlog=16384, 0.0.0.0:8000 reuseport backlog=16384, [::]:8443 http2 ssl reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384',
      '[::]:8100',
      'https://[::1]:8444',
    ],
  ])('%s plan', (_n, over, proxy, status, adminUrl) => {
    const l = kongListeners(plan(over));
    expect(l.proxy).toBe(proxy);
    expect(l.status).toBe(status);
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

  const containers = () => (o.deployment as any).spec.template.spec.containers as any[];
  const envOf = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));

  test('Deployment ingress-kong: proxy env carries the listeners; controller is ≥ 2.11 and pinned', () => {
    const [proxy, controller] = containers();
    const env = envOf(proxy);
    expect(env.KONG_PROXY_LISTEN).toBe(V4_PROXY);
    expect(env.KONG_ADMIN_LISTEN).toBe('127.0.0.1:8444 http2 ssl reuseport backlog=16384');
    expect(env.KONG_STATUS_LISTEN).toBe('0.0.0.0:8100');
    expect(env.KONG_DATABASE).toBe('off');
    expect(env.KONG_ROUTER_FLAVOR).toBe('expressions');
    expect(proxy.image).toBe('kong:3.9.3');
    expect(controller.image).toBe('kong/kubernetes-ingress-controller:3.5.13');
    expect(envOf(controller).CONTROLLER_KONG_ADMIN_URL).toBe('https://127.0.0.1:8444');
  });

  test('Deployment ingress-kong: the Kong Manager GUI listener is off', () => {
    expect(envOf(containers()[0]).KONG_ADMIN_GUI_LISTEN).toBe('off');
  });

  test('Deployment ingress-kong: the probes use the status listener, which is on the primary family', () => {
    const [proxy] = containers();
    expect(proxy.livenessProbe.httpGet).toEqual({ path: '/status', port: 8100, scheme: 'HTTP' });
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/status', port: 8100, scheme: 'HTTP' });
    expect(parseListen(envOf(proxy).KONG_STATUS_LISTEN).map((x) => x.port)).toEqual([8100]);
  });

  test('Deployment ingress-kong: the service-account token is mounted into the controller container only', () => {
    const pod = (o.deployment as any).spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    const token = pod.volumes.find((v: any) => v.name === 'kong-serviceaccount-token');
    expect(token.projected.sources.map((s: any) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    const [proxy, controller] = containers();
    expect(controller.volumeMounts).toEqual([{ name: 'kong-serviceaccount-token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
    expect((proxy.volumeMounts ?? []).some((m: any) => m.name === 'kong-serviceaccount-token')).toBe(false);
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

  test('IngressClass kong and the 13 CRDs of the kustomize base', () => {
    expect((o.ingressClass as any).spec).toEqual({ controller: 'ingress-controllers.konghq.com/kong' });
    expect(o.crds.map((c) => c.metadata.name)).toContain('kongplugins.configuration.konghq.com');
    expect(o.crds.map((c) => c.metadata.name)).toContain('kongservicefacades.incubator.ingress-controller.konghq.com');
    expect(o.crds).toHaveLength(13);
    expect(KONG_CRDS).toHaveLength(13);
  });

  test('ClusterRole kong-ingress: configmaps list,watch (the ConfigMap controller of KIC 3.5 is always on)', () => {
    const role = o.clusterRoles.find((r) => r.metadata.name === 'kong-ingress') as any;
    const rule = role.rules.find((r: any) => r.apiGroups.includes('') && r.resources.includes('configmaps'));
    expect(rule.verbs).toEqual(expect.arrayContaining(['list', 'watch']));
  });

  test('ClusterRoles, Role and bindings: upstream\'s, verbatim (kong-ingress, kong-ingress-crds, kong-ingress-gateway)', () => {
    const up = (kind: string) => (kic.objects as any[]).filter((x) => x.kind === kind);
    expect(o.clusterRoles.map((r: any) => [r.metadata.name, r.rules])).toEqual(up('ClusterRole').map((r) => [r.metadata.name, r.rules]));
    expect((o.role as any).rules).toEqual(up('Role')[0].rules);
    expect(o.clusterRoleBindings.map((b: any) => b.subjects)).toEqual(up('ClusterRoleBinding').map((b) => b.subjects));
  });

  test('RBAC grants read on every configuration.konghq.com CRD the controller watches', () => {
    const rules = (o.clusterRoles[0] as any).rules;
    const kong = rules.find((r: any) => r.apiGroups[0] === 'configuration.konghq.com' && r.verbs.includes('watch'));
    expect(kong.resources).toEqual(KONG_CRDS.filter((c) => c.group === 'configuration.konghq.com').map((c) => c.plural));
  });

  test('another namespace moves the objects, the binding subjects and the publish service', () => {
    const other = renderKongIngress(plan(), { namespace: 'edge' });
    expect((other.deployment as any).metadata.namespace).toBe('edge');
    expect((other.clusterRoleBindings[0] as any).subjects).toEqual([{ kind: 'ServiceAccount', name: 'kong-serviceaccount', namespace: 'edge' }]);
    const env = Object.fromEntries((other.deployment as any).spec.template.spec.containers[1].env.map((e: any) => [e.name, e.value]));
    expect(env.CONTROLLER_PUBLISH_SERVICE).toBe('edge/kong-proxy');
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
