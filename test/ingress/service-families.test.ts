import { IpFamily } from '../../lib/plan';
import { IpFamilyPolicy } from '../../lib/plan/rules/service';
import { serviceFamilyFindings } from '../../lib/ingress/rules';
import { renderDualStackService, serviceFamilyFields } from '../../lib/ingress/service-families';
import { ingressApiVersion, ingressClassApiVersion, renderDualStackIngress } from '../../lib/ingress/render-ingress';
import { IPV4_ONLY, IPV6_PRIMARY, plan, validateAll } from './helpers';

const codes = (fs: readonly { severity: string; code: string }[]) => fs.map((f) => `${f.severity}:${f.code}`);

describe('serviceFamilyFields', () => {
  test.each([
    ['dual-stack plan: PreferDualStack, primary first', {}, {}, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] }],
    ['IPv6-primary plan keeps its order', IPV6_PRIMARY, {}, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6', 'IPv4'] }],
    ['RequireDualStack on request', {}, { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK }, { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }],
    ['SingleStack on a single-stack plan', IPV4_ONLY, {}, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }],
    ['SingleStack IPv6 on request', {}, { ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, ipFamily: IpFamily.IPV6 }, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }],
    ['1.18: singular ipFamily, the primary', { kubernetesVersion: '1.18' }, {}, { ipFamily: 'IPv4' }],
    ['1.18: singular ipFamily as asked (field report §6)', { kubernetesVersion: '1.18' }, { ipFamily: IpFamily.IPV6 }, { ipFamily: 'IPv6' }],
    ['1.18 single-stack: nothing to say', { ...IPV4_ONLY, kubernetesVersion: '1.18' }, {}, {}],
  ])('%s', (_name, over, options, expected) => {
    expect(serviceFamilyFields(plan(over), options)).toEqual(expected);
  });
});

describe('serviceFamilyFindings (validate.service against the plan)', () => {
  test.each([
    ['accepts the default on the field report plan', {}, {}, []],
    ['accepts RequireDualStack on a dual-stack plan', {}, { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK }, []],
    ['fails when RequireDualStack is asked of a single-stack plan', IPV4_ONLY, { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK }, ['error']],
    ['fails when the family is not in the plan', IPV4_ONLY, { ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, ipFamily: IpFamily.IPV6 }, ['error']],
    ['fails when the family is not in the plan (1.18)', { ...IPV4_ONLY, kubernetesVersion: '1.18' }, { ipFamily: IpFamily.IPV6 }, ['error']],
    ['warns about a dual policy on 1.18', { kubernetesVersion: '1.18' }, { ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK }, ['warning:service-family-policy-before-1-20']],
    ['notes SingleStack on a dual-stack plan', {}, { ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK }, ['info:service-single-stack-on-dual-stack']],
  ])('%s', (_name, over, options, expected) => {
    const f = serviceFamilyFindings(plan(over), options, 'svc');
    const got = codes(f).map((c) => (c.startsWith('error:') && (expected as string[]).includes('error') ? 'error' : c));
    expect([...new Set(got)]).toEqual(expected);
  });

  test('fails when RequireDualStack is asked of a single-stack plan, with the path and the fix', () => {
    const [f] = serviceFamilyFindings(plan(IPV4_ONLY), { ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK }, 'app.service');
    expect(f.severity).toBe('error');
    expect(f.path).toMatch(/^app\.service\.spec\.ipFamilyPolicy/);
    expect(f.message.startsWith(f.path)).toBe(true);
    expect(f.fix).toMatch(/PreferDualStack/);
  });
});

describe('renderDualStackService', () => {
  test('field report Service, dual-stack and schema-valid', () => {
    const svc = renderDualStackService(plan(), { name: 'common-nginx', namespace: 'default', selector: { app: 'common-nginx' }, ports: [{ name: 'proxy', port: 80 }] });
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      selector: { app: 'common-nginx' },
      ports: [{ name: 'proxy', port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(validateAll([svc])).toBe(1);
  });

  test('nodePorts only on NodePort Services', () => {
    const spec = { name: 'x', selector: { a: 'b' }, ports: [{ name: 'http', port: 80, nodePort: 30080 }] };
    expect((renderDualStackService(plan(), spec).spec as any).ports[0].nodePort).toBeUndefined();
    expect((renderDualStackService(plan(), { ...spec, type: 'NodePort' }).spec as any).ports[0].nodePort).toBe(30080);
  });
});

describe('Ingress by version', () => {
  test.each([
    ['1.16', 'networking.k8s.io/v1beta1', undefined],
    ['1.18', 'networking.k8s.io/v1beta1', 'networking.k8s.io/v1beta1'],
    ['1.19', 'networking.k8s.io/v1', 'networking.k8s.io/v1'],
    ['1.33', 'networking.k8s.io/v1', 'networking.k8s.io/v1'],
  ])('%s → %s', (v, ingress, ingressClass) => {
    expect(ingressApiVersion(plan({ kubernetesVersion: v }))).toBe(ingress);
    expect(ingressClassApiVersion(plan({ kubernetesVersion: v }))).toBe(ingressClass);
  });

  const spec = { name: 'common-nginx', host: 'common-nginx.test.com', serviceName: 'common-nginx', servicePort: 80, ingressClassName: 'nginx' };
  test('1.18: v1beta1 with serviceName/servicePort as in field report §7.1', () => {
    const ing = renderDualStackIngress(plan({ kubernetesVersion: '1.18' }), spec);
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'common-nginx.test.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { serviceName: 'common-nginx', servicePort: 80 } }] } }],
    });
    validateAll([ing]);
  });
  test('1.17: the class is an annotation', () => {
    const ing = renderDualStackIngress(plan({ kubernetesVersion: '1.17' }), spec);
    expect((ing.metadata as any).annotations).toEqual({ 'kubernetes.io/ingress.class': 'nginx' });
    expect((ing.spec as any).ingressClassName).toBeUndefined();
    validateAll([ing]);
  });
  test('1.33: v1 with backend.service', () => {
    const ing = renderDualStackIngress(plan(), spec);
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect((ing.spec as any).rules[0].http.paths[0].backend).toEqual({ service: { name: 'common-nginx', port: { number: 80 } } });
    validateAll([ing]);
  });
});
