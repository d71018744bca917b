import { PolicyRule } from '../../k8s/objects';
import { calicoUpstream, upstreamObject } from '../../upstream/calico';

const rulesOf = (name: string) => upstreamObject(calicoUpstream().tigeraOperator, 'ClusterRole', name).rules as readonly PolicyRule[];

/**
 * The tigera-operator's ClusterRole, exactly as the release's tigera-operator.yaml writes it
 * (charts/tigera-operator/templates/tigera-operator/02-role-tigera-operator.yaml): no wildcard, but
 * broad, because the operator renders all of calico-system (Deployments, DaemonSets, Services,
 * ConfigMaps, Secrets it reads, network policies), creates the components' own roles (hence
 * `bind`/`escalate` on RBAC: it cannot grant what it does not hold otherwise), manages its CRDs
 * (`-manage-crds=true`) and watches every operator.tigera.io kind incl. Istio and Gateway API. We
 * ship it unchanged: an earlier hand-trimmed copy lacked the Istio and secrets permissions and left
 * the Installation Degraded (issue 14).
 */
export const TIGERA_OPERATOR_RULES: readonly PolicyRule[] = rulesOf('tigera-operator');

/**
 * The `tigera-operator-secrets` ClusterRole (secrets create/update/delete), bound only inside the
 * tigera-operator namespace by a RoleBinding: the operator keeps the CA and TLS secrets it issues
 * there (upstream 02-role-tigera-operator-secrets.yaml: "permissions required to manipulate
 * operator secrets"). Without it those secrets are never created and the Installation stays Degraded.
 */
export const TIGERA_OPERATOR_SECRETS_RULES: readonly PolicyRule[] = rulesOf('tigera-operator-secrets');
