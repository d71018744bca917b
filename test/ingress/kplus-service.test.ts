/**
 * cdk8s-plus-27 users: a kplus Service (or `Deployment.exposeViaService()`) gets the plan's families
 * through `DualStackService.of`, since kplus's ServiceProps has no ipFamilies / ipFamilyPolicy.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DualStackService, serviceFamilyFields } from '../../lib/ingress';
import { IpFamilyPolicy } from '../../lib/plan/rules/service';
import { IPV4_ONLY, IPV6_PRIMARY, plan } from './helpers';

type Obj = { kind: string; spec?: Record<string, unknown> };

function exposed(chart: Chart): kplus.Service {
  const deployment = new kplus.Deployment(chart, 'web', {
    containers: [{ image: 'nginxinc/nginx-unprivileged:1.29', portNumber: 8080, securityContext: { user: 101 } }],
  });
  return deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
}

function serviceSpec(chart: Chart): Record<string, unknown> {
  const svc = (Testing.synth(chart) as Obj[]).filter((o) => o.kind === 'Service');
  expect(svc).toHaveLength(1);
  return svc[0].spec ?? {};
}

describe('DualStackService.of a cdk8s-plus-27 Service', () => {
  test.each([
    ['dual-stack, IPv4 primary', {}, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] }],
    ['dual-stack, IPv6 primary', IPV6_PRIMARY, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6', 'IPv4'] }],
    ['single-stack IPv4', IPV4_ONLY, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }],
  ])('%s: the exposed Service carries the plan families', (_name, over, expected) => {
    const chart = Testing.chart();
    const network = plan(over);
    const fields = DualStackService.of(exposed(chart), network);
    expect(fields).toEqual(serviceFamilyFields(network));
    const spec = serviceSpec(chart);
    expect({ ipFamilyPolicy: spec.ipFamilyPolicy, ipFamilies: spec.ipFamilies }).toEqual(expected);
    // kplus's own fields are kept
    expect(spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8080 })]);
    expect(spec.selector).toBeDefined();
  });

  test('a kplus Service built directly, with an explicit RequireDualStack', () => {
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'svc', { ports: [{ port: 443 }], selector: kplus.Pods.select(chart, 'pods', { labels: { app: 'x' } }) });
    DualStackService.of(svc, plan(), { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK });
    expect(serviceSpec(chart)).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  test('fails synth on 1.16–1.19, where kplus-27 (1.27 schema) drops the singular alpha field', () => {
    const chart = Testing.chart();
    expect(DualStackService.of(exposed(chart), plan({ kubernetesVersion: '1.18' }))).toEqual({ ipFamily: 'IPv4' });
    expect(() => Testing.synth(chart)).toThrow(/service-family-field-dropped\] test\/web\/Service\.spec\.ipFamily: "IPv4" was added.*use DualStackService/);
  });

  test('fails synth when RequireDualStack is asked of a single-stack plan, naming the Service', () => {
    const chart = Testing.chart();
    DualStackService.of(exposed(chart), plan(IPV4_ONLY), { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK });
    expect(() => Testing.synth(chart)).toThrow(/\[service-require-dual-stack\] test\/web\/Service\.spec\.ipFamilyPolicy: "RequireDualStack"/);
  });

  test('fails when given the workload instead of its Service', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.29' }] });
    expect(ApiObject.of(deployment).kind).toBe('Deployment');
    expect(() => DualStackService.of(deployment, plan())).toThrow(/expected a v1 Service, got "apps\/v1\/Deployment".*exposeViaService/);
  });
});
