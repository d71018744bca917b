/**
 * The configuration.konghq.com CRDs Kong Ingress Controller 3.x watches. KIC ≥ 2.12 no longer disables
 * a controller whose CRD is missing (CHANGELOG 2.12: "do not disable CRD controllers if Kong CRDs are
 * unavailable"), so every one of them must exist. Four carry the strict schema derived from Kong's
 * own CRDs (kong-crd-schemas.ts); for the others no schema is in ../shared/schemas, so they keep
 * unknown fields (`x-kubernetes-preserve-unknown-fields: true`) — listed in PRESERVE_UNKNOWN_KONG_CRDS.
 * Set taken from `kubectl api-resources` of a KIC 3.x install (names, versions, scope, short names).
 */
import { KubeObject } from '../k8s/objects';
import { MANAGED_BY } from './common';
import { INGRESSCLASSPARAMETERS_V1ALPHA1_SCHEMA, KONGCLUSTERPLUGIN_V1_SCHEMA, KONGINGRESS_V1_SCHEMA, KONGPLUGIN_V1_SCHEMA } from './kong-crd-schemas';

export const KONG_CRD_GROUP = 'configuration.konghq.com';

/** One Kong CRD. */
export interface KongCrdSpec {
  readonly kind: string;
  readonly plural: string;
  readonly version: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly shortNames?: readonly string[];
  /** The strict schema, when one is available. */
  readonly schema?: Record<string, unknown>;
  /** Whether the controller writes `/status` (it does for every kind but IngressClassParameters). */
  readonly status: boolean;
}

export const KONG_CRDS: readonly KongCrdSpec[] = [
  { kind: 'IngressClassParameters', plural: 'ingressclassparameterses', version: 'v1alpha1', scope: 'Namespaced', schema: INGRESSCLASSPARAMETERS_V1ALPHA1_SCHEMA, status: false },
  { kind: 'KongClusterPlugin', plural: 'kongclusterplugins', version: 'v1', scope: 'Cluster', shortNames: ['kcp'], schema: KONGCLUSTERPLUGIN_V1_SCHEMA, status: true },
  { kind: 'KongConsumerGroup', plural: 'kongconsumergroups', version: 'v1beta1', scope: 'Namespaced', shortNames: ['kcg'], status: true },
  { kind: 'KongConsumer', plural: 'kongconsumers', version: 'v1', scope: 'Namespaced', shortNames: ['kc'], status: true },
  { kind: 'KongCustomEntity', plural: 'kongcustomentities', version: 'v1alpha1', scope: 'Namespaced', shortNames: ['kce'], status: true },
  { kind: 'KongIngress', plural: 'kongingresses', version: 'v1', scope: 'Namespaced', shortNames: ['ki'], schema: KONGINGRESS_V1_SCHEMA, status: true },
  { kind: 'KongLicense', plural: 'konglicenses', version: 'v1alpha1', scope: 'Cluster', shortNames: ['kl'], status: true },
  { kind: 'KongPlugin', plural: 'kongplugins', version: 'v1', scope: 'Namespaced', shortNames: ['kp'], schema: KONGPLUGIN_V1_SCHEMA, status: true },
  { kind: 'KongUpstreamPolicy', plural: 'kongupstreampolicies', version: 'v1beta1', scope: 'Namespaced', shortNames: ['kup'], status: true },
  { kind: 'KongVault', plural: 'kongvaults', version: 'v1alpha1', scope: 'Cluster', shortNames: ['kv'], status: true },
  { kind: 'TCPIngress', plural: 'tcpingresses', version: 'v1beta1', scope: 'Namespaced', status: true },
  { kind: 'UDPIngress', plural: 'udpingresses', version: 'v1beta1', scope: 'Namespaced', status: true },
];

/** The kinds rendered with `x-kubernetes-preserve-unknown-fields` (no strict schema available offline). */
export const PRESERVE_UNKNOWN_KONG_CRDS: readonly string[] = KONG_CRDS.filter((c) => !c.schema).map((c) => c.kind);

const PRESERVE_UNKNOWN = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } },
  'x-kubernetes-preserve-unknown-fields': true,
};

export function renderKongCrd(c: KongCrdSpec): KubeObject {
  const singular = c.kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${c.plural}.${KONG_CRD_GROUP}`, labels: { 'app.kubernetes.io/name': 'kong', ...MANAGED_BY } },
    spec: {
      group: KONG_CRD_GROUP,
      names: {
        kind: c.kind,
        listKind: `${c.kind}List`,
        plural: c.plural,
        singular,
        ...(c.shortNames ? { shortNames: [...c.shortNames] } : {}),
        ...(c.kind === 'IngressClassParameters' ? {} : { categories: ['kong-ingress-controller'] }),
      },
      scope: c.scope,
      versions: [
        {
          name: c.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: c.schema ?? PRESERVE_UNKNOWN },
          ...(c.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  };
}
