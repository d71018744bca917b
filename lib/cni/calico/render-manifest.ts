import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { resolveCalico, ResolvedCalico, ResolvedCalicoPool } from '../cni';
import { KubeObject } from '../../k8s/objects';
import { PRIVILEGE_REASON_ANNOTATION, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../k8s/security';
import { env, envConfigMap, envField } from '../common';
import { CalicoEncapsulation, CalicoLinuxDataplane, CalicoOptions } from '../options';
import { calicoImage } from '../versions';
import { calicoUpstream, upstreamObject } from '../../upstream/calico';
import { manifestCrdObjects } from './crds';
import { containerOf, editable, mergeEnv, podSpecOf } from './from-upstream';
import type { CalicoParts } from './render-operator';

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

type Json = Record<string, unknown>;

/** Requests for the init containers, which upstream leaves unsized (a scheduler reserves nothing for them otherwise). */
const SMALL_REQUESTS = { requests: { cpu: '10m', memory: '16Mi' } };

/** The image of a Calico component at the chosen release (upstream's tag for the pinned one). */
function retag(c: Json, version: string): void {
  const image = String(c.image);
  const component = image.slice(image.lastIndexOf('/') + 1, image.lastIndexOf(':')) as 'node' | 'cni' | 'kube-controllers';
  c.image = calicoImage(component, version);
}

/**
 * calico.yaml's calico-node DaemonSet with the plan's pools and address families in the env
 * (calicoNodeEnv), requests on every container, and the seccomp profile written the way the
 * target version takes it. Everything else (mounts, probes, privileged, init containers incl.
 * upgrade-ipam and ebpf-bootstrap) is upstream's.
 */
function calicoNodeDaemonSet(calico: ResolvedCalico): KubeObject {
  const d = editable(upstreamObject(calicoUpstream().manifest, 'DaemonSet', 'calico-node')) as KubeObject & { spec: { template: { metadata: Json } } };
  const template = d.spec.template;
  const pod = podSpecOf(d);
  template.metadata.annotations = {
    ...((template.metadata.annotations ?? {}) as Record<string, string>),
    ...calico.seccomp.annotations,
    [PRIVILEGE_REASON_ANNOTATION]:
      'CNI dataplane: hostNetwork and privileged to program routes, iptables/nftables, BPF and tunnel devices on the node; hostPath to install the CNI plugin and config into /opt/cni/bin and /etc/cni/net.d (upstream calico.yaml)',
  };
  // Before 1.19 the API server drops the seccompProfile field: the annotation above carries it.
  if (!calico.seccomp.field) delete pod.securityContext;
  for (const c of [...(pod.initContainers as Json[]), ...(pod.containers as Json[])]) {
    retag(c, calico.version);
    if (c.name !== 'calico-node') c.resources = SMALL_REQUESTS;
  }
  const node = containerOf(pod, 'calico-node');
  // Pool variables only for the plan's families: upstream's IPv4 IPIP/VXLAN modes would describe a
  // pool an IPv6-only cluster does not have (and the reverse).
  const families = new Set<string>(calico.pools.map((p) => (p.family === IpFamily.IPV4 ? 'CALICO_IPV4POOL_' : 'CALICO_IPV6POOL_')));
  const foreignPool = (e: Json) => /^CALICO_IPV[46]POOL_/.test(String(e.name)) && !families.has(String(e.name).slice(0, 16));
  node.env = mergeEnv(node.env as Json[], calicoNodeEnv(calico)).filter((e) => !foreignPool(e));
  // Upstream requests cpu only; a memory request too, so the node reserves what Felix and BIRD use.
  node.resources = { requests: { ...(((node.resources as Json | undefined)?.requests ?? {}) as Json), memory: '128Mi' } };
  return d;
}

/**
 * calico.yaml's calico-kube-controllers Deployment, run under Pod Security Restricted (upstream
 * sets only runAsNonRoot): the operator runs the same image as UID 999 with the same restrictions.
 */
function kubeControllersDeployment(calico: ResolvedCalico): KubeObject {
  const d = editable(upstreamObject(calicoUpstream().manifest, 'Deployment', 'calico-kube-controllers')) as KubeObject & { spec: { template: { metadata: Json } } };
  const template = d.spec.template;
  const pod = podSpecOf(d);
  if (!calico.seccomp.field) template.metadata.annotations = { ...((template.metadata.annotations ?? {}) as Record<string, string>), ...calico.seccomp.annotations };
  pod.securityContext = restrictedPodSecurityContext({ seccompProfile: calico.seccomp.field });
  const c = containerOf(pod, 'calico-kube-controllers');
  retag(c, calico.version);
  c.resources = { requests: { cpu: '50m', memory: '64Mi' } };
  c.securityContext = restrictedContainerSecurityContext({ runAsUser: 999, seccompProfile: calico.seccomp.field });
  return d;
}

/** calico.yaml's calico-config with the MTU and the CNI config of the plan's families. */
function calicoConfig(calico: ResolvedCalico): KubeObject {
  const c = upstreamObject(calicoUpstream().manifest, 'ConfigMap', CALICO_CONFIG);
  return {
    ...c,
    data: {
      ...(c.data as Record<string, string>),
      // 0: auto-detected by Calico (upstream's value).
      veth_mtu: String(calico.mtu),
      cni_network_config: cniNetworkConfig(calico),
    },
  };
}

/**
 * calico.yaml of the release (Kubernetes datastore, no Typha) in upstream's order with our edits:
 * the PodDisruptionBudget, ServiceAccounts, ClusterRoles and bindings unchanged (calico-kube-controllers
 * keeps upstream's rules, incl. its migration controller's datastoremigrations, CRD and APIService
 * access, and `*` on projectcalico.org / crd.projectcalico.org, which it migrates between),
 * calico-config, calico-node and calico-kube-controllers as the functions above describe.
 */
export function renderManifestInstallResolved(calico: ResolvedCalico): KubeObject[] {
  return calicoUpstream().manifest.map((o) => {
    if (o.kind === 'ConfigMap' && o.metadata.name === CALICO_CONFIG) return calicoConfig(calico);
    if (o.kind === 'DaemonSet' && o.metadata.name === 'calico-node') return calicoNodeDaemonSet(calico);
    if (o.kind === 'Deployment' && o.metadata.name === 'calico-kube-controllers') return kubeControllersDeployment(calico);
    return o;
  });
}

/** Manifest mode, CRDs: calico.yaml's (frozen, shared). */
export function renderManifestCrds(_plan?: ClusterNetwork, _options?: CalicoOptions): readonly KubeObject[] {
  return manifestCrdObjects();
}

/** Manifest mode, the install: see `renderManifestInstallResolved`. */
export function renderManifestInstall(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  return renderManifestInstallResolved(resolveCalico(plan, options));
}

/** The parts of manifest mode (no custom resources: calico-node creates the pools from its env). */
export function manifestPartsResolved(calico: ResolvedCalico): CalicoParts {
  return { crds: manifestCrdObjects(), install: renderManifestInstallResolved(calico), customResources: [] };
}

/** The parts of manifest mode. */
export function renderCalicoManifestParts(plan: ClusterNetwork, options: CalicoOptions = {}): CalicoParts {
  return manifestPartsResolved(resolveCalico(plan, options));
}

/** Everything of manifest mode (upstream calico.yaml for the Kubernetes datastore), from the plan: CRDs first. */
export function renderCalicoManifestResolved(calico: ResolvedCalico): KubeObject[] {
  const p = manifestPartsResolved(calico);
  return [...p.crds, ...p.install];
}

export function renderCalicoManifest(plan: ClusterNetwork, options: CalicoOptions = {}): KubeObject[] {
  return renderCalicoManifestResolved(resolveCalico(plan, options));
}
