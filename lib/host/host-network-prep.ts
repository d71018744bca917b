import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { HostNetworkPrepOptions, renderHostNetworkPrep } from './render';
import { hostFindings } from './rules';

export interface HostNetworkPrepProps extends HostNetworkPrepOptions {
  /** The cluster network plan. */
  readonly network: ClusterNetwork;
  /**
   * Also report the plan's own errors and warnings on this construct (turn off when a composite
   * such as DualStackCluster reports them once).
   * @default true
   */
  readonly includePlanFindings?: boolean;
}

/**
 * Keeps every node's network prepared for dual-stack from inside the cluster: a DaemonSet in its
 * own privileged namespace whose init container sets the forwarding / disable_ipv6 (/ accept_ra)
 * sysctls and tries kube-proxy's modules (best effort, see `hostPrepScript`), then idles
 * unprivileged. It runs only once the cluster does: the node script (`renderNodeScript`, step 0 of
 * `DualStackCluster`'s output tree) prepares the node before kubeadm's preflight checks and does
 * what a pod cannot — static addresses and routes, boot persistence, modules with the host's own
 * modprobe. The pod's privilege note says what it does for the plan (`hostPrepPrivilegeNote`).
 */
export class HostNetworkPrep extends Construct {
  /** The DaemonSet (also `ApiObject.of(this)`). */
  public readonly daemonSet: ApiObject;
  public readonly namespace: ApiObject;

  private readonly props: HostNetworkPrepProps;

  constructor(scope: Construct, id: string, props: HostNetworkPrepProps) {
    super(scope, id);
    const [ns, ds] = renderHostNetworkPrep(props.network, props);
    this.namespace = new ApiObject(this, 'Namespace', ns as unknown as ApiObjectProps);
    this.daemonSet = new ApiObject(this, 'Resource', ds as unknown as ApiObjectProps);
    this.daemonSet.addDependency(this.namespace);
    this.props = props;
    attachFindings(this, () => this.findings());
  }

  /** Everything this construct reports at synth (errors fail it). */
  public findings(): Finding[] {
    const plan = this.props.network;
    return [...(this.props.includePlanFindings === false ? [] : plan.findings), ...hostFindings(plan, this.props)];
  }
}
