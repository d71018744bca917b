import { KubeProxyMode } from '../kube-proxy/mode';
import type { IpvsScheduler } from '../kube-proxy/render';
import { namespaceObject } from '../k8s/objects';
import { podSecurityLabels, PRIVILEGE_REASON_ANNOTATION, restrictedContainerSecurityContext, seccompFor } from '../k8s/security';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { HOST_IMAGES } from './images';
import { acceptRaSysctl, hostSysctls, modulesFor, procPath, shellQuote } from './modules';

/** Options of the host preparation DaemonSet. */
export interface HostNetworkPrepOptions {
  /**
   * Namespace created for the DaemonSet.
   * @default HostNetworkPrepDefaults.NAMESPACE ("k8s-dualstack-host")
   */
  readonly namespace?: string;
  /**
   * Name of the DaemonSet.
   * @default HostNetworkPrepDefaults.NAME ("host-network-prep")
   */
  readonly name?: string;
  /**
   * kube-proxy mode: decides which kernel modules are loaded.
   * @default KubeProxyMode.IPTABLES
   */
  readonly proxyMode?: KubeProxyMode;
  /**
   * ipvs scheduler, to load its module (ipvs mode).
   * @default - round robin (ip_vs_rr is always loaded in ipvs mode)
   */
  readonly ipvsScheduler?: IpvsScheduler;
  /**
   * Interface that learns its IPv6 default route from router advertisements: gets accept_ra=2,
   * because enabling forwarding makes Linux ignore RAs (and drop that route) otherwise.
   * @default - none: accept_ra is left alone
   */
  readonly acceptRaInterface?: string;
  /**
   * Image of the privileged init container (needs sh, sysctl via /proc, modprobe).
   * @default HOST_IMAGES.busybox
   */
  readonly initImage?: string;
  /**
   * Image that idles afterwards.
   * @default HOST_IMAGES.pause
   */
  readonly image?: string;
}

export class HostNetworkPrepDefaults {
  public static readonly NAMESPACE = 'k8s-dualstack-host';
  public static readonly NAME = 'host-network-prep';
  /** The package-wide annotation (lib/k8s/security.ts), kept here for the host area's public API. */
  public static readonly PRIVILEGE_REASON_ANNOTATION = PRIVILEGE_REASON_ANNOTATION;
}

/**
 * The shell script of the init container: sysctls through /proc/sys, then modules, best effort.
 * busybox's `modprobe` cannot read zstd-compressed modules (`.ko.zst`, Ubuntu ≥ 23.10 and other
 * recent distributions), so a module it cannot load is reported and tolerated instead of failing
 * the pod (with `set -e` one such module would crash-loop the init container on every node):
 * the node script (step 0, before kubeadm) loads the same modules with the host's own modprobe and
 * lists them in /etc/modules-load.d for every boot, and the kernel loads netfilter tables
 * (x_tables `request_module("%stable_%s")`) and IPVS schedulers (`request_module("ip_vs_%s")`) on
 * first use. The sysctls are not optional: a failed write fails the pod, visibly.
 * @param ipv6 whether the cluster has IPv6 (the IPv6 sysctls and modules only then)
 */
export function hostPrepScript(options: HostNetworkPrepOptions = {}, ipv6 = true): string {
  const sysctls = [...hostSysctls(ipv6)];
  // After forwarding: setting forwarding resets the meaning of accept_ra=1.
  if (ipv6 && options.acceptRaInterface) sysctls.push(acceptRaSysctl(options.acceptRaInterface));
  const lines = ['set -eu'];
  for (const [key, value] of sysctls) lines.push(`echo ${value} > ${shellQuote(procPath(key))}`);
  const mods = modulesFor(options.proxyMode ?? KubeProxyMode.IPTABLES, options.ipvsScheduler, ipv6);
  if (mods.length) {
    lines.push(`for m in ${mods.join(' ')}; do`);
    // Loaded, or built into the kernel (/sys/module/<m> without modprobe): fine. Otherwise say so and go on.
    lines.push('  modprobe -- "$m" 2>/dev/null || [ -d "/sys/module/$m" ] || echo "warning: kernel module $m not loaded from here (busybox modprobe cannot read zstd-compressed modules); the node script loads it at boot and the kernel on first use" >&2');
    lines.push('done');
  }
  lines.push('echo "host network prepared"');
  return `${lines.join('\n')}\n`;
}

