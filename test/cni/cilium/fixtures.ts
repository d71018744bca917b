import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { ClusterNetwork, ClusterNetworkSpec } from '../../../lib/plan';

/** IPv4-primary dual-stack, two nodes on one /24 and one /64 (one L2 segment per family). */
export const CILIUM_SPEC: ClusterNetworkSpec = {
  kubernetesVersion: '1.33',
  podCidrs: ['10.244.0.0/16', 'fd7a:115c:a1e0::/56'],
  serviceCidrs: ['10.96.0.0/16', 'fd7a:115c:a1e0:100::/112'],
  nodes: [
    { name: 'node-1', ipv4: '192.168.30.11/24', ipv6: 'fd7a:115c:a1e0:300::11/64', controlPlane: true },
    { name: 'node-2', ipv4: '192.168.30.12/24', ipv6: 'fd7a:115c:a1e0:300::12/64' },
  ],
};

export const ciliumPlan = (overrides: Partial<ClusterNetworkSpec> = {}): ClusterNetwork => ClusterNetwork.plan({ ...CILIUM_SPEC, ...overrides });

/** The chart's own values.schema.json (vendored in test/fixtures with its license). */
export function ciliumSchemaValidator(): (values: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'cilium', '1.19.6', 'values.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return (values) => (validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
