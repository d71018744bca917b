import type { ClusterNetwork } from '../plan/network';
import { SmokeTestTarget } from './target';

/** Options of the dual-stack smoke test (everything but the plan). */
export interface SmokeTestOptions {
  /**
   * Base name of the objects: the ServiceAccount and Job (`dualstack-smoke`), the ClusterRole and
   * ClusterRoleBinding (`<name>-reader`), the script ConfigMap (`<name>-script`), the test
   * workload (`<name>-web`). A DNS-1123 label of at most 54 characters (suffixes are added).
   * @default "dualstack-smoke" (DualStackSmokeTest.DEFAULT_NAME)
   */
  readonly name?: string;
  /**
   * Namespace of the Job, its ServiceAccount and the test workload.
   * @default "dualstack-smoke" (DualStackSmokeTest.DEFAULT_NAMESPACE)
   */
  readonly namespace?: string;
  /**
   * Whether to create the namespace (labelled Pod Security `restricted`).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * What to probe.
   * @default SmokeTestTarget.testWorkload() - a small unprivileged web Deployment and a dual-stack Service
   */
  readonly target?: SmokeTestTarget;
  /**
   * Also connect to the Service's NodePort on node addresses of every family (the field report's
   * `curl -g -6 'http://[2003:ac18::30a:2]:30080'`). The addresses are the plan's nodes, or the
   * first node's InternalIPs when the plan lists none. The test workload's Service becomes type
   * NodePort.
   * @default false
   */
  readonly checkNodePort?: boolean;
  /**
   * The checker image (needs `node` ≥ 18 on the PATH and uid 1000 able to read the script).
   * @default SMOKE_TEST_IMAGES.CHECKER
   */
  readonly image?: string;
  /**
   * Seconds a finished Job (and its pod, with the log lines) is kept.
   * @default 3600 (DualStackSmokeTest.DEFAULT_TTL_SECONDS_AFTER_FINISHED)
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Retries of a failed check pod. Small: the check already waits for the target to settle.
   * @default 1 (DualStackSmokeTest.DEFAULT_BACKOFF_LIMIT)
   */
  readonly backoffLimit?: number;
  /**
   * How long the check waits for the target Service to have ClusterIPs and ready endpoints of
   * every family before probing (the Job is usually applied together with the workload).
   * @default 180 (DualStackSmokeTest.DEFAULT_WAIT_SECONDS)
   */
  readonly waitSeconds?: number;
  /**
   * Timeout of each HTTP probe.
   * @default 5 (DualStackSmokeTest.DEFAULT_HTTP_TIMEOUT_SECONDS)
   */
  readonly httpTimeoutSeconds?: number;
}

/** Props of the `DualStackSmokeTest` construct. */
export interface DualStackSmokeTestProps extends SmokeTestOptions {
  /** The plan: the families to expect (primary first), the DNS domain, the nodes, the version. */
  readonly network: ClusterNetwork;
}

/** Defaults of the smoke test (also exposed on `DualStackSmokeTest`). */
export const SMOKE_TEST_DEFAULTS = {
  NAME: 'dualstack-smoke',
  NAMESPACE: 'dualstack-smoke',
  TTL_SECONDS_AFTER_FINISHED: 3600,
  BACKOFF_LIMIT: 1,
  WAIT_SECONDS: 180,
  HTTP_TIMEOUT_SECONDS: 5,
} as const;
