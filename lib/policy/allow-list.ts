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
