/**
 * Feature-gate histories: the gates users really set on kube-apiserver, kube-controller-manager,
 * kube-proxy, kubelet and kubeadm configurations of 1.16–1.38, with the version each stage began.
 *
 * Sources: pkg/features/kube_features.go of each release (versioned since 1.31), as recorded in the
 * kubernetes/website feature-gate pages (content/en/docs/reference/command-line-tools-reference/
 * feature-gates/<Gate>.md, `stages:` front matter, read 2026-12-01), and the PRs named per gate.
 * What a component does with a gate map is component-base's `SetFromMap`
 * (staging/src/k8s.io/component-base/featuregate/feature_gate.go): an unknown name is refused
 * ("unrecognized feature gate"), a locked gate set away from its default is refused, anything else
 * is accepted (GA / deprecated gates with a warning).
 */
import type { KubernetesVersion } from '../version';

/** The components a gate is read by (all Kubernetes binaries register the whole kube_features list). */
export type GateComponent = 'kube-apiserver' | 'kube-controller-manager' | 'kube-proxy' | 'kubelet' | 'kube-scheduler' | 'kubeadm';

/** The lifecycle of a feature gate: the versions at which it entered each stage. */
export interface FeatureGateHistory {
  /** Components whose behaviour the gate changes (kubeadm: kubeadm's own `featureGates`). */
  readonly components: readonly GateComponent[];
  readonly alpha?: string;
  readonly beta?: string;
  /** Default on from this version (usually the beta version). */
  readonly defaultOn?: string;
  /** Default off again from this version (a deprecated feature being switched off). */
  readonly defaultOff?: string;
  /** GA from this version. */
  readonly ga?: string;
  /** Deprecated from this version (the gate still exists; ServiceTopology, KubeProxyIPVS). */
  readonly deprecated?: string;
  /**
   * Locked to its default from this version: setting it to anything else fails component start-up
   * ("cannot set feature gate X to false, feature is locked to true"). Some gates graduate to GA
   * unlocked for a release (MultiCIDRServiceAllocator in 1.33) before they are locked.
   * @default - the GA version
   */
  readonly locked?: string;
  /** Removed from this version: setting it fails component start-up. */
  readonly removed?: string;
  /** The upstream place where the stages are recorded. */
  readonly source: string;
}

const ALL_CORE: readonly GateComponent[] = ['kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kubelet', 'kube-scheduler'];
const WEBSITE = 'kubernetes/website feature-gates/';

/**
 * The gate matrix. Adding a minor: walk the new release's kube_features.go diff for these names
 * (and new networking gates) and add the stage versions (CONTRIBUTING.md).
 */
