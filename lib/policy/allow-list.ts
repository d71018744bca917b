import { PolicyExemption, Privilege, PrivilegedWorkload } from './types';

/**
 * The workloads this package (or kubeadm, for kube-proxy) puts on a cluster that truly need more
 * than Pod Security Restricted: each programs the node itself. Anything else that asks for a
 * privilege is a violation, and so is one of these asking for a privilege not listed here.
 */
export const DEFAULT_PRIVILEGED_WORKLOADS: readonly PrivilegedWorkload[] = [
  {
    namespace: 'kube-system',
    kind: 'DaemonSet',
    name: 'calico-node',
    privileges: [Privilege.PRIVILEGED, Privilege.HOST_NETWORK, Privilege.HOST_PATH],
    why: 'CNI dataplane (Calico manifest mode): routes, iptables/nftables, BPF and the CNI binaries on the node',
  },
  {
    namespace: 'tigera-operator',
    kind: 'Deployment',
    name: 'tigera-operator',
    privileges: [Privilege.HOST_NETWORK, Privilege.HOST_PATH],
    why: 'installs the CNI, so it runs before any pod network exists',
  },
  {
    namespace: 'kube-flannel',
    kind: 'DaemonSet',
    name: 'kube-flannel-ds',
    privileges: [Privilege.HOST_NETWORK, Privilege.HOST_PATH, Privilege.NET_ADMIN, Privilege.NET_RAW],
    why: 'CNI dataplane (flannel): the flannel device, routes, masquerade rules and the CNI binaries on the node',
  },
  {
    namespace: 'k8s-dualstack-host',
    kind: 'DaemonSet',
    name: 'host-network-prep',
    privileges: [Privilege.PRIVILEGED, Privilege.HOST_NETWORK, Privilege.HOST_PATH],
    why: 'host preparation: node forwarding / disable_ipv6 sysctls and kube-proxy kernel modules',
  },
  {
    namespace: 'kube-system',
    kind: 'DaemonSet',
    name: 'kube-proxy',
    privileges: [Privilege.PRIVILEGED, Privilege.HOST_NETWORK, Privilege.HOST_PATH],
    why: 'kube-proxy programs iptables/ipvs/nftables on the node (the kubeadm addon)',
  },
  // Cilium 1.19.6 as its chart renders it (templates/cilium-agent/daemonset.yaml,
  // cilium-envoy/daemonset.yaml, cilium-operator/deployment.yaml); checked by test/upstream.
  {
    namespace: 'kube-system',
    kind: 'DaemonSet',
    name: 'cilium',
    privileges: [
      Privilege.PRIVILEGED, Privilege.HOST_NETWORK, Privilege.HOST_PATH, Privilege.HOST_PORTS,
      Privilege.NET_ADMIN, Privilege.NET_RAW, Privilege.SYS_ADMIN, Privilege.SYS_MODULE, Privilege.SYS_RESOURCE,
      Privilege.SYS_CHROOT, Privilege.SYS_PTRACE, Privilege.IPC_LOCK, Privilege.CHOWN, Privilege.KILL,
      Privilege.DAC_OVERRIDE, Privilege.FOWNER, Privilege.SETGID, Privilege.SETUID, Privilege.SYSLOG,
    ],
    why: 'CNI dataplane (Cilium agent): loads eBPF programs and maps (bpffs, cgroup2 mounts via nsenter), routes, the CNI binaries on the node, health and metrics ports on the host',
  },
  {
    namespace: 'kube-system',
    kind: 'DaemonSet',
    name: 'cilium-envoy',
    privileges: [Privilege.HOST_NETWORK, Privilege.HOST_PATH, Privilege.HOST_PORTS, Privilege.NET_ADMIN, Privilege.SYS_ADMIN],
    why: "Cilium's L7 proxy: transparent proxying of the node's traffic through the agent's sockets on the host",
  },
  {
    namespace: 'kube-system',
    kind: 'Deployment',
    name: 'cilium-operator',
    privileges: [Privilege.HOST_NETWORK, Privilege.HOST_PORTS],
    why: 'allocates node ranges and manages Cilium resources before any pod network exists, so it runs on the host network',
  },
];

/**
 * Third-party objects shipped exactly as their release writes them that break a rule, each with
 * its reason (the same difference is explained in docs/upstream-edits.md's preamble: third-party
 * RBAC is upstream's). Always applied, next to the caller's exemptions.
 */
export const DEFAULT_POLICY_EXEMPTIONS: readonly PolicyExemption[] = [
  {
    rule: 'rbac-no-wildcards',
    kind: 'ClusterRole',
    name: 'calico-kube-controllers',
    reason:
      'Calico manifest mode (calico.yaml v3.32.1): its migration controller reads every crd.projectcalico.org kind and writes every projectcalico.org kind to move the datastore from v1 to v3; upstream grants both as "*" and a list of kinds would break when a release adds one',
  },
];
