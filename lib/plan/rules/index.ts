import type { Finding } from '../findings';
import type { ClusterNetwork } from '../network';

/** A cross-component rule over the parsed plan. */
export type PlanRule = (plan: ClusterNetwork) => Finding[];

/**
 * The plan's rules, in the order their findings are listed. One file per upstream component
 * (apiserver, controller-manager, kube-proxy, kubeadm, service API, …) contributes its rules here.
 */
export const PLAN_RULES: readonly PlanRule[] = [];