export const FEATURE_GATES: Readonly<Record<string, FeatureGateHistory>> = {
  // Alpha 1.16 (singular spec.ipFamily; the website page says 1.15, when the name was registered
  // without a working feature), redesigned 1.20, beta and on 1.21, GA 1.23, removed 1.25. kubeadm
  // had its own IPv6DualStack gate (kubernetes#80145) that it passes to every component (#80531).
  IPv6DualStack: { components: [...ALL_CORE, 'kubeadm'], alpha: '1.16', beta: '1.21', defaultOn: '1.21', ga: '1.23', locked: '1.23', removed: '1.25', source: `${WEBSITE}IPv6DualStack.md; kubernetes#80145` },
  // Alpha 1.16 (off), beta 1.17 (off), on 1.18, GA 1.21, removed 1.25.
  EndpointSlice: { components: ['kube-apiserver', 'kube-controller-manager', 'kube-proxy'], alpha: '1.16', beta: '1.17', defaultOn: '1.18', ga: '1.21', removed: '1.25', source: `${WEBSITE}EndpointSlice.md` },
  // kube-proxy (Linux) reads EndpointSlices: alpha 1.18, beta and on 1.19, GA 1.22, removed 1.25 (kubernetes#86137).
  EndpointSliceProxying: { components: ['kube-proxy'], alpha: '1.18', beta: '1.19', defaultOn: '1.19', ga: '1.22', removed: '1.25', source: `${WEBSITE}EndpointSliceProxying.md` },
  // Alpha 1.20, beta and on 1.22 (kubernetes#103596), GA 1.26, removed 1.28 (KEP-1672).
  EndpointSliceTerminatingCondition: { components: ['kube-apiserver', 'kube-controller-manager', 'kube-proxy'], alpha: '1.20', beta: '1.22', defaultOn: '1.22', ga: '1.26', removed: '1.28', source: `${WEBSITE}EndpointSliceTerminatingCondition.md` },
  // kube-proxy (Windows): alpha 1.19, beta and on 1.21, GA 1.22, removed 1.25.
  WindowsEndpointSliceProxying: { components: ['kube-proxy'], alpha: '1.19', beta: '1.21', defaultOn: '1.21', ga: '1.22', removed: '1.25', source: `${WEBSITE}WindowsEndpointSliceProxying.md` },
  // GA since 1.11; removed by kubernetes#94514 (merged 2020-09-10, in 1.20). The website page lists it
  // up to 1.20; the PR landed in the 1.20 cycle, so 1.20 components refuse it.
  SupportIPVSProxyMode: { components: ['kube-proxy'], alpha: '1.8', beta: '1.9', defaultOn: '1.10', ga: '1.11', removed: '1.20', source: 'kubernetes/kubernetes#94514' },
  // Alpha 1.17 (off), deprecated 1.20 (still off), removed 1.23 (the page lists it up to 1.22).
  ServiceTopology: { components: ['kube-apiserver', 'kube-proxy'], alpha: '1.17', deprecated: '1.20', removed: '1.23', source: `${WEBSITE}ServiceTopology.md` },
  // Alpha 1.21, beta (off) 1.23, on 1.24, GA and locked 1.33.
  TopologyAwareHints: { components: ['kube-apiserver', 'kube-controller-manager', 'kube-proxy'], alpha: '1.21', beta: '1.23', defaultOn: '1.24', ga: '1.33', locked: '1.33', source: `${WEBSITE}TopologyAwareHints.md` },
  // Alpha 1.21, beta and on 1.22, GA 1.26, removed 1.28.
  ServiceInternalTrafficPolicy: { components: ['kube-apiserver', 'kube-proxy'], alpha: '1.21', beta: '1.22', defaultOn: '1.22', ga: '1.26', removed: '1.28', source: `${WEBSITE}ServiceInternalTrafficPolicy.md` },
  // Alpha 1.20, beta and on 1.24, GA 1.26, removed 1.28.
  MixedProtocolLBService: { components: ['kube-apiserver'], alpha: '1.20', beta: '1.24', defaultOn: '1.24', ga: '1.26', removed: '1.28', source: `${WEBSITE}MixedProtocolLBService.md` },
  // Alpha 1.20, beta and on 1.22, GA 1.24, removed 1.26.
  ServiceLBNodePortControl: { components: ['kube-apiserver'], alpha: '1.20', beta: '1.22', defaultOn: '1.22', ga: '1.24', removed: '1.26', source: `${WEBSITE}ServiceLBNodePortControl.md` },
  // Alpha 1.22, beta and on 1.26, GA 1.28, removed 1.30.
  ProxyTerminatingEndpoints: { components: ['kube-proxy'], alpha: '1.22', beta: '1.26', defaultOn: '1.26', ga: '1.28', removed: '1.30', source: `${WEBSITE}ProxyTerminatingEndpoints.md` },
  // kube-proxy nftables mode: alpha 1.29, beta (on) 1.31, GA and locked 1.33; removed 1.38
  // (kubernetes#141733: "GA in 1.33, should have gone away in 1.36").
  NFTablesProxyMode: { components: ['kube-proxy'], alpha: '1.29', beta: '1.31', defaultOn: '1.31', ga: '1.33', locked: '1.33', removed: '1.38', source: `${WEBSITE}NFTablesProxyMode.md; kubernetes#141733` },
  // Alpha 1.27, beta 1.31 (off), GA 1.33 on but NOT locked, locked 1.34, removed 1.38 (kubernetes#141762).
  MultiCIDRServiceAllocator: { components: ['kube-apiserver', 'kube-controller-manager'], alpha: '1.27', beta: '1.31', defaultOn: '1.33', ga: '1.33', locked: '1.34', removed: '1.38', source: `${WEBSITE}MultiCIDRServiceAllocator.md; kubernetes#141762` },
  // Alpha 1.31, beta 1.33 (off), GA 1.34 (on, not locked), locked 1.35 (kubernetes#133782), removed 1.38 (#141762).
  DisableAllocatorDualWrite: { components: ['kube-apiserver'], alpha: '1.31', beta: '1.33', defaultOn: '1.34', ga: '1.34', locked: '1.35', removed: '1.38', source: `${WEBSITE}DisableAllocatorDualWrite.md; kubernetes#141762` },
  // Alpha 1.30, beta and on 1.31, GA 1.33.
  ServiceTrafficDistribution: { components: ['kube-apiserver', 'kube-proxy'], alpha: '1.30', beta: '1.31', defaultOn: '1.31', ga: '1.33', source: `${WEBSITE}ServiceTrafficDistribution.md` },
  // PreferSameZone / PreferSameNode values: alpha 1.33, beta and on 1.34, GA and locked 1.35, removed 1.38 (kubernetes#141733).
  PreferSameTrafficDistribution: { components: ['kube-apiserver', 'kube-proxy'], alpha: '1.33', beta: '1.34', defaultOn: '1.34', ga: '1.35', locked: '1.35', removed: '1.38', source: `${WEBSITE}PreferSameTrafficDistribution.md; kubernetes#141733` },
  // KEP-4858: alpha 1.33 (off), beta and on 1.36 (kubernetes#137053), GA 1.38 and always in effect (#141979).
  StrictIPCIDRValidation: { components: ['kube-apiserver'], alpha: '1.33', beta: '1.36', defaultOn: '1.36', ga: '1.38', locked: '1.38', source: 'KEP-4858; kubernetes#137053, #141979' },
  // KEP-5495: ipvs deprecated 1.35 (warnings, kubernetes#134539); the deprecation gate arrives in 1.37
  // on by default (kubernetes#139397), default off planned for 1.40, removal for 1.43.
  KubeProxyIPVS: { components: ['kube-proxy'], deprecated: '1.37', defaultOn: '1.37', defaultOff: '1.40', removed: '1.43', source: 'keps/sig-network/5495-deprecate-ipvs-mode-in-kube-proxy/kep.yaml; kubernetes#139397' },
  // Alpha 1.24, beta and on 1.25, GA 1.26, removed 1.28.
  ServiceIPStaticSubrange: { components: ['kube-apiserver'], alpha: '1.24', beta: '1.25', defaultOn: '1.25', ga: '1.26', removed: '1.28', source: `${WEBSITE}ServiceIPStaticSubrange.md` },
  // Alpha 1.27, beta and on 1.28, GA 1.29, removed 1.31.
  ServiceNodePortStaticSubrange: { components: ['kube-apiserver'], alpha: '1.27', beta: '1.28', defaultOn: '1.28', ga: '1.29', removed: '1.31', source: `${WEBSITE}ServiceNodePortStaticSubrange.md` },
  // Dual-stack --node-ip with an external cloud provider: alpha 1.27, beta and on 1.29, GA 1.30, removed 1.32.
  CloudDualStackNodeIPs: { components: ['kubelet'], alpha: '1.27', beta: '1.29', defaultOn: '1.29', ga: '1.30', removed: '1.32', source: `${WEBSITE}CloudDualStackNodeIPs.md` },
  // Job spec.ttlSecondsAfterFinished (our smoke-test Job): alpha 1.12, beta and on 1.21, GA 1.23, removed 1.25 (KEP-592).
  TTLAfterFinished: { components: ['kube-apiserver', 'kube-controller-manager'], alpha: '1.12', beta: '1.21', defaultOn: '1.21', ga: '1.23', locked: '1.23', removed: '1.25', source: `${WEBSITE}TTLAfterFinished.md` },
};

