import { Service } from 'kubernetes-models/v1/Service';
import { defaultServiceIpFamilies, validate } from '../../lib/plan';
import { errorCodes } from './helpers';

const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });
const DUAL = ['10.96.0.0/12', 'fd00::/108'];
const V4 = ['10.96.0.0/12'];

// pkg/apis/core/validation/validation.go + pkg/registry/core/service/storage/alloc.go on create.
describe('validate.service', () => {
  test.each([
    [{}, DUAL],
    [{ ipFamilyPolicy: 'PreferDualStack' }, V4],
    [{ ipFamilyPolicy: 'RequireDualStack' }, DUAL],
    [{ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6', 'IPv4'] }, DUAL],
    [{ clusterIP: '10.96.0.10' }, DUAL],
    [{ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::a'], ipFamilyPolicy: 'PreferDualStack' }, DUAL],
    [{ clusterIP: 'None' }, V4],
    [{ clusterIP: 'None', selector: undefined }, V4], // headless selectorless: RequireDualStack default allowed
    [{ type: 'ExternalName', externalName: 'db.example.com', ports: undefined }, V4],
    [{ clusterIP: 'fd00::ffff' }, DUAL],
  ])('accepts %j on %j', (spec, serviceCidrs) => {
    const s = svc(spec);
    expect(errorCodes(validate.service(s, { serviceCidrs }))).toEqual([]);
    expect(() => new Service(JSON.parse(JSON.stringify(s))).validate()).not.toThrow();
  });

  test.each([
    ['fails when RequireDualStack is asked of a single-stack cluster', { ipFamilyPolicy: 'RequireDualStack' }, V4, 'service-require-dual-stack'],
    ['fails when ipFamilies names a family the cluster lacks', { ipFamilies: ['IPv6'] }, V4, 'service-family-not-configured'],
    ['fails when a clusterIP is of a family the cluster lacks', { clusterIP: 'fd00::a' }, V4, 'service-family-not-configured'],
    ['fails when clusterIP is outside the service range', { clusterIP: '10.112.0.1' }, DUAL, 'service-cluster-ip-out-of-range'],
    ['fails when clusterIP is the network address', { clusterIP: '10.96.0.0' }, DUAL, 'service-cluster-ip-reserved'],
    ['fails when SingleStack has two clusterIPs', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::a'], ipFamilyPolicy: 'SingleStack' }, DUAL, 'service-single-stack-two-ips'],
    ['fails when two clusterIPs are set without a policy (defaults to SingleStack)', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::a'] }, DUAL, 'service-single-stack-two-ips'],
    ['fails when SingleStack has two families', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }, DUAL, 'service-single-stack-two-families'],
    ['fails when ipFamilies repeats a family', { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv4'] }, DUAL, 'service-ip-family-duplicate'],
    ['fails when ipFamilies is lowercase', { ipFamilies: ['ipv6'] }, DUAL, 'service-ip-family'],
    ['fails when ipFamilyPolicy is unknown', { ipFamilyPolicy: 'DualStack' }, DUAL, 'service-ip-family-policy'],
    ['fails when clusterIPs[0] differs from clusterIP', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.11'] }, DUAL, 'service-cluster-ips-mismatch'],
    ['fails when clusterIPs is set without clusterIP', { clusterIPs: ['10.96.0.10'] }, DUAL, 'service-cluster-ips-without-cluster-ip'],
    ['fails when None is not alone', { clusterIP: 'None', clusterIPs: ['None', 'fd00::a'], ipFamilyPolicy: 'PreferDualStack' }, DUAL, 'service-cluster-ips-none'],
    ['fails when clusterIPs are both IPv4', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', '10.96.0.11'], ipFamilyPolicy: 'PreferDualStack' }, DUAL, 'service-cluster-ips-same-family'],
    ['fails when a clusterIP does not match its ipFamilies entry', { clusterIP: '10.96.0.10', ipFamilies: ['IPv6'] }, DUAL, 'service-cluster-ip-family'],
    ['fails when a clusterIP is not an IP', { clusterIP: '10.96.0.300' }, DUAL, 'service-cluster-ip-invalid'],
    ['fails when an IPv6 clusterIP is past the legacy allocator (1.32)', { clusterIP: 'fd00::1:0' }, DUAL, 'service-cluster-ip-beyond-allocator'],
    ['fails when an ExternalName Service sets ipFamilies', { type: 'ExternalName', externalName: 'db.example.com', ipFamilies: ['IPv4'] }, V4, 'service-external-name-families'],
    ['fails when a NodePort Service is headless', { type: 'NodePort', clusterIP: 'None' }, V4, 'service-headless-type'],
    ['fails when there are no ports', { ports: [] }, V4, 'service-ports-required'],
  ])('%s', (name, spec, serviceCidrs, code) => {
    const kubernetesVersion = name.includes('(1.32)') ? '1.32' : '1.33';
    expect(errorCodes(validate.service(svc(spec), { serviceCidrs, kubernetesVersion }))).toContain(code);
  });

  test('without serviceCidrs only API validation runs (RequireDualStack is fine)', () => {
    expect(errorCodes(validate.service(svc({ ipFamilyPolicy: 'RequireDualStack' })))).toEqual([]);
  });

  test('before 1.20 the dual-stack fields are dropped with a warning', () => {
    const f = validate.service(svc({ ipFamilies: ['IPv6'] }), { kubernetesVersion: '1.19', serviceCidrs: V4 });
    expect(f.map((x) => [x.severity, x.code])).toEqual([['warning', 'service-field-dropped']]);
  });
});

describe('defaultServiceIpFamilies', () => {
  test.each([
    [{}, DUAL, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }],
    [{}, ['fd00::/108', '10.96.0.0/12'], { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }],
    [{ ipFamilyPolicy: 'PreferDualStack' }, DUAL, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] }],
    [{ ipFamilyPolicy: 'PreferDualStack' }, V4, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'] }],
    [{ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6'] }, DUAL, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6', 'IPv4'] }],
    [{ clusterIP: 'fd00::a' }, DUAL, { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] }],
    [{ clusterIP: 'None', selector: undefined }, V4, { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] }],
  ])('%j on %j → %j', (spec, cidrs, expected) => {
    expect(defaultServiceIpFamilies(svc(spec), cidrs)).toEqual(expected);
  });

  test('ExternalName and refused Services get undefined', () => {
    expect(defaultServiceIpFamilies(svc({ type: 'ExternalName', externalName: 'x.example.com' }), V4)).toBeUndefined();
    expect(defaultServiceIpFamilies(svc({ ipFamilyPolicy: 'RequireDualStack' }), V4)).toBeUndefined();
  });
});
