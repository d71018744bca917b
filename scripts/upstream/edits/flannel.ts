/** Every deliberate difference of our flannel install from kube-flannel.yml; docs/upstream-edits.md has the same rows. */
import type { Waiver } from '../lib/thirdparty-types';

const DS = 'DaemonSet/kube-flannel/kube-flannel-ds';

export const FLANNEL_EDITS: readonly Waiver[] = [
  {
    object: 'ConfigMap/kube-flannel/kube-flannel-cfg',
    field: 'data.net-conf.json',
    upstream: 'Network 10.244.0.0/16, EnableNFTables false, vxlan',
    ours: "the plan's pod CIDRs (Network, IPv6Network), EnableIPv4/EnableIPv6, SubnetLen/IPv6SubnetLen = node masks, the chosen backend",
    reason: 'dual-stack: flannel must allocate from the cluster CIDRs the controller-manager hands out (EnableNFTables left at its default, false)',
  },
  {
    object: DS,
    field: 'template.metadata.annotations.k8s-dualstack.io/privilege-reason',
    upstream: '(none)',
    ours: 'why the pod needs hostNetwork, NET_ADMIN/NET_RAW and hostPath',
    reason: 'every privilege carries its reason (project rule)',
  },
  {
    object: DS,
    field: 'pod.securityContext',
    upstream: '(none)',
    ours: 'seccompProfile RuntimeDefault',
    reason: 'hardening: flanneld needs no syscall outside the runtime default profile',
  },
  {
    object: DS,
    field: 'initContainers[install-cni-plugin].resources',
    upstream: '(none)',
    ours: 'requests cpu 10m, memory 16Mi',
    reason: 'every container has requests (project rule); a copy-only container',
  },
  {
    object: DS,
    field: 'initContainers[install-cni].resources',
    upstream: '(none)',
    ours: 'requests cpu 10m, memory 16Mi',
    reason: 'every container has requests (project rule); a copy-only container',
  },
];
