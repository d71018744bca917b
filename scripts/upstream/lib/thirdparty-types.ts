/** The contract every component module of scripts/upstream/components/ implements (common layout, issue 14 §2). */

/** One difference between a rendered object and the upstream artifact. */
export interface Difference {
  /** `Kind/namespace/name` (cluster-scoped: `Kind/name`), or the data file for stale derived data. */
  readonly object: string;
  /** Path inside the object, e.g. `containers[proxy].env[KONG_PROXY_LISTEN]`. */
  readonly field: string;
  readonly upstream: unknown;
  readonly ours: unknown;
  /** Set when a listed edit explains the difference: its reason. */
  readonly waived?: string;
}

/** A deliberate edit: matches differences by object and field; docs/upstream-edits.md has the same row. */
export interface Waiver {
  readonly object: string;
  readonly field: string;
  /** What upstream has and what we render, as the docs row says them (prose, not compared). */
  readonly upstream: string;
  readonly ours: string;
  readonly reason: string;
}

/** The differences of one check, plus the objects it compared (for the summary). */
export type CheckResult = Difference[] & { compared?: readonly string[] };

export interface UpstreamComponent {
  readonly name: string;
  /** Reads the artifact (path relative to or under shared/upstream) and writes lib/upstream/<name>/… */
  derive(artifactPath: string): void;
  /** Compares what the package renders with the artifacts under `artifactRoot` (the shared/upstream folder). */
  check(artifactRoot: string): CheckResult;
}