/**
 * The stage a gate is at for a version. `untracked`: the gate is not in FEATURE_GATES (nothing is
 * claimed about it); `absent`: tracked, but it does not exist yet in that version.
 */
export type GateStage = 'untracked' | 'absent' | 'alpha' | 'beta' | 'ga' | 'deprecated' | 'removed';

/** What `featureGateStatus` reports. */
export interface FeatureGateStatus {
  readonly name: string;
  /** Whether FEATURE_GATES has the gate. When false, nothing else is known. */
  readonly tracked: boolean;
  /** Whether the component of that version recognises the name (false: "unrecognized feature gate"). */
  readonly exists: boolean;
  readonly stage: GateStage;
  /** The default value in that version (undefined when the gate does not exist there). */
  readonly default?: boolean;
  /** Whether setting it away from its default is refused. */
  readonly locked: boolean;
  /** The version the gate was (or will be) removed in. */
  readonly removedIn?: string;
  /** The version the gate first exists in. */
  readonly since?: string;
  readonly components: readonly GateComponent[];
  /**
   * Set when the gate exists in Kubernetes but not in the list of the component asked about: kubeadm
   * has its own gate list (cmd/kubeadm/app/features/features.go) and refuses a Kubernetes gate in
   * its `featureGates` ("unrecognized feature-gate key"). The Kubernetes binaries all register the
   * whole kube_features list, so this is only ever set for kubeadm.
   */
  readonly notInComponent?: GateComponent;
  readonly source?: string;
}

