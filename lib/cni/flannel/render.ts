import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { resolveFlannel, ResolvedFlannel } from '../cni';
import { clusterRole, clusterRoleBinding, KubeObject, namespaceObject, PolicyRule, serviceAccount } from '../../k8s/objects';
import { podSecurityLabels, PRIVILEGE_REASON_ANNOTATION } from '../../k8s/security';
import { env, envField, hostPathVolume } from '../common';
import { FlannelOptions } from '../options';
import { FLANNEL_CNI_PLUGIN_IMAGE, FLANNEL_IMAGE } from '../versions';

export const FLANNEL_NAMESPACE = 'kube-flannel';
export const FLANNEL_CONFIG = 'kube-flannel-cfg';

/**
 * Upstream kube-flannel.yml's ClusterRole. Its `clustercidrs` rule (networking.k8s.io, for
 * --use-multi-cluster-cidr) is left out: the ClusterCIDR API was removed in Kubernetes 1.29 and this
 * package never passes that flag.
 */
const FLANNEL_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
];

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

/** cni-conf.json (upstream): the flannel plugin delegating to bridge, plus portmap. */
export const FLANNEL_CNI_CONF = {
  name: 'cbr0',
  cniVersion: '0.3.1',
  plugins: [
    { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};

export function flannelArgs(flannel: ResolvedFlannel): string[] {
  // --ip-masq masquerades pod traffic leaving the pod networks (IPv4 and, with EnableIPv6, IPv6);
  // --kube-subnet-mgr takes each node's podCIDRs from the Node objects (controller-manager IPAM).
  const args = ['--ip-masq', '--kube-subnet-mgr'];
  for (const i of flannel.iface) args.push(`--iface=${i}`);
  if (flannel.ifaceCanReach) args.push(`--iface-can-reach=${flannel.ifaceCanReach}`);
  if (flannel.publicIPv6) args.push(`--public-ipv6=${flannel.publicIPv6}`);
  return args;
}

export function renderFlannelResolved(plan: ClusterNetwork, flannel: ResolvedFlannel): KubeObject[] {
  const ns = FLANNEL_NAMESPACE;
  const labels = { 'k8s-app': 'flannel', app: 'flannel', tier: 'node' };
  const image = `${FLANNEL_IMAGE}:${flannel.version}`;
  const daemonSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-flannel-ds', namespace: ns, labels },
    spec: {
      selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
      template: {
        metadata: {
          labels,
          annotations: {
            [PRIVILEGE_REASON_ANNOTATION]:
              'CNI dataplane: hostNetwork with NET_ADMIN and NET_RAW (not privileged, as upstream) to create the flannel device, routes and masquerade rules; hostPath to install the CNI plugin and config and share /run/flannel/subnet.env',
          },
        },
        spec: {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
              },
            },
          },
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
          serviceAccountName: 'flannel',
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          initContainers: [
            {
              name: 'install-cni-plugin',
              image: `${FLANNEL_CNI_PLUGIN_IMAGE}:${flannel.cniPluginVersion}`,
              command: ['cp'],
              args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
              volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }],
            },
            {
              name: 'install-cni',
              image,
              command: ['cp'],
              args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
              volumeMounts: [
                { name: 'cni', mountPath: '/etc/cni/net.d' },
                { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
              ],
            },
          ],
          containers: [
            {
              name: 'kube-flannel',
              image,
              command: ['/opt/bin/flanneld'],
              args: flannelArgs(flannel),
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              // NET_ADMIN: links, routes, neighbours, netfilter; NET_RAW: raw sockets. Not privileged.
              securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              env: [
                envField('POD_NAME', 'metadata.name'),
                envField('POD_NAMESPACE', 'metadata.namespace'),
                env('EVENT_QUEUE_DEPTH', '5000'),
                env('CONT_WHEN_CACHE_NOT_READY', 'false'),
              ],
              volumeMounts: [
                { name: 'run', mountPath: '/run/flannel' },
                { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
              ],
            },
          ],
          volumes: [
            hostPathVolume('run', '/run/flannel'),
            hostPathVolume('cni-plugin', '/opt/cni/bin'),
            hostPathVolume('cni', '/etc/cni/net.d'),
            { name: 'flannel-cfg', configMap: { name: FLANNEL_CONFIG } },
            hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
          ],
        },
      },
    },
  };
  return [
    // privileged: the DaemonSet uses hostNetwork, hostPath and NET_ADMIN (baseline forbids them).
    namespaceObject(ns, { 'k8s-app': 'flannel', ...podSecurityLabels('privileged') }),
    serviceAccount('flannel', ns, { 'k8s-app': 'flannel' }),
    clusterRole('flannel', FLANNEL_RULES, { 'k8s-app': 'flannel' }),
    clusterRoleBinding('flannel', 'flannel', 'flannel', ns, { 'k8s-app': 'flannel' }),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: FLANNEL_CONFIG, namespace: ns, labels },
      data: {
        'cni-conf.json': JSON.stringify(FLANNEL_CNI_CONF, null, 2),
        'net-conf.json': JSON.stringify(flannelNetConf(plan, flannel), null, 2),
      },
    },
    daemonSet,
  ];
}

export function renderFlannel(plan: ClusterNetwork, options: FlannelOptions = {}): KubeObject[] {
  return renderFlannelResolved(plan, resolveFlannel(options));
}
