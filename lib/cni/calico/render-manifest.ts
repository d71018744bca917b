import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { resolveCalico, ResolvedCalico, ResolvedCalicoPool } from '../cni';
import { clusterRole, clusterRoleBinding, KubeObject, PolicyRule, serviceAccount } from '../../k8s/objects';
import { PRIVILEGE_REASON_ANNOTATION, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../k8s/security';
import { env, envConfigMap, envField, hostPathVolume } from '../common';
import { CalicoEncapsulation, CalicoLinuxDataplane, CalicoOptions } from '../options';
import { calicoImage } from '../versions';
import { CALICO_V1_CRDS, renderCrd } from './crds';

/** The manifest install lives in kube-system, as upstream's calico.yaml. */
export const CALICO_MANIFEST_NAMESPACE = 'kube-system';
export const CALICO_CONFIG = 'calico-config';

/** CALICO_IPV4POOL_IPIP / _VXLAN values for an encapsulation (calico-node startup, manifest mode). */
export function poolModes(e: CalicoEncapsulation): { ipip: string; vxlan: string } {
  switch (e) {
    case CalicoEncapsulation.IPIP:
      return { ipip: 'Always', vxlan: 'Never' };
    case CalicoEncapsulation.IPIP_CROSS_SUBNET:
      return { ipip: 'CrossSubnet', vxlan: 'Never' };
    case CalicoEncapsulation.VXLAN:
      return { ipip: 'Never', vxlan: 'Always' };
    case CalicoEncapsulation.VXLAN_CROSS_SUBNET:
      return { ipip: 'Never', vxlan: 'CrossSubnet' };
    case CalicoEncapsulation.NONE:
      return { ipip: 'Never', vxlan: 'Never' };
  }
}

/** The CNI network config calico-node's install-cni writes to /etc/cni/net.d (placeholders filled by install-cni). */
export function cniNetworkConfig(calico: ResolvedCalico): string {
  const has = (f: IpFamily) => calico.pools.some((p) => p.family === f);
  const conf = {
    name: 'k8s-pod-network',
    cniVersion: '0.3.1',
    plugins: [
      {
        type: 'calico',
        log_level: 'info',
        log_file_path: '/var/log/calico/cni/cni.log',
        datastore_type: 'kubernetes',
        nodename: '__KUBERNETES_NODE_NAME__',
        mtu: '__CNI_MTU__',
        // calico-ipam reads these as the strings "true"/"false" (field report §5.2).
        ipam: { type: 'calico-ipam', assign_ipv4: String(has(IpFamily.IPV4)), assign_ipv6: String(has(IpFamily.IPV6)) },
        policy: { type: 'k8s' },
        kubernetes: { kubeconfig: '__KUBECONFIG_FILEPATH__' },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  };
  // `mtu` is a bare number placeholder upstream (`"mtu": __CNI_MTU__`), not a string.
  return JSON.stringify(conf, null, 2).replace('"__CNI_MTU__"', '__CNI_MTU__');
}

/** calico-node's env for the pools and node addresses: every value read from the plan. */
export function calicoNodeEnv(calico: ResolvedCalico): Record<string, unknown>[] {
  const v4 = calico.pools.find((p) => p.family === IpFamily.IPV4);
  const v6 = calico.pools.find((p) => p.family === IpFamily.IPV6);
  const out: Record<string, unknown>[] = [
    env('DATASTORE_TYPE', 'kubernetes'),
    env('WAIT_FOR_DATASTORE', 'true'),
    envField('NODENAME', 'spec.nodeName'),
    envConfigMap('CALICO_NETWORKING_BACKEND', CALICO_CONFIG, 'calico_backend'),
    env('CLUSTER_TYPE', 'k8s,bgp'),
    // "none" keeps calico-node from looking for an address of a family the cluster does not have.
    env('IP', v4 ? 'autodetect' : 'none'),
  ];
  if (v4 && calico.autodetectionV4) out.push(env('IP_AUTODETECTION_METHOD', calico.autodetectionV4.toEnvValue()));
  out.push(env('IP6', v6 ? 'autodetect' : 'none'));
  if (v6 && calico.autodetectionV6) out.push(env('IP6_AUTODETECTION_METHOD', calico.autodetectionV6.toEnvValue()));
  if (!v4) {
    // BGP needs a 32-bit router ID, normally the node's IPv4 address: hash the node name instead.
    out.push(env('CALICO_ROUTER_ID', 'hash'));
  }
  const pool = (p: ResolvedCalicoPool, fam: 'IPV4' | 'IPV6') => {
    const modes = poolModes(p.encapsulation);
    out.push(env(`CALICO_${fam}POOL_CIDR`, p.cidr.toString()));
    out.push(env(`CALICO_${fam}POOL_BLOCK_SIZE`, String(p.blockSize)));
    // There is no IPIP for IPv6 pools: calico-node reads only _VXLAN for them.
    if (fam === 'IPV4') out.push(env('CALICO_IPV4POOL_IPIP', modes.ipip));
    out.push(env(`CALICO_${fam}POOL_VXLAN`, modes.vxlan));
    out.push(env(`CALICO_${fam}POOL_NAT_OUTGOING`, String(p.natOutgoing)));
    out.push(env(`CALICO_${fam}POOL_NODE_SELECTOR`, p.nodeSelector));
  };
  if (v4) pool(v4, 'IPV4');
  if (v6) pool(v6, 'IPV6');
  out.push(
    envConfigMap('FELIX_IPINIPMTU', CALICO_CONFIG, 'veth_mtu'),
    envConfigMap('FELIX_VXLANMTU', CALICO_CONFIG, 'veth_mtu'),
    envConfigMap('FELIX_WIREGUARDMTU', CALICO_CONFIG, 'veth_mtu'),
    env('CALICO_DISABLE_FILE_LOGGING', 'true'),
    env('FELIX_DEFAULTENDPOINTTOHOSTACTION', 'ACCEPT'),
    // Upstream ships "false"; dual-stack and IPv6-only need Felix to program ip6tables and routes.
    env('FELIX_IPV6SUPPORT', String(!!v6)),
    env('FELIX_HEALTHENABLED', 'true'),
    // Felix's nftablesMode: the manifest form of the operator's linuxDataplane. Written out either
    // way so the dataplane never depends on Felix's default; it must match kube-proxy's mode.
    env('FELIX_NFTABLESMODE', calico.linuxDataplane === CalicoLinuxDataplane.NFTABLES ? 'Enabled' : 'Disabled'),
  );
  return out;
}

// ClusterRoles as upstream's calico.yaml (v3.32) writes them: calico-node-rbac.yaml and
// calico-kube-controllers-rbac.yaml, already without wildcards; the upgrade-from-v2.6 rules dropped.
const CALICO_NODE_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['calico-cni-plugin'] },
  { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['watch', 'list'] },
  { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['watch', 'list', 'get'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['watch', 'list'] },
  { apiGroups: [''], resources: ['pods', 'namespaces', 'serviceaccounts'], verbs: ['list', 'watch'] },
  { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
  {
    apiGroups: ['crd.projectcalico.org'],
    resources: [
      'globalfelixconfigs',
      'felixconfigurations',
      'bgppeers',
      'bgpfilters',
      'globalbgpconfigs',
      'bgpconfigurations',
      'ippools',
      'ipreservations',
      'ipamblocks',
      'globalnetworkpolicies',
      'stagedglobalnetworkpolicies',
      'networkpolicies',
      'stagednetworkpolicies',
      'stagedkubernetesnetworkpolicies',
      'globalnetworksets',
      'networksets',
      'clusterinformations',
      'hostendpoints',
      'blockaffinities',
      'caliconodestatuses',
      'tiers',
    ],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: ['crd.projectcalico.org'], resources: ['tiers'], verbs: ['create'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['ippools', 'felixconfigurations', 'bgpconfigurations', 'clusterinformations'], verbs: ['create', 'update'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['caliconodestatuses'], verbs: ['update'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities', 'ipamblocks', 'ipamhandles'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['ipamconfigs'], verbs: ['get', 'create'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['blockaffinities'], verbs: ['watch'] },
  // The host-local → calico-ipam migration reads the DaemonSet.
  { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
];

const CALICO_CNI_PLUGIN_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
  { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
  {
    apiGroups: ['crd.projectcalico.org'],
    resources: ['blockaffinities', 'ipamblocks', 'ipamhandles', 'clusterinformations', 'ippools', 'ipreservations', 'ipamconfigs'],
    verbs: ['get', 'list', 'create', 'update', 'delete'],
  },
];

const CALICO_KUBE_CONTROLLERS_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['services', 'services/status'], verbs: ['get', 'list', 'update', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['ipreservations'], verbs: ['list'] },
  {
    apiGroups: ['crd.projectcalico.org'],
    resources: ['blockaffinities', 'ipamblocks', 'ipamhandles', 'ipamconfigs', 'tiers'],
    verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'],
  },
  { apiGroups: ['crd.projectcalico.org'], resources: ['ippools'], verbs: ['list', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['hostendpoints'], verbs: ['get', 'list', 'create', 'update', 'delete', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['clusterinformations'], verbs: ['get', 'list', 'create', 'update', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['kubecontrollersconfigurations'], verbs: ['get', 'list', 'create', 'update', 'watch'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['kubecontrollersconfigurations/status'], verbs: ['get', 'update'] },
  {
    apiGroups: ['crd.projectcalico.org'],
    resources: ['networkpolicies', 'stagednetworkpolicies', 'globalnetworkpolicies', 'stagedglobalnetworkpolicies'],
    verbs: ['watch', 'list', 'get', 'create', 'update', 'delete'],
  },
  { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'], resourceNames: ['calico-node'] },
];

const SMALL_REQUESTS = { requests: { cpu: '10m', memory: '16Mi' } };

function calicoNodeDaemonSet(calico: ResolvedCalico): KubeObject {
  const cniImage = calicoImage('cni', calico.version);
  const nodeImage = calicoImage('node', calico.version);
  const ns = CALICO_MANIFEST_NAMESPACE;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: ns, labels: { 'k8s-app': 'calico-node' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'calico-node' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: {
          labels: { 'k8s-app': 'calico-node' },
          annotations: {
            ...calico.seccomp.annotations,
            [PRIVILEGE_REASON_ANNOTATION]:
              'CNI dataplane: hostNetwork and privileged to program routes, iptables/nftables, BPF and tunnel devices on the node; hostPath to install the CNI plugin and config into /opt/cni/bin and /etc/cni/net.d (upstream calico.yaml)',
          },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          hostNetwork: true,
          tolerations: [
            { effect: 'NoSchedule', operator: 'Exists' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoExecute', operator: 'Exists' },
          ],
          serviceAccountName: 'calico-node',
          securityContext: calico.seccomp.field ? { seccompProfile: { type: 'RuntimeDefault' } } : {},
          // Upstream: force deletion to minimise downtime during a rolling upgrade.
          terminationGracePeriodSeconds: 0,
          priorityClassName: 'system-node-critical',
          initContainers: [
            {
              // Writes the calico and calico-ipam binaries and the conflist on the host. Privileged as
              // upstream: it writes root-owned host directories and sets file capabilities.
              name: 'install-cni',
              image: cniImage,
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/install'],
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              env: [
                env('CNI_CONF_NAME', '10-calico.conflist'),
                envConfigMap('CNI_NETWORK_CONFIG', CALICO_CONFIG, 'cni_network_config'),
                envField('KUBERNETES_NODE_NAME', 'spec.nodeName'),
                envConfigMap('CNI_MTU', CALICO_CONFIG, 'veth_mtu'),
                env('SLEEP', 'false'),
              ],
              resources: SMALL_REQUESTS,
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
              ],
            },
            {
              // Mounts bpffs at /sys/fs/bpf (and cgroup2) on the host so they outlive the pod: needs
              // privileged and Bidirectional mount propagation (upstream, best effort in iptables mode).
              name: 'mount-bpffs',
              image: nodeImage,
              imagePullPolicy: 'IfNotPresent',
              command: ['calico-node', '-init', '-best-effort'],
              resources: SMALL_REQUESTS,
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/sys/fs', name: 'sys-fs', mountPropagation: 'Bidirectional' },
                { mountPath: '/var/run/calico', name: 'var-run-calico', mountPropagation: 'Bidirectional' },
                { mountPath: '/nodeproc', name: 'nodeproc', readOnly: true },
              ],
            },
          ],
          containers: [
            {
              name: 'calico-node',
              image: nodeImage,
              imagePullPolicy: 'IfNotPresent',
              envFrom: [{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }],
              env: calicoNodeEnv(calico),
              // Felix programs the host's routing, netfilter and interfaces: privileged (upstream).
              securityContext: { privileged: true },
              resources: { requests: { cpu: '250m', memory: '128Mi' } },
              lifecycle: { preStop: { exec: { command: ['/bin/calico-node', '-shutdown'] } } },
              livenessProbe: {
                exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] },
                periodSeconds: 10,
                initialDelaySeconds: 10,
                failureThreshold: 6,
                timeoutSeconds: 10,
              },
              readinessProbe: { exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, periodSeconds: 10, timeoutSeconds: 10 },
              volumeMounts: [
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir', readOnly: false },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
                { mountPath: '/var/run/calico', name: 'var-run-calico', readOnly: false },
                { mountPath: '/var/lib/calico', name: 'var-lib-calico', readOnly: false },
                { mountPath: '/var/run/nodeagent', name: 'policysync' },
                { mountPath: '/sys/fs/bpf', name: 'bpffs' },
                { mountPath: '/var/log/calico/cni', name: 'cni-log-dir', readOnly: true },
              ],
            },
          ],
          volumes: [
            hostPathVolume('lib-modules', '/lib/modules'),
            hostPathVolume('var-run-calico', '/var/run/calico', 'DirectoryOrCreate'),
            hostPathVolume('var-lib-calico', '/var/lib/calico', 'DirectoryOrCreate'),
            hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            hostPathVolume('sys-fs', '/sys/fs/', 'DirectoryOrCreate'),
            hostPathVolume('bpffs', '/sys/fs/bpf', 'Directory'),
            hostPathVolume('nodeproc', '/proc'),
            hostPathVolume('cni-bin-dir', '/opt/cni/bin', 'DirectoryOrCreate'),
            hostPathVolume('cni-net-dir', '/etc/cni/net.d'),
            hostPathVolume('cni-log-dir', '/var/log/calico/cni'),
            hostPathVolume('policysync', '/var/run/nodeagent', 'DirectoryOrCreate'),
          ],
        },
      },
    },
  };
}

function kubeControllersDeployment(calico: ResolvedCalico): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'calico-kube-controllers', namespace: CALICO_MANIFEST_NAMESPACE, labels: { 'k8s-app': 'calico-kube-controllers' } },
    spec: {
      // The controllers can only have a single active instance (upstream).
      replicas: 1,
      selector: { matchLabels: { 'k8s-app': 'calico-kube-controllers' } },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: { 'k8s-app': 'calico-kube-controllers' }, ...(calico.seccomp.field ? {} : { annotations: calico.seccomp.annotations }) },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          // Control-plane taints of the target version: before 1.25 kubeadm also (before 1.24 only)
          // taints node-role.kubernetes.io/master.
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, ...calico.controlPlaneTaintKeys.map((key) => ({ key, effect: 'NoSchedule' }))],
          serviceAccountName: 'calico-kube-controllers',
          securityContext: restrictedPodSecurityContext({ seccompProfile: calico.seccomp.field }),
          priorityClassName: 'system-cluster-critical',
          containers: [
            {
              name: 'calico-kube-controllers',
              image: calicoImage('kube-controllers', calico.version),
              imagePullPolicy: 'IfNotPresent',
              env: [env('ENABLED_CONTROLLERS', 'node,loadbalancer'), env('DATASTORE_TYPE', 'kubernetes')],
              resources: { requests: { cpu: '50m', memory: '64Mi' } },
              // Pod Security Restricted: the operator runs this image as UID 999 too.
              securityContext: restrictedContainerSecurityContext({ runAsUser: 999, seccompProfile: calico.seccomp.field }),
              livenessProbe: { exec: { command: ['/usr/bin/check-status', '-l'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
              readinessProbe: { exec: { command: ['/usr/bin/check-status', '-r'] }, periodSeconds: 10 },
            },
          ],
        },
      },
    },
  };
}

/** Everything of manifest mode (upstream calico.yaml for the Kubernetes datastore), from the plan. */
export function renderCalicoManifestResolved(calico: ResolvedCalico): KubeObject[] {
  const ns = CALICO_MANIFEST_NAMESPACE;
  const configMap: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CALICO_CONFIG, namespace: ns },
    data: {
      // Typha is for clusters above 50 nodes; this install talks to the API server directly.
      typha_service_name: 'none',
      calico_backend: 'bird',
      // 0: auto-detected by Calico.
      veth_mtu: String(calico.mtu),
      cni_network_config: cniNetworkConfig(calico),
    },
  };
  return [
    ...CALICO_V1_CRDS.map((c) => renderCrd('crd.projectcalico.org', 'v1', c)),
    serviceAccount('calico-node', ns),
    serviceAccount('calico-cni-plugin', ns),
    serviceAccount('calico-kube-controllers', ns),
    clusterRole('calico-node', CALICO_NODE_RULES),
    clusterRole('calico-cni-plugin', CALICO_CNI_PLUGIN_RULES),
    clusterRole('calico-kube-controllers', CALICO_KUBE_CONTROLLERS_RULES),
    clusterRoleBinding('calico-node', 'calico-node', 'calico-node', ns),
    clusterRoleBinding('calico-cni-plugin', 'calico-cni-plugin', 'calico-cni-plugin', ns),
    clusterRoleBinding('calico-kube-controllers', 'calico-kube-controllers', 'calico-kube-controllers', ns),
    configMap,
    calicoNodeDaemonSet(calico),
    kubeControllersDeployment(calico),
  ];
}

export function renderCalicoManifest(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  return renderCalicoManifestResolved(resolveCalico(plan, options));
}
