/**
 * Cilium for Pulumi: the same chart values as cdk8s, fed to `@pulumi/kubernetes` `helm.v4.Chart`
 * (chart `cilium` from https://helm.cilium.io at the pinned version, release in kube-system).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { errorsOf, formatFinding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import { CILIUM_CHART, CILIUM_HELM_REPOSITORY, CILIUM_NAMESPACE, CiliumProps } from './options';
import { ciliumFindings, CiliumRuleContext } from './rules';
import { ciliumValuesOf, resolveCilium } from './values';

/** Args of `ciliumChart`. */
export interface CiliumChartArgs {
  /** The plan. */
  readonly network: ClusterNetwork;
  /**
   * The Cilium props (`Cni.cilium(props)` takes the same).
   * @default {} - IPAM kubernetes, tunnel (vxlan), kube-proxy kept
   */
  readonly cilium?: CiliumProps;
  /**
   * What the rules know about the rest of the cluster.
   * @default {} - endpoint from the plan's control-plane node
   */
  readonly context?: CiliumRuleContext;
}

/**
 * A `helm.v4.Chart` installing Cilium with values from the plan. A local `cilium.chart` path is used
 * as given; otherwise the chart comes from the Cilium repository at the pinned version.
 * @throws pulumi.RunError listing every error finding (nothing is registered then)
 */
export function ciliumChart(name: string, args: CiliumChartArgs, opts?: pulumi.ComponentResourceOptions): k8s.helm.v4.Chart {
  const props = args.cilium ?? {};
  const context = args.context ?? {};
  const errors = errorsOf(ciliumFindings(args.network, props, context));
  if (errors.length > 0) throw new pulumi.RunError(`ciliumChart ${name}: ${errors.length} error(s):\n${errors.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
  const resolved = resolveCilium(args.network, props, context);
  return new k8s.helm.v4.Chart(
    name,
    {
      name: 'cilium',
      namespace: CILIUM_NAMESPACE,
      ...(props.chart !== undefined && props.chart !== CILIUM_CHART
        ? { chart: props.chart }
        : { chart: CILIUM_CHART, version: resolved.version, repositoryOpts: { repo: CILIUM_HELM_REPOSITORY } }),
      values: ciliumValuesOf(args.network, resolved) as Record<string, pulumi.Input<unknown>>,
    },
    opts,
  );
}
