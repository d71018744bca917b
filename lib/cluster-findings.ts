/**
 * Every finding of a cluster, from one pure function: the plan, the control plane, kube-proxy, host
 * preparation, the CNI, the ingress controllers, the application and the smoke test, computed once.
 * `DualStackCluster` reports exactly these at synth (its parts stay silent) and `k8s-dualstack plan`
 * prints them for the same spec and choices. No cdk8s: the choices load their constructs only when bound.
 */
import type { ICni } from './cni/choice';
import { Cni } from './cni/factory';
import { kubeadmConfigFindings } from './control-plane/config-findings';
import type { KubeadmOptions } from './control-plane/render-kubeadm';
import type { HostNetworkPrepOptions } from './host/render';
import { hostFindings } from './host/rules';
import type { IIngressController } from './ingress/choice';
import type { CommonNginxOptions } from './ingress/render-demo-app';
import { kubeProxyFindings } from './kube-proxy/findings';
import { KUBE_PROXY_DEFAULT_MODE, KubeProxyOptions } from './kube-proxy/render';
import type { Finding } from './plan/findings';
import type { ClusterNetwork } from './plan/network';
import { NodePortClaim, nodePortFindings, serviceFamilyFindings } from './ingress/rules';
import type { SmokeTestOptions } from './verify/options';
import { smokeTestFindings } from './verify/rules';

/** The choices of a cluster besides its network (`DualStackClusterProps` without `network`). */
export interface ClusterChoices {
  /**
   * The CNI.
   * @default Cni.calico() - Calico in operator mode
   */
  readonly cni?: ICni;
  /**
   * kube-proxy: mode, nodePortAddresses, ipvs options.
   * @default - iptables mode, nodePortAddresses covering every family of the plan
   */
  readonly kubeProxy?: KubeProxyOptions;
  /**
   * kubeadm options (control-plane endpoint, bootstrap token, CA hashes).
   * @default - placeholders kubeadm refuses until replaced
   */
  readonly kubeadm?: Omit<KubeadmOptions, 'kubeProxy'>;
  /**
   * Host preparation (sysctls, kernel modules) as a DaemonSet; `false` leaves the hosts alone.
   * @default {} - on, modules for the kube-proxy mode
   */
  readonly hostPrep?: Omit<HostNetworkPrepOptions, 'proxyMode' | 'ipvsScheduler'> | false;
  /**
   * Ingress implementations, in the order they are installed.
   * @default [] - none
   */
  readonly ingress?: readonly IIngressController[];
  /**
   * The field report's `common-nginx` application, routed through the first ingress; `false` for none.
   * @default false
   */
  readonly app?: CommonNginxOptions | boolean;
  /**
   * The dual-stack smoke-test Job; `false` for none.
   * @default {} - on, probing its own test workload
   */
  readonly smokeTest?: SmokeTestOptions | false;
}

/** The choices with every default applied, and what follows from them (shared by `clusterFindings` and `DualStackCluster`). */
export interface ResolvedChoices {
  readonly cni: ICni;
  readonly kubeProxy: KubeProxyOptions;
  /** False when the CNI replaces kube-proxy: kubeadm skips its addon phase and no kube-proxy ConfigMap is written. */
  readonly withKubeProxy: boolean;
  /** The kubeadm options the control plane is rendered with. */
  readonly kubeadm: KubeadmOptions;
  readonly ingress: readonly IIngressController[];
}

/** Apply the defaults of `ClusterChoices`. */
export function resolveChoices(choices: ClusterChoices): ResolvedChoices {
  const cni = choices.cni ?? Cni.calico();
  const kubeProxy: KubeProxyOptions = choices.kubeProxy ?? {};
  const withKubeProxy = !cni.replacesKubeProxy;
  return { cni, kubeProxy, withKubeProxy, kubeadm: { ...choices.kubeadm, kubeProxy, skipKubeProxy: !withKubeProxy }, ingress: choices.ingress ?? [] };
}

/** The CNI's context in a cluster of these choices. */
export function cniContextOf(choices: ClusterChoices, resolved: ResolvedChoices = resolveChoices(choices)) {
  return {
    kubeProxyMode: resolved.kubeProxy.mode ?? KUBE_PROXY_DEFAULT_MODE,
    kubeProxyInstalled: resolved.withKubeProxy,
    kubeProxyOptionsIgnored: !resolved.withKubeProxy && choices.kubeProxy !== undefined,
    controlPlaneEndpoint: choices.kubeadm?.controlPlaneEndpoint,
  };
}

function keyOf(f: Finding): string {
  return `${f.severity}\u0000${f.code}\u0000${f.path}\u0000${f.message}`;
}

/**
 * Every finding of a cluster of `plan` and `choices`, each once (a kube-proxy rule that both the
 * kubeadm config and the kube-proxy ConfigMap depend on is listed once), in a fixed order: plan,
 * control plane, host, kube-proxy, CNI, ingress (`ingress[i]` paths), app, smoke test. Pure; never throws.
 */
export function clusterFindings(plan: ClusterNetwork, choices: ClusterChoices = {}): Finding[] {
  const r = resolveChoices(choices);
  const all: Finding[] = [...plan.findings, ...kubeadmConfigFindings(plan, r.kubeadm)];
  if (choices.hostPrep !== false) all.push(...hostFindings(plan, { ...choices.hostPrep }));
  if (r.withKubeProxy) all.push(...kubeProxyFindings(plan, r.kubeProxy));
  all.push(...r.cni.findings(plan, cniContextOf(choices, r)));
  const claims: NodePortClaim[] = [];
  r.ingress.forEach((choice, i) => {
    all.push(...choice.findings(plan, `ingress[${i}]`));
    const claim = choice.nodePortClaim(`ingress[${i}]`);
    if (claim) claims.push(claim);
  });
  // nodePorts are cluster-wide: two controllers must not share one (each checks its own range).
  if (claims.length > 1) all.push(...nodePortFindings(claims).filter((f) => f.code === 'node-port-clash'));
  if (choices.app) all.push(...serviceFamilyFindings(plan, choices.app === true ? {} : choices.app, 'app.service'));
  if (choices.smokeTest !== false) all.push(...smokeTestFindings(plan, { ...(r.withKubeProxy ? {} : { checkNodePort: true }), ...choices.smokeTest }));
  const seen = new Set<string>();
  return all.filter((f) => {
    const k = keyOf(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
