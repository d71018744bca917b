import type { Finding } from '../findings';
import type { ClusterNetwork } from '../network';
import { apiserverPlanRule } from './apiserver';
import { controllerManagerPlanRule } from './controller-manager';
import { kubeadmPlanRule } from './kubeadm';
import { addressSpacePlanRule, capacityPlanRule, gatesPlanRule, layoutPlanRule, nodesPlanRule } from './network';

/** A cross-component rule over the parsed plan. */
export type PlanRule = (plan: ClusterNetwork) => Finding[];

/**
 * The plan's rules, in the order their findings are listed. One file per upstream component
 * (apiserver, controller-manager, kube-proxy, kubeadm, service API, …) contributes its rules here;
 * the validators in ../validate.ts call the same functions on raw input.
 */
export const PLAN_RULES: readonly PlanRule[] = [
  gatesPlanRule,
  layoutPlanRule,
  apiserverPlanRule,
  controllerManagerPlanRule,
  kubeadmPlanRule,
  addressSpacePlanRule,
  nodesPlanRule,
  capacityPlanRule,
];

export * from './common';
export * from './gates';
export * from './apiserver';
export * from './controller-manager';
export * from './kube-proxy';
export * from './kubeadm';
export * from './service';
export * from './network';
