import type { ClusterNetwork } from '../../plan/network';
import { resolveCalico, ResolvedCalico } from '../cni';
import { clusterRole, clusterRoleBinding, KubeObject, namespaceObject, serviceAccount } from '../../k8s/objects';
import { podSecurityLabels, PRIVILEGE_REASON_ANNOTATION } from '../../k8s/security';
import { env, envField, hostPathVolume } from '../common';
import { CalicoOptions } from '../options';
import { TIGERA_OPERATOR_IMAGE } from '../versions';
import { CALICO_V1_CRDS, OPERATOR_CRDS, renderCrd } from './crds';
import { TIGERA_OPERATOR_RULES } from './operator-rbac';

export const TIGERA_OPERATOR_NAMESPACE = 'tigera-operator';
export const TIGERA_OPERATOR_NAME = 'tigera-operator';
/** The operator watches exactly one Installation, named `default`. */
export const INSTALLATION_NAME = 'default';

const LABELS = { 'app.kubernetes.io/name': 'tigera-operator', 'app.kubernetes.io/part-of': 'calico', 'app.kubernetes.io/managed-by': 'k8s-dualstack' };

/**
 * The `Installation` (operator.tigera.io/v1, name `default`): one pool per family of the plan,
 * CIDRs from the plan (or a user override inside it), node address autodetection per family.
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

/** The tigera-operator itself: namespace, CRDs, ServiceAccount, RBAC, Deployment. */
export function renderTigeraOperator(calico: ResolvedCalico): KubeObject[] {
  // A rule refuses an unknown pairing; render the version as given so nothing is invented.
  const operatorVersion = calico.operatorVersion ?? calico.version;
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: TIGERA_OPERATOR_NAME, namespace: TIGERA_OPERATOR_NAMESPACE, labels: { ...LABELS, 'k8s-app': 'tigera-operator' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { name: 'tigera-operator' } },
      template: {
        metadata: {
          labels: { name: 'tigera-operator', 'k8s-app': 'tigera-operator' },
          annotations: {
            [PRIVILEGE_REASON_ANNOTATION]:
              'hostNetwork: the operator installs the CNI, so it must run before any pod network exists; hostPath /var/lib/calico (read-only): reads the node state calico-node leaves, as upstream does',
          },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          // Upstream tolerates every taint: on an empty cluster every node is NotReady (no CNI yet).
          tolerations: [
            { effect: 'NoExecute', operator: 'Exists' },
            { effect: 'NoSchedule', operator: 'Exists' },
          ],
          serviceAccountName: TIGERA_OPERATOR_NAME,
          // Matches how long the operator waits for its resources to go on uninstall (upstream).
          terminationGracePeriodSeconds: 60,
          // No pod network before the CNI: host network, and ClusterFirstWithHostNet so the API
          // server's Service name still resolves (upstream 02-tigera-operator.yaml).
          hostNetwork: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'tigera-operator',
              image: `${TIGERA_OPERATOR_IMAGE}:${operatorVersion}`,
              imagePullPolicy: 'IfNotPresent',
              command: ['operator'],
              env: [
                env('WATCH_NAMESPACE', ''),
                envField('POD_NAME', 'metadata.name'),
                env('OPERATOR_NAME', 'tigera-operator'),
                env('TIGERA_OPERATOR_INIT_IMAGE_VERSION', operatorVersion),
              ],
              // Lets eBPF-mode users point the operator at the API server directly (upstream).
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
              // Not root-less (the image's user is not documented), but nothing more than it needs.
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
              volumeMounts: [{ name: 'var-lib-calico', mountPath: '/var/lib/calico', readOnly: true }],
            },
          ],
          volumes: [hostPathVolume('var-lib-calico', '/var/lib/calico')],
        },
      },
    },
  };
  return [
    // privileged: the operator pod uses hostNetwork and a hostPath (baseline forbids both).
    namespaceObject(TIGERA_OPERATOR_NAMESPACE, { name: TIGERA_OPERATOR_NAMESPACE, ...podSecurityLabels('privileged') }),
    ...OPERATOR_CRDS.map((c) => renderCrd('operator.tigera.io', 'v1', c)),
    // The operator creates the IP pools in these; they must exist before it reconciles.
    ...CALICO_V1_CRDS.map((c) => renderCrd('crd.projectcalico.org', 'v1', c)),
    serviceAccount(TIGERA_OPERATOR_NAME, TIGERA_OPERATOR_NAMESPACE, LABELS),
    clusterRole(TIGERA_OPERATOR_NAME, TIGERA_OPERATOR_RULES, LABELS),
    clusterRoleBinding(TIGERA_OPERATOR_NAME, TIGERA_OPERATOR_NAME, TIGERA_OPERATOR_NAME, TIGERA_OPERATOR_NAMESPACE, LABELS),
    deployment,
  ];
}

/** Everything of operator mode, in apply order (namespace, CRDs, RBAC, operator, Installation). */
export function renderCalicoOperator(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  const calico = resolveCalico(plan, options);
  return [...renderTigeraOperator(calico), renderInstallation(plan, calico)];
}
