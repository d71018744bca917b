import type { Cidr } from '../net/cidr';
import type { RandomSource } from '../net/ula';
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';
import { gateEnabled, KubernetesVersion } from '../plan/version';
import { checkCalicoInstallation } from './checks/calico-installation';
import { parseCidrListField } from './checks/cidr-list';
import { basicKubeadmNetworking, basicKubeProxyConfiguration, basicService } from './checks/fallback';
import { checkFlannelNetConf } from './checks/flannel-config';
import { InputError, isObject, loadDocuments } from './documents';
import { DocumentValidators } from './validators';
import { SERVICE_FAMILY_FIELDS_SINCE } from '../plan/timeline/facts';
import { kubeadmApiVersionFinding } from '../plan/rules/kubeadm';
import { cidrListItems, parseCidrSloppy } from '../plan/rules/common';
import { proxyEnvironmentFindings } from '../plan/rules/proxy-environment';
import { ClusterNetwork } from '../plan/network';

/** One input file of `validate`. */
export interface LintInput {
  readonly file: string;
  readonly text: string;
}

/** What every document is checked against; flags win over what the files say. */
export interface LintOptions {
  /** @default - the kubeadm ClusterConfiguration's kubernetesVersion, else each validator's default */
  readonly kubernetesVersion?: string;
  /** @default - the kubeadm ClusterConfiguration's networking.podSubnet */
  readonly podCidrs?: readonly string[];
  /** @default - the kubeadm ClusterConfiguration's networking.serviceSubnet */
  readonly serviceCidrs?: readonly string[];
  /**
   * The networks the nodes' addresses are in (for kube-proxy `nodePortAddresses`).
   * @default - none: the nodePortAddresses check then knows the families, not the networks
   */
  readonly nodeCidrs?: readonly string[];
  readonly validators: DocumentValidators;
  /** Random source for suggested ULA prefixes in fixes. @default - crypto.randomBytes */
  readonly random?: RandomSource;
}

/** A finding located in a file. `path` is from the document root. */
export interface LocatedFinding extends Finding {
  readonly file: string;
  /** 0-based document index in the file. */
  readonly document: number;
}

/** One document and how it was read. */
export interface LintedDocument {
  readonly file: string;
  readonly document: number;
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly name: string | null;
  /** Where in the document (`items[2]` of a List), `''` for the document itself. */
  readonly at: string;
  /** What it was checked as (`KubeProxyConfiguration in data["config.conf"]`), or null when unknown. */
  readonly checkedAs: string | null;
}

export interface LintResult {
  readonly documents: readonly LintedDocument[];
  readonly findings: readonly LocatedFinding[];
}

interface Doc {
  readonly file: string;
  readonly index: number;
  readonly value: Record<string, unknown>;
  /** Path prefix inside the document (`items[2]` of a List). */
  readonly prefix: string;
  /** kubernetesVersion as written in the source (a YAML number keeps its digits). */
  readonly versionSource?: string;
}

interface Context {
  version?: string;
  /** kubeadm's own ClusterConfiguration.featureGates (booleans only). */
  kubeadmGates?: Readonly<Record<string, boolean>>;
  /** Files that hold a kubeadm ClusterConfiguration: their other documents are what kubeadm reads with it. */
  kubeadmFiles: Set<string>;
  /** networking.podSubnet as written, for kubeadm's defaulting of kube-proxy's clusterCIDR. */
  podSubnet?: string;
  podCidrs?: readonly Cidr[];
  serviceCidrs?: readonly Cidr[];
  nodeCidrs?: readonly Cidr[];
  /**
   * The podCIDRs Node objects carry (`spec.podCIDRs`, one per family on a dual-stack node): which
   * families the cluster's pods have, when no pod networks are given.
   */
  nodePodCidrs?: readonly Cidr[];
  nodeMaskIPv4?: number;
  nodeMaskIPv6?: number;
}

