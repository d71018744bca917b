import { KubeObject } from '../../k8s/objects';
import { APISERVER_V1_SCHEMA, INSTALLATION_V1_SCHEMA } from './operator-schemas';

/**
 * The Installation schema of the shared catalog (operator-schemas.ts, generated) lists
 * `calicoNetwork.linuxDataplane` as Iptables | BPF | VPP: it predates `Nftables`, which tigera/operator
 * has in its enum (api/v1/installation_types.go `+kubebuilder:validation:Enum=Iptables;BPF;VPP;Nftables`)
 * and the Calico v3.32 docs install with. The CRD we ship must accept it, or the API server would
 * refuse an nftables Installation before the operator (which replaces the CRD with its own) runs.
 */
export const INSTALLATION_DATAPLANES_ADDED: readonly string[] = ['Nftables'];

function withNftablesDataplane(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(schema));
  const field = copy?.properties?.spec?.properties?.calicoNetwork?.properties?.linuxDataplane;
  if (field && Array.isArray(field.enum)) {
    for (const v of INSTALLATION_DATAPLANES_ADDED) if (!field.enum.includes(v)) field.enum.push(v);
  }
  return copy;
}

/** The Installation CRD schema we ship: the generated one plus the dataplanes it lags on. */
export const INSTALLATION_CRD_SCHEMA: Record<string, unknown> = withNftablesDataplane(INSTALLATION_V1_SCHEMA);

/** One CRD to render. */
export interface CrdSpec {
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Cluster' | 'Namespaced';
  /** Serve a status subresource (the controller writes status separately). */
  readonly status?: boolean;
  /** A structural schema; without one the CRD keeps unknown fields (see `PRESERVE_UNKNOWN`). */
  readonly schema?: Record<string, unknown>;
}

/**
 * Used where no schema is available offline. No schema is published for crd.projectcalico.org/v1
 * (the projectcalico.org/v3 schemas describe the API server's view, not the CRD storage), and the
 * shared catalog holds only Installation and APIServer of operator.tigera.io. Keeping unknown fields
 * means the API server stores what Calico writes without pruning it; the upstream CRDs (applied
 * later by the operator, or by `kubectl apply` of the release's CRD file) tighten it again.
 */
export const PRESERVE_UNKNOWN: Record<string, unknown> = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** The crd.projectcalico.org/v1 kinds of Calico v3.32 (the resourceNames of upstream's operator ClusterRole). */
export const CALICO_V1_CRDS: readonly CrdSpec[] = [
  { kind: 'BGPConfiguration', plural: 'bgpconfigurations', scope: 'Cluster' },
  { kind: 'BGPFilter', plural: 'bgpfilters', scope: 'Cluster' },
  { kind: 'BGPPeer', plural: 'bgppeers', scope: 'Cluster' },
  { kind: 'BlockAffinity', plural: 'blockaffinities', scope: 'Cluster' },
  { kind: 'CalicoNodeStatus', plural: 'caliconodestatuses', scope: 'Cluster', status: true },
  { kind: 'ClusterInformation', plural: 'clusterinformations', scope: 'Cluster' },
  { kind: 'FelixConfiguration', plural: 'felixconfigurations', scope: 'Cluster' },
  { kind: 'GlobalNetworkPolicy', plural: 'globalnetworkpolicies', scope: 'Cluster' },
  { kind: 'GlobalNetworkSet', plural: 'globalnetworksets', scope: 'Cluster' },
  { kind: 'HostEndpoint', plural: 'hostendpoints', scope: 'Cluster' },
  { kind: 'IPAMBlock', plural: 'ipamblocks', scope: 'Cluster' },
  { kind: 'IPAMConfig', plural: 'ipamconfigs', scope: 'Cluster' },
  { kind: 'IPAMHandle', plural: 'ipamhandles', scope: 'Cluster' },
  { kind: 'IPPool', plural: 'ippools', scope: 'Cluster' },
  { kind: 'IPReservation', plural: 'ipreservations', scope: 'Cluster' },
  { kind: 'KubeControllersConfiguration', plural: 'kubecontrollersconfigurations', scope: 'Cluster', status: true },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', scope: 'Namespaced' },
  { kind: 'NetworkSet', plural: 'networksets', scope: 'Namespaced' },
  { kind: 'StagedGlobalNetworkPolicy', plural: 'stagedglobalnetworkpolicies', scope: 'Cluster' },
  { kind: 'StagedKubernetesNetworkPolicy', plural: 'stagedkubernetesnetworkpolicies', scope: 'Namespaced' },
  { kind: 'StagedNetworkPolicy', plural: 'stagednetworkpolicies', scope: 'Namespaced' },
  { kind: 'Tier', plural: 'tiers', scope: 'Cluster' },
];

/**
 * The operator.tigera.io/v1 kinds the tigera-operator (v1.42, Calico v3.32) watches for Calico
 * open source, all cluster-scoped singletons. Enterprise-only and newer kinds (Istio, egress,
 * log collection …) are left out: the operator only reconciles them when their CR exists.
 */
export const OPERATOR_CRDS: readonly CrdSpec[] = [
  { kind: 'APIServer', plural: 'apiservers', scope: 'Cluster', status: true, schema: APISERVER_V1_SCHEMA },
  { kind: 'GatewayAPI', plural: 'gatewayapis', scope: 'Cluster' },
  { kind: 'Goldmane', plural: 'goldmanes', scope: 'Cluster', status: true },
  { kind: 'ImageSet', plural: 'imagesets', scope: 'Cluster' },
  { kind: 'Installation', plural: 'installations', scope: 'Cluster', status: true, schema: INSTALLATION_CRD_SCHEMA },
  { kind: 'ManagementClusterConnection', plural: 'managementclusterconnections', scope: 'Cluster', status: true },
  { kind: 'TigeraStatus', plural: 'tigerastatuses', scope: 'Cluster', status: true },
  { kind: 'Whisker', plural: 'whiskers', scope: 'Cluster', status: true },
];

/** Render one CustomResourceDefinition (apiextensions.k8s.io/v1). */
export function renderCrd(group: string, version: string, spec: CrdSpec, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${spec.plural}.${group}`, ...(labels ? { labels } : {}) },
    spec: {
      group,
      names: { kind: spec.kind, listKind: `${spec.kind}List`, plural: spec.plural, singular: spec.kind.toLowerCase() },
      scope: spec.scope,
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: spec.schema ?? PRESERVE_UNKNOWN },
          ...(spec.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  };
}
