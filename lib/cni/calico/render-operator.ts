import type { ClusterNetwork } from '../../plan/network';
import { resolveCalico, ResolvedCalico } from '../cni';
import { KubeObject, namespaceObject } from '../../k8s/objects';
import { podSecurityLabels, PRIVILEGE_REASON_ANNOTATION } from '../../k8s/security';
import { CalicoOptions } from '../options';
import { TIGERA_OPERATOR_IMAGE } from '../versions';
import { calicoUpstream, upstreamObject } from '../../upstream/calico';
import { operatorCrdObjects } from './crds';
import { containerOf, editable, mergeEnv, podSpecOf, withLabels } from './from-upstream';
import { env } from '../common';

export const TIGERA_OPERATOR_NAMESPACE = 'tigera-operator';
export const TIGERA_OPERATOR_NAME = 'tigera-operator';
/** The operator watches exactly one Installation, named `default`. */
export const INSTALLATION_NAME = 'default';

/** Added to upstream's own labels on every object of ours (never on the shared CRDs). */
const LABELS = { 'app.kubernetes.io/name': 'tigera-operator', 'app.kubernetes.io/part-of': 'calico', 'app.kubernetes.io/managed-by': 'k8s-dualstack' };

/** The three files of operator mode, in apply order (upstream: operator-crds.yaml, tigera-operator.yaml, custom-resources.yaml). */
export interface CalicoParts {
  /** CustomResourceDefinitions: apply first and wait until established. Frozen, shared objects. */
  readonly crds: readonly KubeObject[];
  /** The install (namespace, RBAC, workloads), applied once the CRDs are established. */
  readonly install: readonly KubeObject[];
  /** Custom resources that need the CRDs and the operator (the Installation); empty in manifest mode. */
  readonly customResources: readonly KubeObject[];
}

/**
 * The `Installation` (operator.tigera.io/v1, name `default`): one pool per family of the plan,
 * CIDRs from the plan (or a user override inside it), node address autodetection per family.
 * Ours, not upstream's: custom-resources.yaml's example has one IPv4 pool (192.168.0.0/16).
 */
export function renderInstallation(plan: ClusterNetwork, calico: ResolvedCalico): KubeObject {
  const calicoNetwork: Record<string, unknown> = {
    // Written out even when it is Calico's default, so the Installation says which dataplane it
    // runs and the choice matches kube-proxy's mode (rule calico-dataplane-kube-proxy).
    linuxDataplane: calico.linuxDataplane,
    ipPools: calico.pools.map((p) => ({
      name: p.name,
      cidr: p.cidr.toString(),
      blockSize: p.blockSize,
      encapsulation: p.encapsulation,
      natOutgoing: p.natOutgoing ? 'Enabled' : 'Disabled',
      nodeSelector: p.nodeSelector,
    })),
  };
  if (calico.mtu > 0) calicoNetwork.mtu = calico.mtu;
  if (calico.autodetectionV4) calicoNetwork.nodeAddressAutodetectionV4 = calico.autodetectionV4.toInstallation();
  if (calico.autodetectionV6) calicoNetwork.nodeAddressAutodetectionV6 = calico.autodetectionV6.toInstallation();
  return {
    apiVersion: 'operator.tigera.io/v1',
    kind: 'Installation',
    metadata: { name: INSTALLATION_NAME },
    spec: {
      variant: 'Calico',
      calicoNetwork,
      // The Service ranges, for the eBPF dataplane and kube-proxy replacement to know them.
      serviceCIDRs: plan.serviceCidrs.map((c) => c.toString()),
    },
  };
}