const KUBEADM = /^kubeadm\.k8s\.io\//;
const CONFIG_CONF = 'data["config.conf"]';
const NET_CONF = 'data["net-conf.json"]';
const CLUSTER_CONFIGURATION = 'data.ClusterConfiguration';

/** Join a prefix and a relative path (`items[0]` + `spec.x` → `items[0].spec.x`). */
export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function relocate(f: Finding, prefix: string, file: string, document: number): LocatedFinding {
  const path = joinPath(prefix, f.path);
  // finding.* writes "<path>: …" at the head of the message: keep it naming the full path.
  const message = f.path && f.message.startsWith(`${f.path}: `) ? `${path}: ${f.message.slice(f.path.length + 2)}` : f.message;
  return { ...f, path, message, file, document };
}

/** Extra-args of a kubeadm component: a map (v1beta2/3) or a name/value list (v1beta4). */
function extraArg(component: unknown, name: string): string | undefined {
  if (!isObject(component)) return undefined;
  const args = component.extraArgs;
  if (isObject(args)) return typeof args[name] === 'string' ? (args[name] as string) : undefined;
  if (Array.isArray(args)) {
    const hit = args.filter(isObject).find((a) => a.name === name);
    return hit && typeof hit.value === 'string' ? hit.value : undefined;
  }
  return undefined;
}

/**
 * `--feature-gates` text ("A=true,B=false") as a map; entries that are not `Name=bool` are left
 * out (the component's own flag parsing reports them).
 */
export function parseFeatureGatesArg(text: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(true|false)\s*$/i.exec(part);
    if (m) out[m[1]] = m[2].toLowerCase() === 'true';
  }
  return out;
}

/** kubeadm's own `featureGates` map, booleans only. */
function kubeadmGatesOf(cfg: Record<string, unknown>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  if (isObject(cfg.featureGates)) for (const [k, v] of Object.entries(cfg.featureGates)) if (typeof v === 'boolean') out[k] = v;
  return out;
}

