/**
 * Every deliberate difference between what we render for Calico and the release's artifacts
 * (v3.32.1). Each entry is also a row of docs/upstream-edits.md (the check fails when the two
 * disagree). Objects are prefixed with the mode the check renders (`operator:` / `manifest:`).
 */
import { Waiver } from '../lib/difference';

const OPERATOR = 'operator:Deployment/tigera-operator/tigera-operator';
const NODE = 'manifest:DaemonSet/kube-system/calico-node';
const NODE_ENV = 'spec.template.spec.containers[calico-node].env';
const KC = 'manifest:Deployment/kube-system/calico-kube-controllers';

export const CALICO_WAIVERS: readonly Waiver[] = [
  // ------------------------------------------------------------------ operator mode
  {
    object: OPERATOR,
    path: 'spec.template.spec.containers[tigera-operator].resources',
    upstream: 'none',
    ours: 'requests cpu 100m, memory 128Mi; no limits',
    reason: 'Requests so the scheduler reserves room (policy: requests everywhere). No limits on a third-party pod whose footprint upstream does not size: an OOM-killed or throttled operator stalls the CNI rollout.',
  },
  {
    object: OPERATOR,
    path: 'spec.template.spec.containers[tigera-operator].securityContext',
    upstream: 'none',
    ours: 'allowPrivilegeEscalation false, capabilities drop ALL, seccomp RuntimeDefault',
    reason: 'Hardening: the operator only talks to the API server and reads /var/lib/calico read-only; it needs no capability and no escalation. Reasoned from what it does, not tried on a cluster.',
  },
  {
    object: OPERATOR,
    path: 'spec.template.spec.securityContext',
    upstream: 'none',
    ours: 'seccompProfile RuntimeDefault',
    reason: 'Hardening: RuntimeDefault seccomp for the pod (the container runtime default profile allows what a Go API client needs).',
  },
  {
    object: 'operator:Installation/default',
    path: 'spec.**',
    upstream: 'example: one IPv4 pool 192.168.0.0/16',
    ours: 'one pool per family of the plan, node address autodetection per family, serviceCIDRs, linuxDataplane, variant Calico',
    reason: 'The dual-stack settings: pools and Service ranges come from the plan (never a fixed example CIDR), autodetection from the declared node networks, the dataplane follows kube-proxy (rule calico-dataplane-kube-proxy).',
  },
  {
    object: 'operator:APIServer/default',
    path: '',
    upstream: 'APIServer default',
    ours: 'not rendered',
    reason: 'Optional: the Calico API server only serves projectcalico.org/v3 to kubectl; pod networking and IPAM do not need it. A user can apply it after the Installation.',
  },
  {
    object: 'operator:Goldmane/default',
    path: '',
    upstream: 'Goldmane default',
    ours: 'not rendered',
    reason: 'Optional: the flow-log aggregator of the observability UI; not part of pod networking.',
  },
  {
    object: 'operator:Whisker/default',
    path: '',
    upstream: 'Whisker default',
    ours: 'not rendered',
    reason: 'Optional: the observability UI (needs Goldmane); not part of pod networking.',
  },
  // ------------------------------------------------------------------ manifest mode
  {
    object: 'manifest:ConfigMap/kube-system/calico-config',
    path: 'data.cni_network_config',
    upstream: 'ipam {"type": "calico-ipam"}',
    ours: 'ipam with assign_ipv4 / assign_ipv6 "true"/"false" per family of the plan',
    reason: 'Dual-stack: calico-ipam assigns an IPv6 address only with assign_ipv6 "true" (field report §5.2); IPv6-only needs assign_ipv4 "false".',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[CALICO_IPV*POOL_*]**`,
    upstream: 'IPIP Always, VXLAN Never, no CIDR (calico-node picks 192.168.0.0/16)',
    ours: 'CIDR, block size, encapsulation, NAT and node selector of each family from the plan',
    reason: 'Dual-stack: one default pool per family with the plan pod CIDR (equal to --cluster-cidr), the same defaults as operator mode (VXLANCrossSubnet); IPv6 pools have no IPIP.',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[FELIX_IPV6SUPPORT].value`,
    upstream: '"false"',
    ours: '"true" when the plan has IPv6',
    reason: 'Dual-stack: Felix programs ip6tables/IPv6 routes only with IPv6 support on.',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[IP_AUTODETECTION_METHOD]`,
    upstream: 'none (first-found)',
    ours: 'cidr=<node network> or kubernetes-internal-ip',
    reason: 'first-found can pick a docker/CNI bridge address; the declared node networks (or the Node InternalIP) name the right interface.',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[IP6*]`,
    upstream: 'none (no IPv6 address)',
    ours: 'IP6 autodetect and IP6_AUTODETECTION_METHOD as for IPv4 (IP6 none without IPv6)',
    reason: 'Dual-stack: calico-node autodetects an IPv6 node address only with IP6=autodetect.',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[IP].value`,
    upstream: 'autodetect',
    ours: 'none when the plan has no IPv4',
    reason: 'IPv6-only: calico-node must not look for an IPv4 address (seen in the IPv6-only plan of the check).',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[CALICO_ROUTER_ID]`,
    upstream: 'none',
    ours: 'hash when the plan has no IPv4',
    reason: 'IPv6-only: BGP needs a 32-bit router ID, normally the node IPv4 address (seen in the IPv6-only plan of the check).',
  },
  {
    object: NODE,
    path: `${NODE_ENV}[FELIX_NFTABLESMODE]`,
    upstream: 'none (Felix default Disabled)',
    ours: 'Enabled or Disabled, following kube-proxy mode',
    reason: 'The dataplane must match kube-proxy: nftables kube-proxy needs Felix nftables mode (rule calico-dataplane-kube-proxy); written out either way.',
  },
  {
    object: NODE,
    path: 'spec.template.spec.containers[calico-node].resources.requests.memory',
    upstream: 'none (cpu 250m only)',
    ours: '128Mi',
    reason: 'Requests everywhere (policy), so the node reserves memory for Felix and BIRD. No limits: an OOM-killed calico-node takes the node networking down.',
  },
  {
    object: NODE,
    path: 'spec.template.spec.initContainers[*].resources',
    upstream: 'none',
    ours: 'requests cpu 10m, memory 16Mi',
    reason: 'Requests everywhere (policy); the init containers only copy binaries and mount bpffs. No limits (as upstream).',
  },
  {
    object: NODE,
    path: 'spec.template.spec.securityContext',
    upstream: 'seccompProfile RuntimeDefault',
    ours: 'none before Kubernetes 1.19 (the seccomp annotation instead)',
    reason: 'Kubernetes < 1.19 drops the seccompProfile field: the alpha annotation carries RuntimeDefault (not used by the plan the check renders).',
  },
  {
    object: KC,
    path: 'spec.template.spec.containers[calico-kube-controllers].resources',
    upstream: 'none',
    ours: 'requests cpu 50m, memory 64Mi; no limits',
    reason: 'Requests everywhere (policy). No limits on a controller upstream does not size.',
  },
  {
    object: KC,
    path: 'spec.template.spec.containers[calico-kube-controllers].securityContext.*',
    upstream: 'runAsNonRoot true',
    ours: 'Pod Security Restricted: runAsUser 999, allowPrivilegeEscalation false, drop ALL, seccomp RuntimeDefault',
    reason: 'Hardening: Pod Security Restricted, as the operator-mode install runs this image (non-root UID 999, no capabilities); upstream calico.yaml sets only runAsNonRoot. Carried over from the earlier renderer, not re-verified on a cluster.',
  },
  {
    object: KC,
    path: 'spec.template.spec.securityContext.*',
    upstream: 'seccompProfile RuntimeDefault',
    ours: 'runAsNonRoot true, seccompProfile RuntimeDefault',
    reason: 'Hardening: Pod Security Restricted at pod level too.',
  },
];
