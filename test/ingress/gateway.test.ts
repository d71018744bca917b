import { envoyIpFamilyOf, renderDualStackGateway, renderHttpRoute } from '../../lib/ingress/render-gateway';
import { IPV4_ONLY, IPV6_ONLY, IPV6_PRIMARY, plan, validateAll, validateCustomResource } from './helpers';

describe('DualStackGateway objects (Envoy Gateway)', () => {
  const o = renderDualStackGateway(plan());

  test('EnvoyProxy, GatewayClass, Gateway and an HTTPRoute are valid against the strict shared schemas', () => {
    const route = renderHttpRoute({ name: 'common-nginx', namespace: 'default', hostnames: ['common-nginx.test.com'], serviceName: 'common-nginx', servicePort: 80, gatewayName: 'dual-stack' });
    expect(validateAll([o.envoyProxy, o.gatewayClass, o.gateway, route])).toBe(4);
  });

  test('the validator refuses an unknown field (the check can fail)', () => {
    expect(() => validateCustomResource({ ...o.envoyProxy, spec: { ...(o.envoyProxy.spec as object), ipFamilies: ['IPv4'] } })).toThrow(/invalid/);
    expect(() => validateCustomResource({ ...o.envoyProxy, spec: { ipFamily: 'dual' } })).toThrow(/invalid/);
  });

  test('EnvoyProxy DualStack, GatewayClass points at it', () => {
    expect(o.envoyProxy.spec).toEqual({ ipFamily: 'DualStack', provider: { type: 'Kubernetes', kubernetes: { envoyService: { type: 'NodePort' } } } });
    expect((o.gatewayClass as any).spec).toEqual({
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'dual-stack-proxy', namespace: 'envoy-gateway-system' },
    });
  });

  test.each([
    ['dual-stack', {}, 'DualStack'],
    ['IPv4-only', IPV4_ONLY, 'IPv4'],
    ['IPv6-only', IPV6_ONLY, 'IPv6'],
  ])('%s plan → ipFamily %s', (_n, over, fam) => {
    expect(envoyIpFamilyOf(plan(over))).toBe(fam);
  });

  test('IPv6-primary plan patches the Service family order Envoy Gateway would write IPv4-first', () => {
    const p = renderDualStackGateway(plan(IPV6_PRIMARY));
    expect((p.envoyProxy.spec as any).provider.kubernetes.envoyService.patch).toEqual({ type: 'StrategicMerge', value: { spec: { ipFamilies: ['IPv6', 'IPv4'] } } });
    validateAll([p.envoyProxy]);
  });
});
