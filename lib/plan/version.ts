/**
 * The Kubernetes version timeline the rules depend on. Every fact below is version-by-version so
 * a plan for 1.18 (the field report's era) and one for 1.33 get the rules their components had.
 */

/** A Kubernetes minor version (`1.33`); patch levels do not change any rule we model. */
export class KubernetesVersion {
  /** Oldest version with dual-stack at all (IPv6DualStack alpha). */
  public static readonly MIN_SUPPORTED = '1.16';
  /** Newest version whose rules we have checked. */
  public static readonly MAX_SUPPORTED = '1.35';

  /**
   * Parse `1.33`, `v1.33`, `1.33.2` or `v1.33.2-rc.0`. Returns undefined for anything else
   * (the plan turns that into a finding naming the field).
   */
  public static tryParse(text: unknown): KubernetesVersion | undefined {
    if (typeof text !== 'string') return undefined;
    const m = /^v?1\.(0|[1-9][0-9]?)(?:\.(0|[1-9][0-9]*)(?:[-+][0-9A-Za-z.-]+)?)?$/.exec(text.trim());
    if (!m) return undefined;
    return new KubernetesVersion(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]));
  }

  public static parse(text: string): KubernetesVersion {
    const v = KubernetesVersion.tryParse(text);
    if (!v) throw new Error(`${JSON.stringify(text)} is not a Kubernetes version (write "1.33" or "v1.33.2")`);
    return v;
  }

  public readonly major = 1;
  public readonly minor: number;
  public readonly patch: number | undefined;

  private constructor(minor: number, patch: number | undefined) {
    this.minor = minor;
    this.patch = patch;
  }

  /** `this >= v` on the minor version. */
  public atLeast(v: string): boolean {
    return this.minor >= minorOf(v);
  }

  /** `this < v` on the minor version. */
  public before(v: string): boolean {
    return this.minor < minorOf(v);
  }

  /** `lo <= this <= hi` on the minor version. */
  public between(lo: string, hi: string): boolean {
    return this.minor >= minorOf(lo) && this.minor <= minorOf(hi);
  }

  public get supported(): boolean {
    return this.between(KubernetesVersion.MIN_SUPPORTED, KubernetesVersion.MAX_SUPPORTED);
  }

  /** `1.33` */
  public toString(): string {
    return `1.${this.minor}`;
  }

  /** `v1.33.0` — what kubeadm's `kubernetesVersion` wants. */
  public toKubeadmString(): string {
    return `v1.${this.minor}.${this.patch ?? 0}`;
  }
}

function minorOf(v: string): number {
  const m = /^v?1\.(\d+)/.exec(v);
  if (!m) throw new Error(`internal: bad version literal ${v}`);
  return Number(m[1]);
}

/**
 * The Service API's dual-stack fields (`ipFamilies`, `ipFamilyPolicy`, `clusterIPs`) replaced the
 * alpha's singular `spec.ipFamily` in 1.20 (the IPv6DualStack redesign; served only with the gate on
 * until it became default-on in 1.21).
 */
export const SERVICE_FAMILY_FIELDS_SINCE = '1.20';

