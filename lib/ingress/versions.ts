/**
 * Every ingress image and version the package renders or expects, in one place. Bump here, nowhere else.
 *
 * Facts (checked with search; see the issue-6 report):
 * - ingress-nginx was retired by SIG Network and the Security Response Committee: best-effort
 *   maintenance ended in March 2026 (repository archived 2026-03-24); the last controller release is
 *   v1.15.1 (chart 4.15.1), image digest below, admission cert-gen kube-webhook-certgen v1.6.9.
 * - Kong Ingress Controller brackets IPv6 upstream targets from 2.11.0 (CHANGELOG 2.11.0, 2023-08-09:
 *   "Properly construct targets for IPv6-only clusters", Kong/kubernetes-ingress-controller#4391, fixing
 *   #4369 — the bug of field report §7.2 / #972). Current line 3.5 (3.5.13 used by the kong/ingress chart
 *   0.24.0 era), paired with the open-source gateway image kong:3.9.3.
 * - Envoy Gateway added `EnvoyProxy.spec.ipFamily` (IPv4 | IPv6 | DualStack) in v1.2 (envoyproxy/gateway#4375);
 *   with DualStack it sets the proxy Service to RequireDualStack and binds listeners on "::" with ipv4_compat.
 */
import { INGRESS_CONTROLLERS_MIN_KUBERNETES } from '../plan/timeline/releases';

/** ingress-nginx controller: the last release before retirement, pinned by tag and digest. */
export const INGRESS_NGINX_VERSION = 'v1.15.1';
export const INGRESS_NGINX_IMAGE =
  'registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1';
/** The cert generator the upstream chart 4.15.1 runs in its admission Jobs. */
export const INGRESS_NGINX_CERTGEN_IMAGE =
  'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.9@sha256:01038e7de14b78d702d2849c3aad72fd25903c4765af63cf16aa3398f5d5f2dd';
/** When upstream maintenance ended (the retirement warning quotes it). */
export const INGRESS_NGINX_RETIRED = 'March 2026';

/**
 * Kong Ingress Controller rendered by default. The 3.5 line is maintenance-only (new work lands in
 * Kong Operator, Kong/kubernetes-ingress-controller#7850) and the OSS gateway image ends at 3.9.x
 * (Kong/docker-kong#738): the plan's `kong-maintenance-only` info says so.
 */
export const KONG_INGRESS_CONTROLLER_VERSION = '3.5.13';
/** The first KIC release that brackets IPv6 targets (#4391). Older releases are refused on IPv6 plans. */
export const KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION = '2.11.0';
export const KONG_INGRESS_CONTROLLER_IMAGE_REPO = 'kong/kubernetes-ingress-controller';
/** Kong gateway (open-source image) rendered by default. */
export const KONG_GATEWAY_VERSION = '3.9.3';
export const KONG_GATEWAY_IMAGE_REPO = 'kong';

/** Envoy Gateway: the oldest release with `EnvoyProxy.spec.ipFamily`, and the release the Gateway objects were written against. */
export const ENVOY_GATEWAY_MIN_VERSION = 'v1.2.0';
/**
 * Envoy Gateway v1.9.0 (artifacts in ../shared/upstream/envoy-gateway/v1.9.0; tested on Kubernetes
 * 1.33–1.36, timeline COMPONENT_SUPPORT). v1.7 reached end of life 2026-08-05, v1.8 on 2026-11-08.
 */
export const ENVOY_GATEWAY_VERSION = 'v1.9.0';
/** The Gateway API release Envoy Gateway v1.9 pairs with (standard-channel CRDs in ../shared/upstream/gateway-api/v1.6.1). */
export const GATEWAY_API_VERSION = 'v1.6.1';
/** The controllerName Envoy Gateway's GatewayClass reconciler claims. */
export const ENVOY_GATEWAY_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';

/** The field report's demo application, on an unprivileged nginx image (listens on 8080, uid 101). */
export const NGINX_UNPRIVILEGED_IMAGE = 'nginxinc/nginx-unprivileged:1.29.4-alpine';

/** The first Kubernetes minor whose APIs the current ingress controllers need (discovery.k8s.io/v1 EndpointSlice). */
export const CONTROLLERS_MIN_KUBERNETES = INGRESS_CONTROLLERS_MIN_KUBERNETES;

/** `3.5.13` → [3, 5, 13]; undefined when not a plain semver (a digest-only or odd tag). */
export function semverOf(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** a < b on semver; false when either is unparsable. */
export function semverBefore(a: string, b: string): boolean {
  const x = semverOf(a);
  const y = semverOf(b);
  if (!x || !y) return false;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
}
