import { ApiObject, Testing } from 'cdk8s';
import { CommonNginx, DualStackGateway, DualStackIngress, DualStackService, IngressNginx, KongIngress } from '../../lib/ingress';
import { IpFamilyPolicy } from '../../lib/plan/rules/service';
import { checkRestricted, IPV4_ONLY, plan, validateAll } from './helpers';

describe('constructs (golden snapshots of the defaults on the field report plan)', () => {
  test('IngressNginx', () => {
    const chart = Testing.chart();
    const nginx = new IngressNginx(chart, 'IngressNginx', { network: plan() });
    const out = Testing.synth(chart);
    expect(ApiObject.of(nginx).kind).toBe('Deployment');
    expect(nginx.ingressClassName).toBe('nginx');
    expect(nginx.findings.map((f) => f.code)).toEqual(['ingress-nginx-retired']);
    validateAll(out);
    checkRestricted(out);
    expect(out).toMatchSnapshot();
  });

  test('KongIngress', () => {
    const chart = Testing.chart();
    const kong = new KongIngress(chart, 'Kong', { network: plan() });
    const out = Testing.synth(chart);
    expect(ApiObject.of(kong).kind).toBe('Deployment');
    expect(kong.listeners.proxy).toBe('0.0.0.0:8000 reuseport backlog=16384, [::]:8000 reuseport backlog=16384, 0.0.0.0:8443 http2 ssl reuseport backlog=16384, [::]:8443 http2 ssl reuseport backlog=16384');
    validateAll(out);
    checkRestricted(out);
    expect(out).toMatchSnapshot();
  });

  test('DualStackGateway with the common-nginx route', () => {
    const chart = Testing.chart();
    const gw = new DualStackGateway(chart, 'Gateway', { network: plan() });
    gw.addHttpRoute('Route', { name: 'common-nginx', hostnames: ['common-nginx.test.com'], serviceName: 'common-nginx', servicePort: 80 });
    const out = Testing.synth(chart);
    expect(ApiObject.of(gw).kind).toBe('Gateway');
    validateAll(out);
    expect(out).toMatchSnapshot();
  });

  test('CommonNginx', () => {
    const chart = Testing.chart();
    const app = new CommonNginx(chart, 'CommonNginx', { network: plan() });
    const out = Testing.synth(chart);
    expect(ApiObject.of(app).kind).toBe('Deployment');
    validateAll(out);
    checkRestricted(out);
    expect(out).toMatchSnapshot();
  });

  test('CommonNginx on 1.18 (singular ipFamily, Ingress v1beta1)', () => {
    const chart = Testing.chart();
    new CommonNginx(chart, 'CommonNginx', { network: plan({ kubernetesVersion: '1.18' }) });
    const out = Testing.synth(chart);
    validateAll(out);
    expect(out.map((o) => `${o.apiVersion}/${o.kind}`)).toEqual(['v1/ConfigMap', 'apps/v1/Deployment', 'v1/Service', 'networking.k8s.io/v1beta1/Ingress']);
    expect(out[2].spec.ipFamily).toBe('IPv4');
  });
});

describe('synth-time findings', () => {
  test('DualStackService / DualStackIngress render what the helpers render', () => {
    const chart = Testing.chart();
    new DualStackService(chart, 'Svc', { network: plan(), name: 'web', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] });
    new DualStackIngress(chart, 'Ing', { network: plan(), name: 'web', host: 'web.test', serviceName: 'web', servicePort: 80, ingressClassName: 'kong' });
    const out = Testing.synth(chart);
    validateAll(out);
    expect(out[0].spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  test('fails when a DualStackService requires dual-stack on a single-stack plan', () => {
    const chart = Testing.chart();
    new DualStackService(chart, 'Svc', { network: plan(IPV4_ONLY), name: 'web', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }], ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK });
    expect(() => Testing.synth(chart)).toThrow(/ipFamilyPolicy/);
  });

  test('fails when KongIngress pins a controller before 2.11.0 on a plan with IPv6', () => {
    const chart = Testing.chart();
    new KongIngress(chart, 'Kong', { network: plan(), controllerVersion: '2.10.5' });
    expect(() => Testing.synth(chart)).toThrow(/kong-controller-ipv6-targets/);
  });

  test('fails when IngressNginx and KongIngress claim the same nodePorts in one app', () => {
    const chart = Testing.chart();
    new IngressNginx(chart, 'IngressNginx', { network: plan() });
    new KongIngress(chart, 'Kong', { network: plan() });
    // The clash check sits on the app (the tree's root), which `cdk8s synth` validates with the rest.
    const errors = chart.node.root.node.validate();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/node-port-clash.*Kong\.nodePorts\.http.*"30080"|node-port-clash/);
    expect(errors.join('\n')).toContain('IngressNginx.nodePorts.http');
  });

  test('accepts both controllers with distinct nodePorts', () => {
    const chart = Testing.chart();
    new IngressNginx(chart, 'IngressNginx', { network: plan() });
    new KongIngress(chart, 'Kong', { network: plan(), nodePorts: { http: 31080, https: 31443 } });
    expect(chart.node.root.node.validate()).toEqual([]);
    expect(Testing.synth(chart).length).toBeGreaterThan(20);
  });
});