/** The lifecycle of a feature gate: the versions at which it entered each stage. */
export interface FeatureGateHistory {
  readonly alpha?: string;
  readonly beta?: string;
  /** Default on from this version (usually the beta version). */
  readonly defaultOn?: string;
  /** GA from this version. */
  readonly ga?: string;
  /**
   * Locked to its default (true) from this version: setting it to false fails component start-up
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

/**
 * The gates our rules read. Facts from `pkg/features/kube_features.go` of each release
 * (and the versioned feature list of kubernetes.io), checked with search.
 */
export const FEATURE_GATES: Readonly<Record<string, FeatureGateHistory>> = {
  // Alpha 1.16 (singular spec.ipFamily), redesigned 1.20 (ipFamilies/ipFamilyPolicy), beta and on
  // by default 1.21, GA 1.23, removed 1.25.
  IPv6DualStack: { alpha: '1.16', beta: '1.21', defaultOn: '1.21', ga: '1.23', locked: '1.23', removed: '1.25', source: 'pkg/features/kube_features.go' },
  // Alpha 1.27, beta 1.31 (off by default), GA 1.33 on by default but NOT locked (LockToDefault:
  // false, it can still be turned off), locked 1.34 — versioned kube_features.go.
  MultiCIDRServiceAllocator: { alpha: '1.27', beta: '1.31', defaultOn: '1.33', ga: '1.33', locked: '1.34', source: 'pkg/features/kube_features.go' },
  // Alpha 1.31, beta 1.33 (off by default), GA 1.34 (on, not locked), locked 1.35.
  DisableAllocatorDualWrite: { alpha: '1.31', beta: '1.33', defaultOn: '1.34', ga: '1.34', locked: '1.35', source: 'pkg/features/kube_features.go' },
  // kube-proxy nftables mode: alpha 1.29, beta (on by default) 1.31, GA and locked 1.33.
  NFTablesProxyMode: { alpha: '1.29', beta: '1.31', defaultOn: '1.31', ga: '1.33', locked: '1.33', source: 'pkg/features/kube_features.go' },
  // Job spec.ttlSecondsAfterFinished: alpha 1.12 (off: the API server drops the field), beta and on
  // by default 1.21, GA 1.23, gate removed 1.25 (KEP-592).
  TTLAfterFinished: { alpha: '1.12', beta: '1.21', defaultOn: '1.21', ga: '1.23', locked: '1.23', removed: '1.25', source: 'pkg/features/kube_features.go' },
  // ServiceCIDR objects and the new allocator read kube-apiserver's ranges from 1.27 on.
  ServiceIPStaticSubrange: { alpha: '1.24', beta: '1.25', defaultOn: '1.25', ga: '1.26', locked: '1.26', removed: '1.28', source: 'pkg/features/kube_features.go' },
};

/** The stage a gate is at for a version. */
export type GateStage = 'unknown' | 'absent' | 'alpha' | 'beta' | 'ga' | 'removed';

export function gateStage(gate: string, version: KubernetesVersion): GateStage {
  const h = FEATURE_GATES[gate];
  if (!h) return 'unknown';
  if (h.removed && version.atLeast(h.removed)) return 'removed';
  if (h.ga && version.atLeast(h.ga)) return 'ga';
  if (h.beta && version.atLeast(h.beta)) return 'beta';
  if (h.alpha && version.atLeast(h.alpha)) return 'alpha';
  return 'absent';
}

/**
 * Whether a gate is on for a version given the user's overrides. A removed gate counts as on when
 * its feature became permanent (every gate listed here graduated before removal).
 */
export function gateEnabled(gate: string, version: KubernetesVersion, overrides: Readonly<Record<string, boolean>> = {}): boolean {
  const stage = gateStage(gate, version);
  if (stage === 'removed' || gateLocked(gate, version)) return true;
  if (stage === 'absent' || stage === 'unknown') return false;
  if (overrides !== null && typeof overrides === 'object' && Object.prototype.hasOwnProperty.call(overrides, gate)) return overrides[gate] === true;
  const h = FEATURE_GATES[gate];
  return !!h.defaultOn && version.atLeast(h.defaultOn);
}

/**
 * Whether a gate exists in the version but is off by default, so a component needs `<gate>=true`
 * written out to get its feature (IPv6DualStack for dual-stack on 1.16–1.20, NFTablesProxyMode for
 * nftables mode on 1.29–1.30). GA and removed gates never need it.
 */
export function gateNeedsExplicitOn(gate: string, version: KubernetesVersion): boolean {
  const stage = gateStage(gate, version);
  return (stage === 'alpha' || stage === 'beta') && !gateEnabled(gate, version, {});
}

/** Whether a gate is locked to its default (on) for a version: a GA gate from its `locked` version (the GA version unless given). */
export function gateLocked(gate: string, version: KubernetesVersion): boolean {
  const h = FEATURE_GATES[gate];
  if (!h || !h.ga) return false;
  return version.atLeast(h.locked ?? h.ga);
}
