import { KONG_CRD_SCHEMAS, KONG_CRD_SOURCE_TAG } from '../../lib/ingress/kong-crd-schemas';
import { KONG_CRDS, renderKongCrd } from '../../lib/ingress/kong-crds';
import crds from '../../lib/upstream/kong/kic-v3.5.13/crds.json';

describe('Kong CRD schemas (kubernetes-configuration v1.5.2, full)', () => {
  test('come from the derived data of the pinned release', () => {
    expect(KONG_CRD_SOURCE_TAG).toBe('kubernetes-configuration-v1.5.2');
    expect(Object.keys(KONG_CRD_SCHEMAS)).toHaveLength(13);
  });

  test.each(KONG_CRDS.map((c) => [`${c.kind}.${c.group}`, c] as const))('CRD %s is rendered exactly as upstream (schema, subresources, printer columns)', (_n, c) => {
    const up = (crds.objects as any[]).find((x) => x.spec.group === c.group && x.spec.names.kind === c.kind);
    const ours = renderKongCrd(c) as any;
    expect(ours.spec).toEqual(up.spec);
    expect(KONG_CRD_SCHEMAS[`${c.group}/${c.versions[0]}/${c.kind}`]).toEqual(up.spec.versions.find((v: any) => v.name === c.versions[0]).schema.openAPIV3Schema);
  });

  test('no CRD falls back to a schema-less stub (preserve-unknown-fields at the root)', () => {
    for (const s of Object.values(KONG_CRD_SCHEMAS)) {
      expect(s['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
      expect(Object.keys((s as any).properties)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
    }
  });

  test('CRD kongplugins: the status subresource is upstream\'s', () => {
    const kp = KONG_CRDS.find((c) => c.kind === 'KongPlugin');
    expect(kp?.status).toBe(true);
    expect(KONG_CRDS.find((c) => c.kind === 'IngressClassParameters')?.status).toBe(false);
  });
});
