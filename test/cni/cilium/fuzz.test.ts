import fc from 'fast-check';
import { ciliumFindings, CiliumProps, renderCiliumValues } from '../../../lib/cni/cilium';
import { ciliumPlan } from './fixtures';

const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));

describe('Cilium rules never throw', () => {
  test('ciliumFindings and renderCiliumValues on junk props: findings, no exception', () => {
    const plan = ciliumPlan();
    fc.assert(
      fc.property(
        fc.record(
          {
            version: junk, ipam: junk, routingMode: junk, tunnelProtocol: junk, masquerade: junk, bpfMasquerade: junk,
            kubeProxyReplacement: junk, k8sServiceHost: junk, k8sServicePort: junk, nativeRoutingCidrs: fc.oneof(junk, fc.record({ ipv4: junk, ipv6: junk })),
            clusterPool: fc.oneof(junk, fc.record({ ipv4: fc.oneof(junk, fc.record({ cidrs: junk, maskSize: junk })), ipv6: fc.oneof(junk, fc.record({ cidrs: junk, maskSize: junk })) })),
            autoDirectNodeRoutes: junk, existingIpamMode: junk, values: fc.oneof(junk, fc.object({ maxDepth: 3 })),
          },
          { requiredKeys: [] },
        ),
        (props) => {
          const f = ciliumFindings(plan, props as unknown as CiliumProps, { controlPlaneEndpoint: 'x' });
          for (const x of f) expect(typeof x.path).toBe('string');
          renderCiliumValues(plan, props as unknown as CiliumProps);
        },
      ),
      { numRuns: 500, seed: 17 },
    );
  });

  test('a prop of the wrong type is an error naming it, and only that is reported', () => {
    expect(ciliumFindings(ciliumPlan(), { kubeProxyReplacement: 'yes', clusterPool: { ipv4: { cidrs: '10.0.0.0/8' } } } as unknown as CiliumProps).map((f) => `${f.code} ${f.path}`)).toEqual([
      'cilium-prop-type cni.cilium.kubeProxyReplacement',
      'cilium-prop-type cni.cilium.clusterPool',
    ]);
  });
});
