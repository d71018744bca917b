import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { ClusterNetwork } from '../plan/network';
import { SMOKE_TEST_IMAGES } from './images';
import { DualStackSmokeTestProps, SMOKE_TEST_DEFAULTS } from './options';
import { SmokeTestKubeObject, renderSmokeTestObjects } from './render';
import { smokeTestFindings } from './rules';

/**
 * A Job that checks, once applied, that the cluster is dual-stack the way the plan says: every
 * node has podCIDRs and addresses of each family, the test pods have podIPs of each family, the
 * test Service has ClusterIPs and ready EndpointSlice endpoints of each family, DNS answers A and
 * AAAA for it, and HTTP works to each ClusterIP (and, optionally, to a NodePort on each node
 * address). One `PASS`/`FAIL` line per check in the Job's log; the Job fails on any FAIL.
 *
 * Parts: a restricted Namespace, a ServiceAccount with read-only RBAC of exactly what the script
 * reads — a ClusterRole for the one cluster-scoped read (nodes: list), a Role in the target's
 * namespace (its Services by name: get; pods and EndpointSlices: list) and, for its own pod, in the
 * Job's — the test workload (unless probing an existing Service), the check script's ConfigMap and
 * the Job (`Resource`).
 *
 * Run it: `kubectl apply -f <file>`, then wait for the Job to be Complete OR Failed (`kubectl wait`
 * takes one condition, so a failed Job would hang it until the timeout; the stack's apply.sh polls
 * both), then `kubectl -n dualstack-smoke logs job/dualstack-smoke`.
 * A Job's pod template is immutable: delete the Job before applying a changed one.
 */
export class DualStackSmokeTest extends Construct {
  public static readonly DEFAULT_NAME = SMOKE_TEST_DEFAULTS.NAME;
  public static readonly DEFAULT_NAMESPACE = SMOKE_TEST_DEFAULTS.NAMESPACE;
  public static readonly DEFAULT_TTL_SECONDS_AFTER_FINISHED = SMOKE_TEST_DEFAULTS.TTL_SECONDS_AFTER_FINISHED;
  public static readonly DEFAULT_BACKOFF_LIMIT = SMOKE_TEST_DEFAULTS.BACKOFF_LIMIT;
  public static readonly DEFAULT_WAIT_SECONDS = SMOKE_TEST_DEFAULTS.WAIT_SECONDS;
  public static readonly DEFAULT_HTTP_TIMEOUT_SECONDS = SMOKE_TEST_DEFAULTS.HTTP_TIMEOUT_SECONDS;
  public static readonly DEFAULT_CHECKER_IMAGE = SMOKE_TEST_IMAGES.CHECKER;
  public static readonly DEFAULT_WEB_IMAGE = SMOKE_TEST_IMAGES.WEB;

  public readonly network: ClusterNetwork;
  /** Absent when `createNamespace` is false. */
  public readonly namespace: ApiObject | undefined;
  public readonly serviceAccount: ApiObject;
  /** Nodes (list), the only cluster-scoped read. */
  public readonly clusterRole: ApiObject;
  public readonly clusterRoleBinding: ApiObject;
  /** The namespaced reads (see `SmokeTestObjects.roles`). */
  public readonly roles: readonly ApiObject[];
  public readonly roleBindings: readonly ApiObject[];
  /** The test workload's nginx.conf (absent when probing an existing Service). */
  public readonly webConfigMap: ApiObject | undefined;
  /** The test workload (absent when probing an existing Service). */
  public readonly deployment: ApiObject | undefined;
  /** The test Service(s): one dual-stack Service, or one per family before Kubernetes 1.20. */
  public readonly services: readonly ApiObject[];
  public readonly scriptConfigMap: ApiObject;
  /** The Job (the construct's primary object, id `Resource`). */
  public readonly job: ApiObject;

  constructor(scope: Construct, id: string, props: DualStackSmokeTestProps) {
    super(scope, id);
    this.network = props.network;
    const { network, ...options } = props;
    // Computed now, from values that no longer change; reported at validation (synth).
    const findings = smokeTestFindings(network, options);
    attachFindings(this, () => findings);

    const o = renderSmokeTestObjects(network, options);
    const add = (cid: string, obj: SmokeTestKubeObject) => new ApiObject(this, cid, obj);
    this.namespace = o.namespace ? add('Namespace', o.namespace) : undefined;
    this.serviceAccount = add('ServiceAccount', o.serviceAccount);
    this.clusterRole = add('ClusterRole', o.clusterRole);
    this.clusterRoleBinding = add('ClusterRoleBinding', o.clusterRoleBinding);
    this.roles = o.roles.map((x, i) => add(i === 0 ? 'Role' : `Role${i + 1}`, x));
    this.roleBindings = o.roleBindings.map((x, i) => add(i === 0 ? 'RoleBinding' : `RoleBinding${i + 1}`, x));
    this.webConfigMap = o.webConfigMap ? add('WebConfigMap', o.webConfigMap) : undefined;
    this.deployment = o.deployment ? add('Deployment', o.deployment) : undefined;
    this.services = o.services.map((s, i) => add(i === 0 ? 'Service' : `Service${i + 1}`, s));
    this.scriptConfigMap = add('ScriptConfigMap', o.scriptConfigMap);
    this.job = add('Resource', o.job);
  }
}
