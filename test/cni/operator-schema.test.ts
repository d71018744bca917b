import { APISERVER_V1_SCHEMA, INSTALLATION_V1_SCHEMA } from '../../lib/cni/calico/operator-schemas';
import { calicoUpstream } from '../../lib/upstream/calico';

// The Installation/APIServer schemas come from the committed derivation of the release's
// operator-crds.yaml (lib/upstream/calico), not from a hand-made copy (issue 14 §2).
const crdSchema = (name: string) => (calicoUpstream().operatorCrds.find((c) => c.metadata.name === name) as any).spec.versions[0].schema.openAPIV3Schema;

describe('operator.tigera.io schemas', () => {
  test('the Installation and APIServer schemas are the derived CRDs\' own objects', () => {
    expect(INSTALLATION_V1_SCHEMA).toBe(crdSchema('installations.operator.tigera.io'));
    expect(APISERVER_V1_SCHEMA).toBe(crdSchema('apiservers.operator.tigera.io'));
  });

  test('installations.operator.tigera.io v3.32.1 has Nftables in linuxDataplane (no patch needed) and cni.binDir/confDir', () => {
    const spec: any = (INSTALLATION_V1_SCHEMA as any).properties.spec.properties;
    expect(spec.calicoNetwork.properties.linuxDataplane.enum).toEqual(['Iptables', 'BPF', 'VPP', 'Nftables']);
    expect(Object.keys(spec.cni.properties)).toEqual(expect.arrayContaining(['binDir', 'confDir', 'ipam', 'type']));
  });

  test('the schemas are structural (apiextensions v1 refuses additionalProperties: false)', () => {
    expect(JSON.stringify(INSTALLATION_V1_SCHEMA)).not.toContain('"additionalProperties":false');
    expect((INSTALLATION_V1_SCHEMA as any).type).toBe('object');
  });
});
