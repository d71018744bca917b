import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { kubeProxyFindings } from './findings';
import { KubeProxyConfigurationDocument, KubeProxyOptions, renderKubeProxyConfigMap, renderKubeProxyConfiguration } from './render';

export interface KubeProxyProps extends KubeProxyOptions {
  /** The cluster network plan. */
  readonly network: ClusterNetwork;
  /**
   * Also report the plan's own errors and warnings on this construct.
   * @default true
   */
  readonly includePlanFindings?: boolean;
}

/**
 * kube-proxy for the plan: the KubeProxyConfiguration document (for kubeadm; `configuration`) and,
 * for a running kubeadm cluster, the ConfigMap kube-system/kube-proxy whose `config.conf` it
 * replaces (field report §4.4, §6, §7.1) — the `Resource` of this construct. Restart the kube-proxy
 * DaemonSet after applying it.
 */
export class KubeProxy extends Construct {
  /** The KubeProxyConfiguration as kubeadm reads it (no metadata; not a chart object). */
  public readonly configuration: KubeProxyConfigurationDocument;
  /** The existing-cluster ConfigMap (also `ApiObject.of(this)`). */
  public readonly configMap: ApiObject;

  private readonly props: KubeProxyProps;

  constructor(scope: Construct, id: string, props: KubeProxyProps) {
    super(scope, id);
    const plan = props.network;
    this.configuration = renderKubeProxyConfiguration(plan, props);
    this.configMap = new ApiObject(this, 'Resource', renderKubeProxyConfigMap(plan, props) as unknown as ApiObjectProps);
    this.props = props;
    attachFindings(this, () => this.findings());
  }

  /** Everything this construct reports at synth (errors fail it). */
  public findings(): Finding[] {
    const plan = this.props.network;
    return [...(this.props.includePlanFindings === false ? [] : plan.findings), ...kubeProxyFindings(plan, this.props, this.configuration)];
  }

}