/** The operator Deployment: upstream's, with the operator version of the release and our hardening. */
function operatorDeployment(calico: ResolvedCalico): KubeObject {
  const up = calicoUpstream();
  // A rule refuses an unknown pairing; render the version as given so nothing is invented.
  const operatorVersion = calico.operatorVersion ?? calico.version;
  const d = editable(upstreamObject(up.tigeraOperator, 'Deployment', TIGERA_OPERATOR_NAME)) as KubeObject & { spec: { template: { metadata: Record<string, unknown> } } };
  const pod = podSpecOf(d);
  const template = d.spec.template;
  template.metadata.annotations = {
    ...((template.metadata.annotations ?? {}) as Record<string, string>),
    [PRIVILEGE_REASON_ANNOTATION]:
      'hostNetwork: the operator installs the CNI, so it must run before any pod network exists; hostPath /var/lib/calico (read-only): reads the node state calico-node leaves, as upstream does',
  };
  // Hardening (docs/upstream-edits.md): RuntimeDefault seccomp for the pod.
  pod.securityContext = { ...((pod.securityContext ?? {}) as Record<string, unknown>), seccompProfile: { type: 'RuntimeDefault' } };
  const c = containerOf(pod, TIGERA_OPERATOR_NAME);
  // The image and TIGERA_OPERATOR_INIT_IMAGE_VERSION follow the chosen release's operator (for the
  // pinned release they are upstream's values).
  c.image = `${TIGERA_OPERATOR_IMAGE}:${operatorVersion}`;
  c.env = mergeEnv(c.env as Record<string, unknown>[], [env('TIGERA_OPERATOR_INIT_IMAGE_VERSION', operatorVersion)]);
  // Requests so the scheduler reserves room (upstream sets none); no limits: an OOM-killed or
  // throttled operator stalls the CNI rollout, and upstream sizes nothing.
  c.resources = { requests: { cpu: '100m', memory: '128Mi' } };
  // Not root-less (the image's user is not documented), but no escalation and no capabilities.
  c.securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
  return withLabels(d, LABELS);
}

/**
 * tigera-operator.yaml of the release with our labels: the namespace (Pod Security privileged in
 * every mode: the operator pod uses hostNetwork and a hostPath), the ServiceAccount, the
 * `tigera-operator` and `tigera-operator-secrets` ClusterRoles with their bindings (the secrets
 * role bound only in the operator's namespace) and the Deployment (`-manage-crds=true`).
 */
export function renderTigeraOperatorInstall(calico: ResolvedCalico): KubeObject[] {
  return calicoUpstream().tigeraOperator.map((o) => {
    if (o.kind === 'Namespace') {
      // Upstream enforces privileged; we add audit and warn at the same level, so nothing warns.
      return namespaceObject(o.metadata.name, { ...((o.metadata.labels ?? {}) as Record<string, string>), ...podSecurityLabels('privileged') });
    }
    if (o.kind === 'Deployment' && o.metadata.name === TIGERA_OPERATOR_NAME) return operatorDeployment(calico);
    return withLabels(o, LABELS);
  });
}

/** Operator mode, CRDs: see `operatorCrdObjects`. */
export function renderOperatorCrds(_plan?: ClusterNetwork, _options?: CalicoOptions): readonly KubeObject[] {
  return operatorCrdObjects();
}

/** Operator mode, the install (tigera-operator.yaml): see `renderTigeraOperatorInstall`. */
export function renderOperatorInstall(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  return renderTigeraOperatorInstall(resolveCalico(plan, options));
}

/** Operator mode, the custom resources (our custom-resources.yaml): the Installation. */
export function renderOperatorCustomResources(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  return [renderInstallation(plan, resolveCalico(plan, options))];
}

/** The three parts of operator mode from a resolved choice. */
export function operatorPartsResolved(plan: ClusterNetwork, calico: ResolvedCalico): CalicoParts {
  return { crds: operatorCrdObjects(), install: renderTigeraOperatorInstall(calico), customResources: [renderInstallation(plan, calico)] };
}

/** The three parts of operator mode. */
export function renderOperatorParts(plan: ClusterNetwork, options: CalicoOptions = {}): CalicoParts {
  return operatorPartsResolved(plan, resolveCalico(plan, options));
}

/** @deprecated since issue 14: use `renderTigeraOperatorInstall` with `operatorCrdObjects()` (the CRDs are a part of their own). CRDs then the install. */
export function renderTigeraOperator(calico: ResolvedCalico): KubeObject[] {
  return [...operatorCrdObjects(), ...renderTigeraOperatorInstall(calico)];
}

/** Everything of operator mode in apply order: CRDs, the install, the Installation. */
export function renderCalicoOperator(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  const p = renderOperatorParts(plan, options);
  return [...p.crds, ...p.install, ...p.customResources];
}