/**
 * The privilege note of the DaemonSet's pod (`PRIVILEGE_REASON_ANNOTATION`): what the privileged
 * init container really does for this plan — which sysctls it writes, which modules it tries.
 */
export function hostPrepPrivilegeNote(options: HostNetworkPrepOptions = {}, ipv6 = true): string {
  const sysctls = [...hostSysctls(ipv6)].map(([k]) => k);
  if (ipv6 && options.acceptRaInterface) sysctls.push(acceptRaSysctl(options.acceptRaInterface)[0]);
  const mods = modulesFor(options.proxyMode ?? KubeProxyMode.IPTABLES, options.ipvsScheduler, ipv6);
  const parts = [
    `privileged init container with hostNetwork writes the node's ${sysctls.join(', ')} through /proc/sys (read-only unless privileged; hostNetwork makes the net.* sysctls the node's)`,
    mods.length
      ? `tries to load ${mods.join(', ')} from /lib/modules (mounted read-only; modprobe needs CAP_SYS_MODULE) — best effort: a module busybox modprobe cannot read (.ko.zst) is reported and left to the node script and the kernel's autoload`
      : 'loads no kernel module (none needed for this kube-proxy mode and family set; /lib/modules is not mounted)',
    'the idle container then runs unprivileged',
  ];
  return parts.join('; ');
}

const labelsOf = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'k8s-dualstack' });

/**
 * The Namespace and DaemonSet that prepare every node's network for dual-stack: IPv6 enabled and
 * forwarding on (both families), accept_ra=2 where asked, the kernel modules of the kube-proxy mode.
 */
export function renderHostNetworkPrep(plan: ClusterNetwork, options: HostNetworkPrepOptions = {}): Record<string, unknown>[] {
  // The host steps are the same for every node (node-specific ones live in renderNodeScript); they
  // depend on the plan's families and version only.
  const ipv6 = plan.hasFamily(IpFamily.IPV6);
  const seccomp = seccompFor(plan.version);
  const namespace = options.namespace ?? HostNetworkPrepDefaults.NAMESPACE;
  const name = options.name ?? HostNetworkPrepDefaults.NAME;
  const labels = labelsOf(name);
  const mods = modulesFor(options.proxyMode ?? KubeProxyMode.IPTABLES, options.ipvsScheduler, ipv6);
  // Pod Security "privileged": the init container must be privileged with hostNetwork and a
  // hostPath to change the node's sysctls and load modules; "baseline" and "restricted" forbid
  // all three. The namespace holds nothing else, so the exemption stays this narrow.
  const ns = namespaceObject(namespace, { ...podSecurityLabels('privileged', ['enforce']), ...labels });
  const initContainer: Record<string, unknown> = {
    name: 'prepare',
    image: options.initImage ?? HOST_IMAGES.busybox,
    command: ['sh', '-c', hostPrepScript(options, ipv6)],
    // privileged: /proc/sys is read-only in any unprivileged container, and modprobe needs
    // CAP_SYS_MODULE; hostNetwork (pod level) makes the net.* sysctls those of the node. What it
    // does for this plan is spelled out in the pod's privilege note (hostPrepPrivilegeNote).
    securityContext: { privileged: true },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  };
  if (mods.length) initContainer.volumeMounts = [{ name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }];
  const spec: Record<string, unknown> = {
    automountServiceAccountToken: false,
    // net.* sysctls are per network namespace: only in the host's does the change reach the node.
    hostNetwork: true,
    initContainers: [initContainer],
    containers: [
      {
        name: 'idle',
        image: options.image ?? HOST_IMAGES.pause,
        // Restricted; the pod-level seccompProfile covers it.
        securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true, runAsGroup: 65535, runAsUser: 65535, seccompProfile: false }),
        resources: { requests: { cpu: '1m', memory: '8Mi' }, limits: { cpu: '10m', memory: '16Mi' } },
      },
    ],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    ...(seccomp.field ? { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } : {}),
    terminationGracePeriodSeconds: 5,
    // Every node, control plane included: a node without forwarding breaks pod traffic whatever its taints.
    tolerations: [{ operator: 'Exists' }],
  };
  if (mods.length) spec.volumes = [{ name: 'lib-modules', hostPath: { path: '/lib/modules', type: 'Directory' } }];
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: {
            ...seccomp.annotations,
            [PRIVILEGE_REASON_ANNOTATION]: hostPrepPrivilegeNote(options, ipv6),
          },
        },
        spec,
      },
      updateStrategy: { type: 'RollingUpdate' },
    },
  };
  return [ns, ds];
}
