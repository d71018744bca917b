import { calicoImage, DEFAULT_CALICO_VERSION, operatorVersionFor, TIGERA_OPERATOR_IMAGE } from '../../lib/cni';
import { CALICO_UPSTREAM_TAG, calicoUpstream } from '../../lib/upstream/calico';

describe('the Calico pin agrees with the derived release', () => {
  test('the default Calico is the release the data is derived from (v3.32.1)', () => {
    expect(DEFAULT_CALICO_VERSION).toBe('v3.32.1');
    expect(DEFAULT_CALICO_VERSION).toBe(CALICO_UPSTREAM_TAG);
    expect(calicoUpstream().tag).toBe(CALICO_UPSTREAM_TAG);
  });

  test('the pairing table names the operator the release pins (tigera-operator.yaml: v1.42.3)', () => {
    expect(calicoUpstream().operatorTag).toBe('v1.42.3');
    expect(operatorVersionFor(DEFAULT_CALICO_VERSION)).toBe(calicoUpstream().operatorTag);
  });

  test('our image names are the images the release pins', () => {
    expect([...calicoUpstream().images].sort()).toEqual(
      [
        calicoImage('cni', DEFAULT_CALICO_VERSION),
        calicoImage('kube-controllers', DEFAULT_CALICO_VERSION),
        calicoImage('node', DEFAULT_CALICO_VERSION),
        `${TIGERA_OPERATOR_IMAGE}:${operatorVersionFor(DEFAULT_CALICO_VERSION)}`,
      ].sort(),
    );
  });

  test('every derived file names its artifact, tag and sha256', () => {
    for (const s of calicoUpstream().sources) {
      expect(s.artifact).toMatch(/^calico\/v3\.32\.1\/[a-z-]+\.yaml$/);
      expect(s.tag).toBe('v3.32.1');
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
