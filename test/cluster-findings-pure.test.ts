/**
 * clusterFindings is pure: the findings of a cluster, its choices and the CLI's `choices:` reader
 * load neither cdk8s nor constructs (the choices load their constructs only in `bind`).
 */
describe('clusterFindings loads no cdk8s', () => {
  test('fails when computing a cluster\'s findings loads cdk8s or constructs', () => {
    jest.isolateModules(() => {
      jest.doMock('cdk8s', () => {
        throw new Error('cdk8s was loaded');
      });
      jest.doMock('constructs', () => {
        throw new Error('constructs was loaded');
      });
      const { clusterFindings } = require('../lib/cluster-findings') as typeof import('../lib/cluster-findings');
      const { choicesFromConfig } = require('../lib/cli/choices-file') as typeof import('../lib/cli/choices-file');
      const { ClusterNetwork } = require('../lib/plan/network') as typeof import('../lib/plan/network');
      const plan = ClusterNetwork.plan({ podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/48'], serviceCidrs: ['10.96.0.0/16', 'fd12:3456:789b::/112'] });
      for (const cni of ['calico', 'flannel', 'cilium']) {
        const { choices, findings } = choicesFromConfig({ cni: { kind: cni }, ingress: [{ kind: 'ingress-nginx' }, { kind: 'kong' }, { kind: 'gateway-api' }], app: true });
        expect(findings).toEqual([]);
        expect(clusterFindings(plan, choices).length).toBeGreaterThan(0);
      }
    });
  });
});