/** The first version the gate exists in. */
export function gateSince(h: FeatureGateHistory): string | undefined {
  return h.alpha ?? h.beta ?? h.deprecated ?? h.ga;
}

function gateOf(name: string): FeatureGateHistory | undefined {
  return Object.prototype.hasOwnProperty.call(FEATURE_GATES, name) ? FEATURE_GATES[name] : undefined;
}

export function gateStage(gate: string, version: KubernetesVersion): GateStage {
  const h = gateOf(gate);
  if (!h) return 'untracked';
  if (h.removed && version.atLeast(h.removed)) return 'removed';
  if (h.deprecated && version.atLeast(h.deprecated)) return 'deprecated';
  if (h.ga && version.atLeast(h.ga)) return 'ga';
  if (h.beta && version.atLeast(h.beta)) return 'beta';
  if (h.alpha && version.atLeast(h.alpha)) return 'alpha';
  return 'absent';
}

/** Whether a gate is locked to its default for a version: a GA gate from its `locked` version (the GA version unless given). */
export function gateLocked(gate: string, version: KubernetesVersion): boolean {
  const h = gateOf(gate);
  if (!h || !h.ga) return false;
  if (h.removed && version.atLeast(h.removed)) return false;
  return version.atLeast(h.locked ?? h.ga);
}

/** The gate's default in a version (undefined when it does not exist there). */
export function gateDefault(gate: string, version: KubernetesVersion): boolean | undefined {
  const h = gateOf(gate);
  const stage = gateStage(gate, version);
  if (!h || stage === 'untracked' || stage === 'absent' || stage === 'removed') return undefined;
  if (h.defaultOff && version.atLeast(h.defaultOff)) return false;
  if (stage === 'ga') return true;
  return !!h.defaultOn && version.atLeast(h.defaultOn);
}

/**
 * The small pure API the gate rules and the renderers use: what a version makes of a gate name.
 * @param component the component whose gate list is asked about; only `kubeadm` differs (its own list)
 */
export function featureGateStatus(name: string, version: KubernetesVersion, component?: GateComponent): FeatureGateStatus {
  const h = gateOf(name);
  if (!h) return { name, tracked: false, exists: false, stage: 'untracked', locked: false, components: [] };
  const stage = gateStage(name, version);
  const foreign = component === 'kubeadm' && !h.components.includes('kubeadm');
  const exists = stage !== 'absent' && stage !== 'removed' && !foreign;
  return {
    name,
    tracked: true,
    exists,
    stage,
    default: gateDefault(name, version),
    locked: gateLocked(name, version),
    removedIn: h.removed,
    since: gateSince(h),
    components: h.components,
    ...(foreign ? { notInComponent: component } : {}),
    source: h.source,
  };
}

/**
 * Whether a gate's feature is on for a version given the user's overrides. A removed gate counts as
 * on when its feature became permanent (GA before removal), off otherwise (ServiceTopology,
 * KubeProxyIPVS: deprecated features that went away).
 */
export function gateEnabled(gate: string, version: KubernetesVersion, overrides: Readonly<Record<string, boolean>> = {}): boolean {
  const h = gateOf(gate);
  const stage = gateStage(gate, version);
  if (!h || stage === 'untracked' || stage === 'absent') return false;
  if (stage === 'removed') return !!h.ga;
  if (gateLocked(gate, version)) return true;
  if (overrides !== null && typeof overrides === 'object' && Object.prototype.hasOwnProperty.call(overrides, gate)) return overrides[gate] === true;
  return gateDefault(gate, version) === true;
}

/**
 * Whether a gate exists in the version but is off by default, so a component needs `<gate>=true`
 * written out to get its feature (IPv6DualStack for dual-stack on 1.16–1.20, NFTablesProxyMode for
 * nftables mode on 1.29–1.30). GA and removed gates never need it.
 */
export function gateNeedsExplicitOn(gate: string, version: KubernetesVersion): boolean {
  const stage = gateStage(gate, version);
  return (stage === 'alpha' || stage === 'beta') && gateDefault(gate, version) !== true;
}

/** Whether renderers may write the gate for a version at all (never a gate the version refuses). */
export function gateWritable(gate: string, version: KubernetesVersion): boolean {
  const s = featureGateStatus(gate, version);
  return !s.tracked || s.exists;
}
