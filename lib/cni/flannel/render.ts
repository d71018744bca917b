/**
 * flannel, built from upstream's kube-flannel.yml at the pinned release (lib/upstream/flannel, see
 * ./upstream.ts) plus what the plan decides: net-conf.json (networks, subnet lengths, backend) and the
 * interface flags. Every other difference from upstream is a row of docs/upstream-edits.md, and
 * `npm run check:upstream -- flannel` fails on any that is not.
 */
import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { resolveFlannel, ResolvedFlannel } from '../cni';
import { KubeObject } from '../../k8s/objects';
import { PRIVILEGE_REASON_ANNOTATION } from '../../k8s/security';
import { FlannelOptions } from '../options';
import { FLANNEL_CNI_PLUGIN_IMAGE, FLANNEL_IMAGE } from '../versions';
import { flannelUpstream } from './upstream';

export const FLANNEL_NAMESPACE = 'kube-flannel';
export const FLANNEL_CONFIG = 'kube-flannel-cfg';
const DAEMONSET = 'kube-flannel-ds';

/** net-conf.json: networks and subnet lengths from the plan (subnet length = node mask). */
export function flannelNetConf(plan: ClusterNetwork, flannel: ResolvedFlannel): Record<string, unknown> {
  const v4 = plan.podCidr(IpFamily.IPV4);
  const v6 = plan.podCidr(IpFamily.IPV6);
  const conf: Record<string, unknown> = {};
  if (v4) conf.Network = v4.toString();
  if (v6) conf.IPv6Network = v6.toString();
  conf.EnableIPv4 = !!v4;
  conf.EnableIPv6 = !!v6;
  if (v4) conf.SubnetLen = plan.nodeMaskIPv4;
  if (v6) conf.IPv6SubnetLen = plan.nodeMaskIPv6;
  conf.Backend = { Type: flannel.backend };
  return conf;
}

/** cni-conf.json exactly as upstream's ConfigMap has it (the flannel plugin delegating to bridge, plus portmap). */
export const FLANNEL_CNI_CONF: Record<string, unknown> = JSON.parse(flannelUpstream('ConfigMap', FLANNEL_CONFIG).data['cni-conf.json']);

/** Upstream's flanneld args plus the interface options. */
export function flannelArgs(flannel: ResolvedFlannel): string[] {
  // Upstream: --ip-masq (masquerade pod traffic leaving the pod networks, both families with
  // EnableIPv6), --kube-subnet-mgr (podCIDRs from the Node objects), --healthz-port (the probes).
  const main = flannelUpstream('DaemonSet', DAEMONSET).spec.template.spec.containers[0];
  const args: string[] = [...main.args];
  for (const i of flannel.iface) args.push(`--iface=${i}`);
  if (flannel.ifaceCanReach) args.push(`--iface-can-reach=${flannel.ifaceCanReach}`);
  if (flannel.publicIPv6) args.push(`--public-ipv6=${flannel.publicIPv6}`);
  return args;
}

/** Upstream leaves the two copy-only init containers without requests; a scheduler needs them. */
const INIT_REQUESTS = { requests: { cpu: '10m', memory: '16Mi' } };

export function renderFlannelResolved(plan: ClusterNetwork, flannel: ResolvedFlannel): KubeObject[] {
  const image = `${FLANNEL_IMAGE}:${flannel.version}`;
  const namespace = flannelUpstream('Namespace', FLANNEL_NAMESPACE);
  const daemonSet = flannelUpstream('DaemonSet', DAEMONSET);
  const tpl = daemonSet.spec.template;
  tpl.metadata.annotations = {
    ...tpl.metadata.annotations,
    [PRIVILEGE_REASON_ANNOTATION]:
      'CNI dataplane: hostNetwork with NET_ADMIN and NET_RAW (not privileged, as upstream) to create the flannel device, routes and masquerade rules; hostPath to install the CNI plugin and config and share /run/flannel/subnet.env',
  };
  const pod = tpl.spec;
  // Hardening: RuntimeDefault seccomp (upstream sets none); flanneld's syscalls are all in the default profile.
  pod.securityContext = { ...pod.securityContext, seccompProfile: { type: 'RuntimeDefault' } };
  for (const c of pod.initContainers) {
    c.image = c.name === 'install-cni-plugin' ? `${FLANNEL_CNI_PLUGIN_IMAGE}:${flannel.cniPluginVersion}` : image;
    c.resources = c.resources ?? INIT_REQUESTS;
  }
  const main = pod.containers[0];
  main.image = image;
  main.args = flannelArgs(flannel);

  const configMap = flannelUpstream('ConfigMap', FLANNEL_CONFIG);
  configMap.data = { ...configMap.data, 'net-conf.json': JSON.stringify(flannelNetConf(plan, flannel), null, 2) };

  // Upstream's order: RBAC before the ServiceAccount is fine for kubectl; we keep namespace first.
  return [
    namespace as KubeObject,
    flannelUpstream('ServiceAccount', 'flannel') as KubeObject,
    flannelUpstream('ClusterRole', 'flannel') as KubeObject,
    flannelUpstream('ClusterRoleBinding', 'flannel') as KubeObject,
    configMap as KubeObject,
    daemonSet as KubeObject,
  ];
}

export function renderFlannel(plan: ClusterNetwork, options: FlannelOptions = {}): KubeObject[] {
  return renderFlannelResolved(plan, resolveFlannel(options));
}
