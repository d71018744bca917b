import { nodePortFindings } from '../../lib/ingress/rules';
import { semverBefore } from '../../lib/ingress/versions';
import { validateAll } from './helpers';

describe('nodePortFindings', () => {
  test.each([
    ['accepts distinct ports', [{ path: 'a', ports: { http: 30080, https: 30443 } }, { path: 'b', ports: { http: 31080, https: 31443 } }], []],
    ['fails when ingress-nginx and Kong both take 30080/30443 (field report §7)', [{ path: 'ingressNginx.nodePorts', ports: { http: 30080, https: 30443 } }, { path: 'kong.nodePorts', ports: { http: 30080, https: 30443 } }], ['error:node-port-clash', 'error:node-port-clash']],
    ['fails when a port is outside 30000-32767', [{ path: 'a', ports: { http: 80 } }], ['error:node-port-range']],
  ])('%s', (_n, claims, expected) => {
    expect(nodePortFindings(claims).map((f) => `${f.severity}:${f.code}`)).toEqual(expected);
  });

  test('the clash names both places and the fix', () => {
    const [f] = nodePortFindings([{ path: 'ingressNginx.nodePorts', ports: { http: 30080 } }, { path: 'kong.nodePorts', ports: { http: 30080 } }]);
    expect(f.path).toBe('kong.nodePorts.http');
    expect(f.message).toContain('ingressNginx.nodePorts.http');
    expect(f.fix).toContain('30180');
  });
});

describe('semverBefore', () => {
  test.each([
    ['2.10.5', '2.11.0', true],
    ['2.11.0', '2.11.0', false],
    ['v3.5.13', '2.11.0', false],
    ['1.4', '2.11.0', true],
    ['latest', '2.11.0', false],
  ])('%s < %s is %s', (a, b, want) => expect(semverBefore(a, b)).toBe(want));
});

describe('the test validators can fail', () => {
  test('fails when a core object breaks the Kubernetes schema', () => {
    expect(() => validateAll([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 'eighty' }] } }])).toThrow(/invalid/);
  });
  test('fails when a kind has no validator', () => {
    expect(() => validateAll([{ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } }])).toThrow(/no validator/);
  });
});
