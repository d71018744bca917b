/**
 * `KubernetesVersion`: the parser and comparator of Kubernetes versions. Every version fact (the
 * window, the default, gates, "since" boundaries, dates) lives in ./timeline; this class only reads
 * its bounds from there.
 */
import { DEFAULT_VERSION, MAX_SUPPORTED, MIN_SUPPORTED } from './timeline/releases';

/** A Kubernetes minor version (`1.33`), with the patch when one was written (`1.33.2`). */
export class KubernetesVersion {
  /** Oldest supported target (timeline `MIN_SUPPORTED`). */
  public static readonly MIN_SUPPORTED = MIN_SUPPORTED;
  /** Newest supported target (timeline `MAX_SUPPORTED`). */
  public static readonly MAX_SUPPORTED = MAX_SUPPORTED;
  /** The default target (timeline `DEFAULT_VERSION`). */
  public static readonly DEFAULT = DEFAULT_VERSION;

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
    if (!v) throw new Error(`${JSON.stringify(text)} is not a Kubernetes version (write "${DEFAULT_VERSION}" or "v${DEFAULT_VERSION}.2")`);
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
    return `${this.major}.${this.minor}`;
  }

  /** `v1.33.0` — what kubeadm's `kubernetesVersion` wants (the oldest patch when none was written). */
  public toKubeadmString(): string {
    return `v${this.major}.${this.minor}.${this.patch ?? 0}`;
  }
}

function minorOf(v: string): number {
  const m = /^v?1\.(\d+)/.exec(v);
  if (!m) throw new Error(`internal: bad version literal ${v}`);
  return Number(m[1]);
}

// The gate histories and API live in the timeline; re-exported here for their existing importers.
export { FEATURE_GATES, featureGateStatus, gateDefault, gateEnabled, gateLocked, gateNeedsExplicitOn, gateStage, gateWritable } from './timeline/gates';
export type { FeatureGateHistory, FeatureGateStatus, GateComponent, GateStage } from './timeline/gates';
export { SERVICE_FAMILY_FIELDS_SINCE } from './timeline/facts';
