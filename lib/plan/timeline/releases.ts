/**
 * Kubernetes release lines: when each minor came out and when upstream stopped patching it, the
 * window this package supports and the default target. Every date is compared against `AS_OF`,
 * never the machine clock, so findings (and their tests) stay the same on every run.
 *
 * Dates, checked with search on 2026-12-01: 1.18–1.29 release and end-of-life days as listed by
 * itechtics.com/eol/kubernetes (which mirrors endoflife.date); 1.30–1.32 months confirmed by
 * dodatech's 2026 support table (the 28th per the usual schedule); 1.33–1.38 from the issue and
 * DESIGN §5 (kubernetes.io/releases); 1.16/1.17 see below.
 * Upstream maintains the three newest minors; each gets about 14 months of patches (the 28th of the
 * month, give or take, is the usual end-of-life day since 1.19).
 */

/** The day the facts of this table were last checked; "end of life" means "before this day". */
export const AS_OF = '2026-12-01';

/** One Kubernetes minor line. */
export interface ReleaseLine {
  /** `1.36` */
  readonly minor: string;
  /** General-availability date of `.0`; undefined for a line not yet released on `AS_OF`. */
  readonly released?: string;
  /** The planned release date of a line that is not out on `AS_OF`. */
  readonly planned?: string;
  /** Last day of upstream patch support (end of life). */
  readonly endOfLife?: string;
}

/**
 * Every line in the supported window, oldest first. Adding a minor: one entry here (see
 * CONTRIBUTING.md, "Adding a Kubernetes minor").
 */
export const RELEASES: readonly ReleaseLine[] = [
  // 1.16–1.18: endoflife.date; itechtics lists 1.16 end of maintenance 2020-08-04 and 1.17 2020-12-25
  // (the day before the last patch); the day of the last patch release is used here.
  { minor: '1.16', released: '2019-09-18', endOfLife: '2020-09-02' },
  { minor: '1.17', released: '2019-12-09', endOfLife: '2021-01-13' },
  { minor: '1.18', released: '2020-03-25', endOfLife: '2021-06-18' },
  { minor: '1.19', released: '2020-08-26', endOfLife: '2021-10-28' },
  { minor: '1.20', released: '2020-12-08', endOfLife: '2022-02-28' },
  { minor: '1.21', released: '2021-04-08', endOfLife: '2022-06-28' },
  { minor: '1.22', released: '2021-08-04', endOfLife: '2022-10-28' },
  { minor: '1.23', released: '2021-12-07', endOfLife: '2023-02-28' },
  { minor: '1.24', released: '2022-05-03', endOfLife: '2023-07-28' },
  { minor: '1.25', released: '2022-08-23', endOfLife: '2023-10-27' },
  { minor: '1.26', released: '2022-12-08', endOfLife: '2024-02-28' },
  { minor: '1.27', released: '2023-04-11', endOfLife: '2024-06-28' },
  { minor: '1.28', released: '2023-08-15', endOfLife: '2024-10-28' },
  { minor: '1.29', released: '2023-12-13', endOfLife: '2025-02-28' },
  { minor: '1.30', released: '2024-04-17', endOfLife: '2025-06-28' },
  { minor: '1.31', released: '2024-08-13', endOfLife: '2025-10-28' },
  { minor: '1.32', released: '2024-12-11', endOfLife: '2026-02-28' },
  { minor: '1.33', released: '2025-04-23', endOfLife: '2026-06-28' },
  { minor: '1.34', released: '2025-08-27', endOfLife: '2026-10-27' },
  { minor: '1.35', released: '2025-12-17', endOfLife: '2027-02-28' },
  // 1.36 / 1.37 end of life: planned (release + ~14 months, the usual 28th); not yet announced.
  { minor: '1.36', released: '2026-04-22', endOfLife: '2027-06-28' },
  { minor: '1.37', released: '2026-08-26', endOfLife: '2027-10-28' },
  // 1.38: GA planned 2026-12-16 (sig-release schedule); its rules are the ones merged for it.
  { minor: '1.38', planned: '2026-12-16' },
];

/**
 * Oldest supported target: dual-stack exists from 1.16 (IPv6DualStack alpha, KEP-563); nothing
 * older can run a dual-stack cluster at all.
 */
export const MIN_SUPPORTED = '1.16';

/**
 * Newest supported target: the newest minor whose changes we have read (1.38's merged changes,
 * kubernetes CHANGELOG-1.38 drafts and the gate removals #141733 / #141762). Anything newer has rules
 * we have not modelled.
 */
export const MAX_SUPPORTED = '1.38';

/**
 * The default target: the newest minor every pinned component supports — Calico 3.32 is tested on
 * 1.34–1.36 (docs.tigera.io "System requirements", Calico 3.32) and Envoy Gateway 1.9 on 1.33–1.36
 * (gateway.envoyproxy.io "Compatibility Matrix", v1.9). 1.37 is out, but neither pin lists it.
 */
export const DEFAULT_VERSION = '1.36';

/** Why each bound of the window exists (the out-of-window error quotes these). */
export const WINDOW_REASONS = {
  min: `dual-stack arrived as alpha in ${MIN_SUPPORTED} (IPv6DualStack, KEP-563)`,
  max: `${MAX_SUPPORTED} is the newest release whose changes these rules model`,
} as const;

/** The Kubernetes range a pinned component is tested on (its own compatibility page). */
export interface ComponentSupport {
  readonly component: string;
  readonly oldest: string;
  readonly newest: string;
  readonly source: string;
}

/** The component ranges that decide `DEFAULT_VERSION`. */
export const COMPONENT_SUPPORT = {
  calico332: { component: 'Calico v3.32', oldest: '1.34', newest: '1.36', source: 'docs.tigera.io calico/3.32 getting-started/kubernetes/requirements' },
  envoyGateway19: { component: 'Envoy Gateway v1.9', oldest: '1.33', newest: '1.36', source: 'gateway.envoyproxy.io/news/releases/matrix' },
} as const satisfies Record<string, ComponentSupport>;

/**
 * The oldest Kubernetes the Calico releases from v3.27 on run on: "Calico will not work on
 * Kubernetes v1.20 or below" (tigera/docs calico/getting-started/kubernetes/requirements.mdx).
 */
export const CALICO_KUBERNETES_FLOOR = '1.21';

/**
 * The first Kubernetes minor whose APIs the current ingress controllers need (discovery.k8s.io/v1
 * EndpointSlice, GA in 1.21: ingress-nginx 1.x, KIC 3.x and Envoy Gateway all list it).
 */
export const INGRESS_CONTROLLERS_MIN_KUBERNETES = '1.21';

/** The release line of a minor (`1.36`), if it is in the table. */
export function releaseLine(minor: string): ReleaseLine | undefined {
  return RELEASES.find((r) => r.minor === minor);
}

/** Whether the line reached end of life before `AS_OF`. */
export function endOfLifeAsOf(line: ReleaseLine, asOf: string = AS_OF): boolean {
  return line.endOfLife !== undefined && line.endOfLife < asOf;
}

/** Whether the line is not released yet on `AS_OF`. */
export function unreleasedAsOf(line: ReleaseLine, asOf: string = AS_OF): boolean {
  return line.released === undefined || line.released > asOf;
}
