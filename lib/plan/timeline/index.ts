/**
 * The Kubernetes version timeline: every version fact the package relies on (release dates, the
 * supported window and default, feature-gate histories, field / flag / API-version boundaries), each
 * with its upstream source. No other module writes a Kubernetes version literal (a test enforces it).
 */
export * from './releases';
export * from './gates';
export * from './facts';