/** ClusterConfiguration fields the kubeadm validators name from the document root. */
const CLUSTER_CONFIGURATION_ROOTS = /^(networking|controllerManager|apiServer|scheduler|featureGates|kubernetesVersion)([.[]|$)/;

function maskArg(component: unknown, name: string): number | undefined {
  const v = extraArg(component, name);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Expand Lists and embedded configs into the documents to check. */
function expand(file: string, index: number, value: unknown, prefix: string, versionSource: string | undefined, out: Doc[]): void {
  if (!isObject(value)) {
    out.push({ file, index, value: {}, prefix });
    return;
  }
  if (value.kind === 'List' || (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
    (Array.isArray(value.items) ? value.items : []).forEach((item: unknown, i) => expand(file, index, item, joinPath(prefix, `items[${i}]`), undefined, out));
    return;
  }
  out.push({ file, index, value, prefix, versionSource });
}

function embedded(doc: Doc, key: string, path: string): { value?: Record<string, unknown>; error?: Finding } {
  const data = isObject(doc.value.data) ? doc.value.data : {};
  const text = data[key];
  if (typeof text !== 'string') return {};
  try {
    const docs = loadDocuments(text, path);
    const v = docs[0]?.value;
    return isObject(v) ? { value: v } : { error: finding.error('embedded-config', path, 'is not a YAML mapping', 'write the component configuration as YAML') };
  } catch (e) {
    if (e instanceof InputError) {
      // The loader names the embedded text by `path` as its file: say "line L, column C" instead.
      const first = e.findings[0]?.message ?? e.message;
      const text = first.startsWith(`${path}:`) ? first.slice(path.length + 1).replace(/^(\d+):(\d+): /, 'line $1, column $2 of the embedded text: ') : first;
      return { error: finding.error('embedded-config', path, text, 'fix the YAML') };
    }
    throw e;
  }
}

/** Run every check over the documents of the files. Never throws on content; throws InputError on unparsable files. */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions): LintResult {
  const docs: Doc[] = [];
  const empty: LocatedFinding[] = [];
  for (const input of inputs) {
    // An empty document (a stray "---", only comments) is no document: kubectl skips it, and
    // refuses a file of nothing else ("error: no objects passed to apply", kubo-release#241).
    const loaded = loadDocuments(input.text, input.file).filter((d) => d.value !== null && d.value !== undefined);
    // Nothing to check is not a pass: an empty file (or one of comments and "---") is an error.
    if (loaded.length === 0) {
      const f = finding.error('no-documents', '', 'no documents', 'give a file with at least one YAML or JSON document');
      empty.push({ ...f, message: `${input.file} has no documents; nothing was checked`, file: input.file, document: 0 });
    }
    for (const d of loaded) expand(input.file, d.index, d.value, '', d.numberSource(['kubernetesVersion']), docs);
  }

  // First pass: what the cluster is (kubeadm's ClusterConfiguration), then the flags on top.
  const ctx: Context = { kubeadmFiles: new Set() };
  const clusterConfigs: Array<{ doc: Doc; cfg: Record<string, unknown>; prefix: string }> = [];
  for (const doc of docs) {
    const v = doc.value;
    if (typeof v.apiVersion === 'string' && KUBEADM.test(v.apiVersion) && v.kind === 'ClusterConfiguration') clusterConfigs.push({ doc, cfg: v, prefix: doc.prefix });
    if (v.kind === 'ConfigMap' && isObject(v.data) && typeof v.data.ClusterConfiguration === 'string') {
      const e = embedded(doc, 'ClusterConfiguration', CLUSTER_CONFIGURATION);
      if (e.value) clusterConfigs.push({ doc, cfg: e.value, prefix: joinPath(doc.prefix, CLUSTER_CONFIGURATION) });
    }
    // `kubectl get nodes -o yaml`: node IPAM wrote each node's podCIDRs, one per pod family.
    if (v.apiVersion === 'v1' && v.kind === 'Node' && ctx.nodePodCidrs === undefined && isObject(v.spec) && Array.isArray(v.spec.podCIDRs) && v.spec.podCIDRs.length > 0) {
      const parsed = parseCidrListField(v.spec.podCIDRs, 'spec.podCIDRs');
      if (parsed.cidrs.length > 0 && !parsed.findings.some((f) => f.severity === 'error')) ctx.nodePodCidrs = parsed.cidrs;
    }
  }
  for (const { doc, cfg } of clusterConfigs) {
    const net = isObject(cfg.networking) ? cfg.networking : {};
    ctx.kubeadmFiles.add(doc.file);
    ctx.kubeadmGates ??= kubeadmGatesOf(cfg);
    if (ctx.podSubnet === undefined && typeof net.podSubnet === 'string' && net.podSubnet !== '') ctx.podSubnet = net.podSubnet;
    // A subnet with an entry that does not read is reported on its own document; as context it is
    // unknown (what is left would make the other documents look one-family).
    if (ctx.podCidrs === undefined && net.podSubnet !== undefined) ctx.podCidrs = readableCidrs(net.podSubnet, 'podSubnet');
    if (ctx.serviceCidrs === undefined && net.serviceSubnet !== undefined) ctx.serviceCidrs = readableCidrs(net.serviceSubnet, 'serviceSubnet');
    if (ctx.version === undefined && cfg.kubernetesVersion !== undefined) ctx.version = doc.prefix === '' && doc.versionSource ? doc.versionSource : String(cfg.kubernetesVersion);
    ctx.nodeMaskIPv4 ??= maskArg(cfg.controllerManager, 'node-cidr-mask-size-ipv4');
    ctx.nodeMaskIPv6 ??= maskArg(cfg.controllerManager, 'node-cidr-mask-size-ipv6');
  }
  if (options.podCidrs) ctx.podCidrs = parseCidrListField([...options.podCidrs], '--pod-cidrs').cidrs;
  if (options.serviceCidrs) ctx.serviceCidrs = parseCidrListField([...options.serviceCidrs], '--service-cidrs').cidrs;
  if (options.nodeCidrs) ctx.nodeCidrs = nodeCidrsOf(options.nodeCidrs);
  if (options.kubernetesVersion) ctx.version = options.kubernetesVersion;

  const V = options.validators;
  const documents: LintedDocument[] = [];
  const findings: LocatedFinding[] = [...empty];
  for (const doc of docs) {
    const v = doc.value;
    const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : null;
    const kind = typeof v.kind === 'string' ? v.kind : null;
    const meta = isObject(v.metadata) ? v.metadata : {};
    const name = typeof meta.name === 'string' ? (typeof meta.namespace === 'string' ? `${meta.namespace}/${meta.name}` : meta.name) : null;
    const found: Array<{ f: Finding; prefix: string }> = [];
    const add = (list: readonly Finding[], prefix = '') => list.forEach((f) => found.push({ f, prefix: joinPath(doc.prefix, prefix) }));
    let checkedAs: string | null = null;
    const data = isObject(v.data) ? v.data : undefined;

    const checkClusterConfiguration = (cfg: Record<string, unknown>, at: string) => {
      const networking = isObject(cfg.networking) ? cfg.networking : {};
      const gates = kubeadmGatesOf(cfg);
      const opts = {
        kubernetesVersion: cfg.kubernetesVersion !== undefined ? ctx.version ?? String(cfg.kubernetesVersion) : ctx.version,
        // What kubeadm's ValidateNetworking reads: its own featureGates (kubernetes#80145).
        featureGates: gates,
        nodeCidrMaskSizeIPv4: maskArg(cfg.controllerManager, 'node-cidr-mask-size-ipv4'),
        nodeCidrMaskSizeIPv6: maskArg(cfg.controllerManager, 'node-cidr-mask-size-ipv6'),
        allocateNodeCidrs: extraArg(cfg.controllerManager, 'allocate-node-cidrs') === undefined ? undefined : extraArg(cfg.controllerManager, 'allocate-node-cidrs') === 'true',
      };
      const netFindings = V.kubeadmNetworking ? V.kubeadmNetworking(networking, opts) : basicKubeadmNetworking(networking);
      // The validators name ClusterConfiguration fields from its root (networking.*, controllerManager.*).
      for (const f of netFindings) add([f], CLUSTER_CONFIGURATION_ROOTS.test(f.path) ? at : joinPath(at, 'networking'));
      add(componentGateFindings(cfg, gates, networking, opts.kubernetesVersion), at);
      // kubeadm of the target refuses a removed configuration API version (v1beta3 from 1.37,
      // kubernetes#136016). Only when the target is known (the file's kubernetesVersion or --version):
      // the default target says nothing about which kubeadm reads an old file.
      const target = opts.kubernetesVersion !== undefined ? KubernetesVersion.tryParse(opts.kubernetesVersion) : undefined;
      const api = target ? kubeadmApiVersionFinding(cfg.apiVersion, target) : undefined;
      if (api) add([api], at);
      // kubeadm copies serviceSubnet into --service-cluster-ip-range; an extraArg that disagrees wins silently.
      const range = extraArg(cfg.apiServer, 'service-cluster-ip-range');
      // The range kube-apiserver really runs with gets the range rules (size, allocator cap, ULA
      // global ID) as networking.serviceSubnet does; kube-apiserver's own validator, not kubeadm's.
      if (range !== undefined && V.serviceClusterIPRange) {
        const rangePath = 'apiServer.extraArgs.service-cluster-ip-range';
        // kube-apiserver's gates: its own --feature-gates extra arg replaces kubeadm's whole;
        // without one, kubeadm passes its IPv6DualStack gate on (kubernetes#80531).
        const ownGates = extraArg(cfg.apiServer, 'feature-gates');
        const apiserverGates = ownGates !== undefined ? parseFeatureGatesArg(ownGates) : gates.IPv6DualStack !== undefined ? { IPv6DualStack: gates.IPv6DualStack } : {};
        const rangeFindings = V.serviceClusterIPRange(range, { kubernetesVersion: opts.kubernetesVersion, featureGates: apiserverGates });
        add(
          rangeFindings
            .filter((f) => f.path !== 'opts.kubernetesVersion')
            .map((f) => {
              const path = f.path.replace(/^--service-cluster-ip-range/, rangePath);
              return { ...f, path, message: f.message.startsWith(`${f.path}: `) ? `${path}: ${f.message.slice(f.path.length + 2)}` : f.message };
            }),
          at,
        );
      }
      if (range !== undefined && networking.serviceSubnet !== undefined && range.replace(/\s/g, '') !== String(networking.serviceSubnet).replace(/\s/g, '')) {
        add([finding.warning('kubeadm-service-range-differs', 'apiServer.extraArgs.service-cluster-ip-range', `${quote(range)} differs from networking.serviceSubnet ${quote(networking.serviceSubnet)}; kube-apiserver uses the extra arg, kubeadm's other components the subnet`, 'set the range once, in networking.serviceSubnet')], at);
      }
    };

    if (apiVersion && KUBEADM.test(apiVersion) && kind === 'ClusterConfiguration') {
      checkedAs = 'kubeadm ClusterConfiguration';
      checkClusterConfiguration(v, '');
    } else if (kind === 'ConfigMap' && data && typeof data.ClusterConfiguration === 'string') {
      checkedAs = `kubeadm ClusterConfiguration in ${CLUSTER_CONFIGURATION}`;
      const e = embedded(doc, 'ClusterConfiguration', CLUSTER_CONFIGURATION);
      if (e.error) add([e.error]);
      if (e.value) checkClusterConfiguration(e.value, CLUSTER_CONFIGURATION);
    } else if (apiVersion && apiVersion.startsWith('kubeproxy.config.k8s.io/') && kind === 'KubeProxyConfiguration') {
      checkedAs = 'KubeProxyConfiguration';
      checkKubeProxy(v, '', ctx, V, add, doc.file);
    } else if (kind === 'ConfigMap' && data && typeof data['config.conf'] === 'string') {
      checkedAs = `KubeProxyConfiguration in ${CONFIG_CONF}`;
      const e = embedded(doc, 'config.conf', CONFIG_CONF);
      if (e.error) add([e.error]);
      if (e.value) checkKubeProxy(e.value, CONFIG_CONF, ctx, V, add, doc.file);
    } else if (apiVersion === 'v1' && kind === 'Service') {
      checkedAs = 'Service';
      add(V.service ? V.service(v, { serviceCidrs: ctx.serviceCidrs?.map(String), kubernetesVersion: ctx.version }) : basicService(v));
      const spec = isObject(v.spec) ? v.spec : {};
      const serviceVersion = ctx.version === undefined ? undefined : KubernetesVersion.tryParse(ctx.version);
      if (spec.ipFamily !== undefined && !found.some((x) => x.f.path === 'spec.ipFamily') && !(serviceVersion && serviceVersion.before(SERVICE_FAMILY_FIELDS_SINCE))) {
        // Field report §6/§7: `ipFamily: IPv6` was the 1.16–1.19 alpha field; from 1.20 the API
        // server drops it (accepted: a warning, as the API server's verdict) and the Service
        // silently becomes single-stack in the primary family.
        add([finding.warning('service-ip-family-removed', 'spec.ipFamily', `${quote(spec.ipFamily)}: the singular ipFamily field was the alpha API before ${SERVICE_FAMILY_FIELDS_SINCE} and is dropped since ${SERVICE_FAMILY_FIELDS_SINCE} (the Service gets the primary family only)`, `write ipFamilies: [${quote(spec.ipFamily)}] and ipFamilyPolicy: SingleStack, or ipFamilyPolicy: PreferDualStack for both`, `pkg/apis/core/types.go (IPFamilies, ${SERVICE_FAMILY_FIELDS_SINCE} redesign)`)]);
      }
    } else if (apiVersion === 'operator.tigera.io/v1' && kind === 'Installation') {
      checkedAs = 'Calico Installation';
      add(checkCalicoInstallation(v, { podCidrs: ctx.podCidrs, random: options.random }));
    } else if (kind === 'ConfigMap' && data && data['net-conf.json'] !== undefined) {
      checkedAs = `flannel net-conf.json in ${NET_CONF}`;
      add(checkFlannelNetConf(data['net-conf.json'], NET_CONF, { podCidrs: ctx.podCidrs, random: options.random }));
    } else {
      const what = kind ? `${apiVersion ?? '?'} ${kind}` : 'a document without apiVersion/kind';
      add([finding.info('document-not-checked', '', `${what}${name ? ` ${name}` : ''}: no dual-stack rules for this kind; not checked`)]);
    }
    documents.push({ file: doc.file, document: doc.index, at: doc.prefix, apiVersion, kind, name, checkedAs });
    const isClusterConfiguration = checkedAs !== null && checkedAs.startsWith('kubeadm ClusterConfiguration');
    for (const { f, prefix } of found) {
      // The validators name their version option `opts.kubernetesVersion`; here it is the --version
      // flag, or the ClusterConfiguration's own field (reported there once, not on every document).
      if (f.path === 'opts.kubernetesVersion') {
        if (options.kubernetesVersion !== undefined) findings.push(relocate({ ...f, path: '--version', message: f.message.replace(/^opts\.kubernetesVersion: /, '--version: ') }, '', doc.file, doc.index));
        else if (isClusterConfiguration) findings.push(relocate({ ...f, path: 'kubernetesVersion', message: f.message.replace(/^opts\.kubernetesVersion: /, 'kubernetesVersion: ') }, prefix.replace(/(^|\.)networking$/, ''), doc.file, doc.index));
        continue;
      }
      findings.push(relocate(f, prefix, doc.file, doc.index));
    }
  }
  return { documents, findings: mergeRepeatedUlaAdvisories(findings) };
}

function checkKubeProxy(cfg: Record<string, unknown>, at: string, ctx: Context, V: DocumentValidators, add: (list: readonly Finding[], prefix?: string) => void, file: string): void {
  // In a kubeadm --config file kubeadm completes this document before kube-proxy reads it
  // (cmd/kubeadm/app/componentconfigs/kubeproxy.go Default): an empty clusterCIDR becomes
  // networking.podSubnet, and kubeadm's IPv6DualStack gate is copied into featureGates.
  const underKubeadm = ctx.kubeadmFiles.has(file);
  const own = isObject(cfg.featureGates) ? (cfg.featureGates as Record<string, unknown>) : undefined;
  let featureGates: Record<string, unknown> | undefined = own;
  if (underKubeadm && ctx.kubeadmGates && ctx.kubeadmGates.IPv6DualStack !== undefined && own?.IPv6DualStack === undefined) {
    featureGates = { ...(own ?? {}), IPv6DualStack: ctx.kubeadmGates.IPv6DualStack };
  }
  add(V.kubeProxyConfiguration ? V.kubeProxyConfiguration(cfg, { kubernetesVersion: ctx.version, featureGates }) : basicKubeProxyConfiguration(cfg), at);
  // Cross-document: nodePortAddresses against the cluster's families and node networks, with the
  // rule the constructs use (lib/plan/rules/proxy-environment.ts).
  if ((ctx.podCidrs ?? ctx.nodePodCidrs ?? []).length > 0 && Array.isArray(cfg.nodePortAddresses) && cfg.nodePortAddresses.length > 0 && cfg.nodePortAddresses.every((x) => typeof x === 'string')) {
    add(nodePortAddressFindings(ctx, cfg.nodePortAddresses as string[], typeof cfg.mode === 'string' && cfg.mode !== '' ? cfg.mode : 'iptables'), at);
  }
  // Cross-document: kube-proxy's clusterCIDR must be the cluster's pod networks (detectLocal).
  if (ctx.podCidrs && ctx.podCidrs.length > 0 && typeof cfg.clusterCIDR === 'string' && cfg.clusterCIDR !== '') {
    const parsed = parseCidrListField(cfg.clusterCIDR, 'clusterCIDR');
    const mine = parsed.cidrs;
    const want = ctx.podCidrs.map(String).join(',');
    // A list with an entry that did not read has its own error; comparing what is left would cascade.
    if (mine.length > 0 && !parsed.findings.some((f) => f.code === 'cidr-invalid' || f.code === 'cidr-type') && mine.map(String).join(',') !== want) {
      add([finding.warning('kube-proxy-cluster-cidr-mismatch', 'clusterCIDR', `${quote(cfg.clusterCIDR)} is not the cluster's pod networks ${quote(want)}: kube-proxy misjudges which traffic is local to the cluster`, `write ${quote(want)}`)], at);
    }
  } else if (!(underKubeadm && ctx.podSubnet !== undefined) && ctx.podCidrs && ctx.podCidrs.length === 2 && (cfg.clusterCIDR === undefined || cfg.clusterCIDR === '')) {
    add([finding.info('kube-proxy-no-cluster-cidr', 'clusterCIDR', `is empty; kube-proxy cannot tell pod traffic by source (the cluster's pod networks are ${quote(ctx.podCidrs.map(String).join(','))})`, `write ${quote(ctx.podCidrs.map(String).join(','))}`)], at);
  }
}

/** The CIDRs of a list, or undefined when an entry does not read as a CIDR. */
function readableCidrs(value: unknown, path: string): readonly Cidr[] | undefined {
  const parsed = parseCidrListField(value, path);
  return parsed.findings.some((f) => f.code === 'cidr-invalid' || f.code === 'cidr-type' || f.code === 'cidrs-type') ? undefined : parsed.cidrs;
}

/** `--node-cidrs` entries that read as CIDRs (the command refuses the others before this runs). */
function nodeCidrsOf(list: readonly string[]): Cidr[] {
  return list.map((x) => parseCidrSloppy(x).value).filter((c): c is Cidr => c !== undefined);
}

/** The plan's nodePortAddresses rule (proxyEnvironmentFindings) over what the files say of the cluster. */
function nodePortAddressFindings(ctx: Context, nodePortAddresses: readonly string[], mode: string): Finding[] {
  // The pod families: the cluster's pod networks, else those of the Nodes' podCIDRs.
  const pods = (ctx.podCidrs && ctx.podCidrs.length > 0 ? ctx.podCidrs : ctx.nodePodCidrs)!;
  const plan = ClusterNetwork.plan({
    podCidrs: pods.map(String),
    serviceCidrs: (ctx.serviceCidrs && ctx.serviceCidrs.length > 0 ? ctx.serviceCidrs : pods).map(String),
    nodeNetworks: ctx.nodeCidrs?.map(String),
    kubernetesVersion: ctx.version,
  });
  // Only the verdicts about the cluster; the document's own syntax is kubeProxyConfiguration's.
  return proxyEnvironmentFindings(plan, { mode, nodePortAddresses, path: '' }).filter((f) => f.code === 'node-port-addresses-one-family');
}

/**
 * kubeadm passes its own `IPv6DualStack` gate to kube-apiserver and kube-controller-manager as a
 * default `--feature-gates` argument (cmd/kubeadm/app/phases/controlplane/manifests.go, kubernetes#80531);
 * a component's `extraArgs.feature-gates` replaces that argument whole (BuildArgumentListFromMap).
 * So on 1.16–1.20 a dual-stack cluster whose component sets its own feature-gates without
 * IPv6DualStack=true runs that component without dual-stack.
 */
function componentGateFindings(cfg: Record<string, unknown>, kubeadmGates: Readonly<Record<string, boolean>>, networking: Record<string, unknown>, version: string | undefined): Finding[] {
  const v = version === undefined ? undefined : KubernetesVersion.tryParse(version);
  if (!v || gateEnabled('IPv6DualStack', v, {}) || kubeadmGates.IPv6DualStack !== true) return [];
  const dual = [networking.podSubnet, networking.serviceSubnet].some((x) => typeof x === 'string' && cidrListItems(x)?.length === 2);
  if (!dual) return [];
  const out: Finding[] = [];
  for (const [key, name] of [
    ['apiServer', 'kube-apiserver'],
    ['controllerManager', 'kube-controller-manager'],
  ] as const) {
    const arg = extraArg(cfg[key], 'feature-gates');
    if (arg === undefined || parseFeatureGatesArg(arg).IPv6DualStack === true) continue;
    out.push(
      finding.error(
        'kubeadm-component-gates-replace',
        `${key}.extraArgs.feature-gates`,
        `${quote(arg)} replaces the --feature-gates=IPv6DualStack=true that kubeadm would pass from featureGates, so ${name} ${v} runs without dual-stack and refuses the dual-stack ranges`,
        `write ${quote(arg.trim() === '' ? 'IPv6DualStack=true' : `${arg.replace(/,\s*$/, '')},IPv6DualStack=true`)}`,
        'cmd/kubeadm/app/phases/controlplane/manifests.go',
      ),
    );
  }
  return out;
}

/** How many places a merged advisory lists before it says "and N more". */
const MERGED_PLACES_SHOWN = 8;

/**
 * One hand-picked ULA global ID usually sits in every IPv6 range of a file (pod subnet, Service
 * subnet, kube-proxy clusterCIDR, the CNI pool). Report that fact once per file and global ID, at
 * its first place, naming every place and the replacement for each (suggestUla keys its
 * suggestion on the /48, so they share one new global ID).
 */
export function mergeRepeatedUlaAdvisories(findings: readonly LocatedFinding[]): LocatedFinding[] {
  const groups = new Map<string, LocatedFinding[]>();
  const keyOf = (f: LocatedFinding): string | undefined => {
    if (f.code !== 'range-ula-global-id') return undefined;
    const id = /uses the global ID ([0-9a-f]{10})/.exec(f.message);
    return id ? `${f.file}\u0000${id[1]}` : undefined;
  };
  for (const f of findings) {
    const k = keyOf(f);
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const out: LocatedFinding[] = [];
  for (const f of findings) {
    const k = keyOf(f);
    const g = k === undefined ? undefined : groups.get(k);
    if (!g || g.length === 1) {
      out.push(f);
      continue;
    }
    if (g[0] !== f) continue;
    const place = (x: LocatedFinding) => `#${x.document} ${x.path}`;
    const shown = g.slice(0, MERGED_PLACES_SHOWN);
    const more = g.length - shown.length;
    const id = /uses the global ID ([0-9a-f]{10})/.exec(f.message)![1];
    const suggestions = shown.map((x) => `${place(x)}: ${(x.fix ?? '').replace(/^use /, '')}`);
    out.push({
      ...f,
      message: `${f.path}: the global ID ${id} does not look random (RFC 4193 §3.2 asks for a pseudo-random 40-bit global ID so that merged networks do not collide); it is used in ${g.length} ranges of this file: ${shown.map(place).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      fix: `give them one random global ID instead, keeping each range's subnet bits: ${suggestions.join('; ')}${more > 0 ? '; …' : ''}`,
    });
  }
  return out;
}
