import { PolicyRule } from '../../k8s/objects';
import { CALICO_V1_CRDS, OPERATOR_CRDS } from './crds';

const ALL_CRUD = ['create', 'get', 'list', 'update', 'delete', 'watch'];

/**
 * The tigera-operator's ClusterRole, written out verb by verb. Mirrors upstream's
 * charts/tigera-operator/templates/tigera-operator/02-role-tigera-operator.yaml (Calico v3.32 line)
 * for an open-source, non-OpenShift install, and drops what this package never asks the operator to
 * run: the OpenShift block (SCCs, config.openshift.io), PodSecurityPolicy (removed in Kubernetes
 * 1.25), the Gateway API / Envoy / Istio blocks and KubeVirt. Upstream already avoids `*`; what makes
 * it broad is the breadth of kinds, and `bind`/`escalate` on RBAC, which the operator needs to
 * create the roles of calico-node, calico-kube-controllers and typha (it cannot grant what it does
 * not hold otherwise).
 */
export const TIGERA_OPERATOR_RULES: readonly PolicyRule[] = [
  // Bootstraps the CRDs of itself and of Calico when they are missing (upstream: --manageCRDs).
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch', 'create'] },
  // Updates only the CRDs it owns.
  {
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions'],
    verbs: ['update'],
    resourceNames: [...CALICO_V1_CRDS.map((c) => `${c.plural}.crd.projectcalico.org`), ...OPERATOR_CRDS.map((c) => `${c.plural}.operator.tigera.io`)],
  },
  // Renders calico-system: namespaces, pods it inspects, Services (typha), ConfigMaps, ServiceAccounts.
  {
    apiGroups: [''],
    resources: ['namespaces', 'pods', 'podtemplates', 'services', 'endpoints', 'events', 'configmaps', 'serviceaccounts'],
    verbs: ALL_CRUD,
  },
  // Reads secrets (TLS for typha/node) and quotas; writes only its own critical-pods quotas.
  { apiGroups: [''], resources: ['resourcequotas', 'secrets'], verbs: ['list', 'get', 'watch'] },
  { apiGroups: [''], resources: ['resourcequotas'], verbs: ALL_CRUD, resourceNames: ['calico-critical-pods', 'tigera-critical-pods'] },
  // Node labels during migration; watch for typha autoscaling.
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch', 'list', 'watch'] },
  // Learns its own identity.
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  // Creates the components' roles and bindings.
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles', 'clusterrolebindings', 'rolebindings', 'roles'],
    verbs: ['create', 'get', 'list', 'update', 'delete', 'watch', 'bind', 'escalate'],
  },
  // calico-node DaemonSet, typha and kube-controllers Deployments.
  { apiGroups: ['apps'], resources: ['deployments', 'daemonsets', 'statefulsets'], verbs: ['create', 'get', 'list', 'patch', 'update', 'delete', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments/finalizers'], verbs: ['update'], resourceNames: ['tigera-operator'] },
  // Its own API (owner references need <resource>/finalizers).
  {
    apiGroups: ['operator.tigera.io'],
    resources: [
      'apiservers',
      'apiservers/finalizers',
      'apiservers/status',
      'gatewayapis',
      'gatewayapis/finalizers',
      'goldmanes',
      'goldmanes/finalizers',
      'goldmanes/status',
      'imagesets',
      'installations',
      'installations/finalizers',
      'installations/status',
      'managementclusterconnections',
      'managementclusterconnections/finalizers',
      'managementclusterconnections/status',
      'tigerastatuses',
      'tigerastatuses/finalizers',
      'tigerastatuses/status',
      'whiskers',
      'whiskers/finalizers',
      'whiskers/status',
    ],
    verbs: ['get', 'list', 'update', 'patch', 'watch'],
  },
  { apiGroups: ['operator.tigera.io'], resources: ['tigerastatuses'], verbs: ['create', 'delete'] },
  // Uninstall deletes its own resources.
  { apiGroups: ['operator.tigera.io'], resources: ['installations', 'apiservers', 'whiskers', 'goldmanes'], verbs: ['delete'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['create', 'update', 'delete', 'get', 'list', 'watch'] },
  // Creates the IP pools of the Installation, the default Felix/BGP configuration.
  {
    apiGroups: ['crd.projectcalico.org', 'projectcalico.org'],
    resources: ['felixconfigurations', 'bgpconfigurations', 'ippools'],
    verbs: ['create', 'patch', 'list', 'get', 'watch'],
  },
  {
    apiGroups: ['crd.projectcalico.org', 'projectcalico.org'],
    resources: ['kubecontrollersconfigurations', 'bgpconfigurations', 'clusterinformations'],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: ['projectcalico.org'], resources: ['ippools'], verbs: ['create', 'update', 'delete', 'patch', 'get', 'list', 'watch'] },
  { apiGroups: ['projectcalico.org'], resources: ['ipamconfigurations', 'clusterinformations'], verbs: ['get', 'list', 'watch'] },
  // The calico-system policies it keeps (via the Calico API server when installed).
  {
    apiGroups: ['projectcalico.org'],
    resources: ['networkpolicies', 'globalnetworkpolicies', 'networksets'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get', 'create', 'list', 'watch'] },
  { apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get', 'delete', 'update'], resourceNames: ['calico-system'] },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ALL_CRUD },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL_CRUD },
  // The Calico API server's APIService.
  { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['list', 'watch', 'create', 'update', 'delete'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['admissionregistration.k8s.io'],
    resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
    verbs: ['create', 'update', 'delete', 'get', 'list', 'watch'],
  },
  // CRD defaulting (Kubernetes 1.32+) and protection of built-in tiers (1.30+).
  {
    apiGroups: ['admissionregistration.k8s.io'],
    resources: ['mutatingadmissionpolicies', 'mutatingadmissionpolicybindings', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
    verbs: ['create', 'update', 'delete', 'get', 'list', 'watch'],
  },
  // Leader election lock.
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL_CRUD },
  // The csi-node-driver (Calico's flexvolume replacement).
  { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: ['list', 'watch', 'update', 'get', 'create', 'delete'] },
  // Certificate management, when enabled.
  { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['list', 'watch'] },
];
