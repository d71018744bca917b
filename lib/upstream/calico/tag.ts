/**
 * The Calico release whose artifacts the committed data under lib/upstream/calico/ is derived from
 * (projectcalico/calico v3.32.1 manifests; its tigera-operator.yaml pins operator v1.42.3).
 * Bump it together with a new derivation (README "Bumping a third-party version").
 */
export const CALICO_UPSTREAM_TAG = 'v3.32.1';
