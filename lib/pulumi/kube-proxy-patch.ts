import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { KUBE_PROXY_CONFIGMAP, KubeProxyOptions, renderKubeProxyConfigPatch } from '../kube-proxy/render';
import type { ClusterNetwork } from '../plan/network';
import { CONFIG_HASH_ANNOTATION, sha256Hex } from './objects';

/** Props of `KubeProxyPatch`: the plan (rendered with lib/kube-proxy) or ready `config.conf` text. */
export interface KubeProxyPatchArgs {
  /**
   * The plan: `config.conf` is rendered by `renderKubeProxyConfigPatch` (mode, `clusterCIDR` = the
   * pod networks, `nodePortAddresses` = the node networks, `clientConnection.kubeconfig` as
   * kubeadm writes it). Give this or `configText`.
   * @default - use `configText`
   */
  readonly network?: ClusterNetwork;
  /**
   * kube-proxy options for the rendering from `network`.
   * @default {} - the renderer's defaults
   */
  readonly kubeProxy?: KubeProxyOptions;
  /**
   * The complete `config.conf` (a KubeProxyConfiguration in YAML). It REPLACES the whole key: the
   * ConfigMap holds the configuration as one string, so a partial text drops the rest (keep
   * `clientConnection.kubeconfig: /var/lib/kube-proxy/kubeconfig.conf` on kubeadm clusters).
   * @default - rendered from `network`
   */
  readonly configText?: pulumi.Input<string>;
  /**
   * Take `data["config.conf"]` over from its current field manager (`kubeadm`, or `kubectl-edit`
   * after a hand edit) with the `pulumi.com/patchForce` annotation. Without it the server-side
   * apply fails with a conflict on every cluster kubeadm built.
   * @default true
   */
  readonly force?: boolean;
  /**
   * Roll the kube-proxy DaemonSet when the config changes (pod-template annotation
   * `k8s-dualstack.io/config-sha256`): kube-proxy reads `config.conf` at start only.
   * @default true
   */
  readonly rollDaemonSet?: boolean;
  /**
   * Keep the patched fields when the patch resources are deleted (`pulumi destroy`, or dropping
   * them from the program). Deleting a patch that force-owns `config.conf` would otherwise remove
   * the key from the ConfigMap, and kube-proxy would fail at its next start.
   * @default true
   */
  readonly retainOnDelete?: boolean;
}

/**
 * The declarative form of "kubectl -n kube-system edit cm kube-proxy; delete the kube-proxy pods"
 * (field report §4.4, §6): a server-side-apply `ConfigMapPatch` of `kube-system/kube-proxy`
 * replacing `config.conf`, and a `DaemonSetPatch` of `kube-system/kube-proxy` that sets the
 * config's sha256 on the pod template, so the DaemonSet controller rolls every kube-proxy pod
 * (one node at a time, by its update strategy) once the new config is in place.
 * For clusters that exist already (kubeadm-built); new clusters get kube-proxy's config from the
 * kubeadm documents.
 */
export class KubeProxyPatch extends pulumi.ComponentResource {
  public static readonly TYPE = 'k8s-dualstack:index:KubeProxyPatch';

  public readonly configMap: k8s.core.v1.ConfigMapPatch;
  /** Undefined when `rollDaemonSet` is false. */
  public readonly daemonSet?: k8s.apps.v1.DaemonSetPatch;
  /** sha256 (hex) of `config.conf`, as set on the pod template. */
  public readonly configHash: pulumi.Output<string>;
  /** The `config.conf` text applied. */
  public readonly configText: pulumi.Output<string>;

  constructor(name: string, args: KubeProxyPatchArgs, opts?: pulumi.ComponentResourceOptions) {
    const text = kubeProxyConfigText(args);
    super(KubeProxyPatch.TYPE, name, {}, opts);
    const retainOnDelete = args.retainOnDelete ?? true;
    this.configText = pulumi.output(text);
    this.configHash = this.configText.apply(sha256Hex);

    this.configMap = new k8s.core.v1.ConfigMapPatch(
      `${name}/ConfigMap/${KUBE_PROXY_CONFIGMAP.namespace}/${KUBE_PROXY_CONFIGMAP.name}`,
      {
        metadata: {
          name: KUBE_PROXY_CONFIGMAP.name,
          namespace: KUBE_PROXY_CONFIGMAP.namespace,
          ...(args.force === false ? {} : { annotations: { 'pulumi.com/patchForce': 'true' } }),
        },
        data: { [KUBE_PROXY_CONFIGMAP.key]: this.configText },
      },
      { parent: this, retainOnDelete },
    );

    if (args.rollDaemonSet !== false) {
      // Only our own annotation key is applied: no other manager owns it, so no force is needed.
      this.daemonSet = new k8s.apps.v1.DaemonSetPatch(
        `${name}/DaemonSet.apps/${KUBE_PROXY_CONFIGMAP.namespace}/kube-proxy`,
        {
          metadata: { name: 'kube-proxy', namespace: KUBE_PROXY_CONFIGMAP.namespace },
          spec: { template: { metadata: { annotations: { [CONFIG_HASH_ANNOTATION]: this.configHash } } } },
        },
        { parent: this, dependsOn: [this.configMap], retainOnDelete },
      );
    }
    this.registerOutputs({ configHash: this.configHash, configText: this.configText });
  }
}

function kubeProxyConfigText(args: KubeProxyPatchArgs): pulumi.Input<string> {
  if (args.configText !== undefined && args.network !== undefined) {
    throw new pulumi.RunError('KubeProxyPatch: give either `network` or `configText`, not both');
  }
  if (args.configText !== undefined) return args.configText;
  if (args.network === undefined) throw new pulumi.RunError('KubeProxyPatch: give `network` (the plan) or `configText` (the complete config.conf)');
  return renderKubeProxyConfigPatch(args.network, args.kubeProxy ?? {}).data[KUBE_PROXY_CONFIGMAP.key];
}
