/**
 * Rules of the ingress area that depend on the plan and on an ingress construct's options. Pure: no
 * cdk8s import, so the CLI and DualStackCluster can call them. Each rule names the upstream it mirrors.
 */
import {
  CONTROLLERS_MIN_KUBERNETES,
  ENVOY_GATEWAY_MIN_VERSION,
  ENVOY_GATEWAY_VERSION,
  INGRESS_NGINX_RETIRED,
  INGRESS_NGINX_VERSION,
  KONG_GATEWAY_VERSION,
  KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION,
  KONG_INGRESS_CONTROLLER_VERSION,
  semverBefore,
  semverOf,
} from './versions';
import { hasPluralFamilyApi, renderDualStackService, ServiceFamilyOptions } from './service-families';
import { IpFamilyPolicy, validateService } from '../plan/rules/service';
import { Finding, finding, quote } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { FEATURE_GATES, FIELD_REPORT_VERSION, SERVICE_FAMILY_FIELDS_SINCE } from '../plan/timeline';
import { imageTag, kongLifecycleFinding, unpinnedVersionFinding } from '../plan/rules/pins';

/**
 * What a Service asks of the plan's families. The Service API rules themselves (RequireDualStack on a
 * single-stack cluster, a family without a service range, field shapes, what each version serves)
 * are `validate.service` (lib/plan/rules/service.ts, mirroring pkg/apis/core/validation and
 * pkg/registry/core/service/storage/alloc.go), run here on the Service the options render to, against
 * the plan's version, gates and service ranges; `servicePath` prefixes its field paths. Added on top:
 * what only a renderer knows (a dual policy asked of a pre-1.20 target, SingleStack on a dual plan).
 */
export function serviceFamilyFindings(plan: ClusterNetwork, options: ServiceFamilyOptions, servicePath = 'service'): Finding[] {
  const f: Finding[] = [];
  const policy = options.ipFamilyPolicy;
  const rendered = renderDualStackService(plan, { name: 'checked', selector: { app: 'checked' }, ports: [{ name: 'http', port: 80 }], ...options });
  // On 1.16–1.19 the renderer writes the singular alpha field; ask validate.service about the family
  // as it would be under the 1.20 API, so a family the cluster lacks is still refused.
  const asked = hasPluralFamilyApi(plan)
    ? rendered
    : { ...rendered, spec: { ...(rendered.spec as Record<string, unknown>), ipFamily: undefined, ipFamilyPolicy: IpFamilyPolicy.SINGLE_STACK, ipFamilies: [options.ipFamily ?? plan.primaryFamily] } };
  const serviceFindings = validateService(asked, {
    kubernetesVersion: hasPluralFamilyApi(plan) ? plan.version.toString() : (FEATURE_GATES.IPv6DualStack.defaultOn as string),
    featureGates: plan.featureGates,
    serviceCidrs: plan.serviceCidrs.map((c) => c.toString()),
  });
  for (const x of serviceFindings) f.push(rebase(x, servicePath, options));
  if (!hasPluralFamilyApi(plan) && policy !== undefined && policy !== IpFamilyPolicy.SINGLE_STACK) {
    f.push(
      finding.warning(
        'service-family-policy-before-1-20',
        `${servicePath}.spec.ipFamilyPolicy`,
        `${quote(policy)} does not exist on Kubernetes ${plan.version}: before ${SERVICE_FAMILY_FIELDS_SINCE} a Service had one family (spec.ipFamily), so it is rendered with ${quote(options.ipFamily ?? plan.primaryFamily)} only`,
        `render one Service per family (ipFamily: "IPv4" and ipFamily: "IPv6"), or target Kubernetes ≥ ${SERVICE_FAMILY_FIELDS_SINCE}`,
        `KEP-563 (IPv4/IPv6 dual-stack), API redesign in ${SERVICE_FAMILY_FIELDS_SINCE}`,
      ),
    );
  }
  if (policy === IpFamilyPolicy.SINGLE_STACK && options.ipFamily === undefined && plan.isDualStack) {
    f.push(
      finding.info(
        'service-single-stack-on-dual-stack',
        `${servicePath}.spec.ipFamilyPolicy`,
        `"SingleStack" on a dual-stack plan serves ${quote(plan.primaryFamily)} only (the primary family)`,
        'leave ipFamilyPolicy unset (PreferDualStack) to serve both families',
      ),
    );
  }
  return f;
}

/** A validate.service finding, re-pathed under the construct's Service, with our options' fix where we know it better. */
function rebase(x: Finding, prefix: string, options: ServiceFamilyOptions): Finding {
  const path = `${prefix}.${x.path}`;
  const message = x.message.startsWith(`${x.path}: `) ? `${path}: ${x.message.slice(x.path.length + 2)}` : x.message;
  let fix = x.fix;
  if (x.severity === 'error' && options.ipFamilyPolicy === IpFamilyPolicy.REQUIRE_DUAL_STACK && x.path.startsWith('spec.ipFamilyPolicy')) {
    fix = `leave ipFamilyPolicy unset or use "PreferDualStack" (two families where available, one otherwise) or "SingleStack"; or make the plan dual-stack (a second CIDR in podCidrs and serviceCidrs)${x.fix ? `; ${x.fix}` : ''}`;
  }
  const out: Finding = { ...x, path, message };
  return fix === undefined ? out : { ...out, fix };
}

/** The options of the ingress controllers the rules read. */
export interface IngressNginxRuleOptions {
  /** @default false */
  readonly admissionWebhook?: boolean;
  /**
   * The controller image the user chose.
   * @default INGRESS_NGINX_IMAGE
   */
  readonly image?: string;
}

/**
 * ingress-nginx: the retirement warning (always), and the Kubernetes floor of the pinned controller.
 * Source: kubernetes.io/blog/2025/11/11/ingress-nginx-retirement (best-effort maintenance until March
 * 2026; repository archived 2026-03-24; v1.15.1 the last release).
 */
export function ingressNginxFindings(plan: ClusterNetwork, options: IngressNginxRuleOptions = {}, path = 'ingressNginx'): Finding[] {
  const f: Finding[] = [];
  if (options.image !== undefined) {
    const w = unpinnedVersionFinding('ingress-nginx controller', imageTag(options.image) ?? options.image, [INGRESS_NGINX_VERSION], `${path}.image`, 'lib/ingress/versions.ts');
    if (w) f.push(w);
  }
  f.push(
    finding.warning(
      'ingress-nginx-retired',
      path,
      `ingress-nginx was retired in ${INGRESS_NGINX_RETIRED} (last controller ${INGRESS_NGINX_VERSION}): no further releases, bug fixes or security patches; it is rendered because running clusters use it`,
      'migrate to a maintained implementation: Gateway API (Envoy Gateway — DualStackGateway here —, NGINX Gateway Fabric) or another Ingress controller such as Kong (KongIngress here)',
      'kubernetes/ingress-nginx README; kubernetes.io/blog/2025/11/11/ingress-nginx-retirement',
    ),
  );
  f.push(...controllerFloor(plan, `${path}`, `ingress-nginx ${INGRESS_NGINX_VERSION}`, `the field report ran controller v0.41.2 on ${FIELD_REPORT_VERSION}`));
  return f;
}

/** What the Kong rules read. */
export interface KongRuleOptions {
  /** The Kong Ingress Controller version (`3.5.13`, `v2.10.5`). */
  readonly controllerVersion: string;
  /**
   * The Kong gateway version (image `kong`).
   * @default KONG_GATEWAY_VERSION
   */
  readonly gatewayVersion?: string;
}

/** What the Envoy Gateway rules read. */
export interface GatewayRuleOptions {
  /**
   * The Envoy Gateway release the cluster runs (installed beforehand, e.g. with its Helm chart).
   * @default ENVOY_GATEWAY_VERSION
   */
  readonly envoyGatewayVersion?: string;
}

/** Envoy Gateway: `EnvoyProxy.spec.ipFamily` needs v1.2+; a release the pin table does not know is a warning. */
export function gatewayFindings(_plan: ClusterNetwork, options: GatewayRuleOptions = {}, path = 'gateway'): Finding[] {
  const f: Finding[] = [];
  const v = options.envoyGatewayVersion;
  if (v === undefined) return f;
  if (semverOf(v) && semverBefore(v, ENVOY_GATEWAY_MIN_VERSION)) {
    f.push(finding.error('envoy-gateway-too-old', `${path}.envoyGatewayVersion`, `${quote(v)} has no EnvoyProxy.spec.ipFamily (added in ${ENVOY_GATEWAY_MIN_VERSION}, envoyproxy/gateway#4375), so the proxy Service stays single-stack`, `install Envoy Gateway ${ENVOY_GATEWAY_VERSION}`, 'envoyproxy/gateway#4375'));
    return f;
  }
  const w = unpinnedVersionFinding('Envoy Gateway', v, [ENVOY_GATEWAY_VERSION], `${path}.envoyGatewayVersion`, 'lib/ingress/versions.ts');
  if (w) f.push(w);
  return f;
}

/**
 * Kong: KIC before 2.11.0 wrote IPv6 upstream targets without brackets (`fc00::…:78ea:80`, read by
 * Kong as one address — field report §7.2, Kong/kubernetes-ingress-controller#972/#4369), fixed by
 * #4391 in 2.11.0 (`internal/dataplane/parser` target construction). Refused on any plan with IPv6.
 */
export function kongFindings(plan: ClusterNetwork, options: KongRuleOptions, path = 'kong'): Finding[] {
  const f: Finding[] = [];
  const v = options.controllerVersion;
  if (!semverOf(v)) {
    f.push(finding.error('kong-controller-version', `${path}.controllerVersion`, `${quote(v)} is not a version such as "3.5.13"`, 'write a release tag of kong/kubernetes-ingress-controller'));
  } else if (plan.hasFamily(IpFamily.IPV6) && semverBefore(v, KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION)) {
    f.push(
      finding.error(
        'kong-controller-ipv6-targets',
        `${path}.controllerVersion`,
        `${quote(v)} writes IPv6 upstream targets without brackets ("fc00::1:80" instead of "[fc00::1]:80"), so Kong reads the port as part of the address and every IPv6 backend fails with 502 (field report §7.2); bracketed from ${KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION} (#4391)`,
        `use Kong Ingress Controller ≥ ${KONG_INGRESS_CONTROLLER_MIN_IPV6_VERSION} (the default is the current 3.x), or drop IPv6 from the plan`,
        'Kong/kubernetes-ingress-controller#4391 (CHANGELOG 2.11.0)',
      ),
    );
  }
  const wc = unpinnedVersionFinding('Kong Ingress Controller', v, [KONG_INGRESS_CONTROLLER_VERSION], `${path}.controllerVersion`, 'lib/ingress/versions.ts');
  if (wc) f.push(wc);
  const gw = options.gatewayVersion ?? KONG_GATEWAY_VERSION;
  const wg = unpinnedVersionFinding('Kong gateway', gw, [KONG_GATEWAY_VERSION], `${path}.gatewayVersion`, 'lib/ingress/versions.ts');
  if (wg) f.push(wg);
  const sv = semverOf(v);
  if (sv && sv[0] === 3 && sv[1] === 5) f.push(kongLifecycleFinding(path, v, gw));
  f.push(...controllerFloor(plan, path, `Kong Ingress Controller ${v}`, `KIC 1.x (all-in-one-dbless.yaml of 2020) was what the field report ran on ${FIELD_REPORT_VERSION}`));
  return f;
}

function controllerFloor(plan: ClusterNetwork, path: string, what: string, hint: string): Finding[] {
  if (plan.version.atLeast(CONTROLLERS_MIN_KUBERNETES)) return [];
  return [
    finding.error(
      'ingress-controller-kubernetes-too-old',
      path,
      `${what} reads networking.k8s.io/v1 Ingress and discovery.k8s.io/v1 EndpointSlices, which Kubernetes ${plan.version} does not serve (EndpointSlice v1 arrived in ${CONTROLLERS_MIN_KUBERNETES})`,
      `target Kubernetes ≥ ${CONTROLLERS_MIN_KUBERNETES}, or install a controller release of that era yourself (${hint}) and use DualStackService / DualStackIngress for the objects`,
    ),
  ];
}

/** One exposed component's nodePorts, for the clash rule. */
export interface NodePortClaim {
  /** Where the ports are configured (`ingressNginx.nodePorts`). */
  readonly path: string;
  readonly ports: Readonly<Record<string, number>>;
}

/** The apiserver's default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];

/**
 * nodePorts are cluster-wide: two Services cannot hold the same one (the apiserver refuses the second
 * with "provided port is already allocated", pkg/registry/core/service/portallocator). ingress-nginx
 * and Kong both used 30080/30443 in the field report, one after the other; in one plan they clash.
 */
export function nodePortFindings(claims: readonly NodePortClaim[]): Finding[] {
  const f: Finding[] = [];
  const seen = new Map<number, string>();
  for (const c of claims) {
    for (const [name, port] of Object.entries(c.ports)) {
      const p = `${c.path}.${name}`;
      if (!Number.isInteger(port) || port < DEFAULT_NODE_PORT_RANGE[0] || port > DEFAULT_NODE_PORT_RANGE[1]) {
        f.push(
          finding.error(
            'node-port-range',
            p,
            `${quote(port)} is outside the default --service-node-port-range ${DEFAULT_NODE_PORT_RANGE[0]}-${DEFAULT_NODE_PORT_RANGE[1]}`,
            `pick a port from ${DEFAULT_NODE_PORT_RANGE[0]} to ${DEFAULT_NODE_PORT_RANGE[1]}`,
            'pkg/registry/core/service/portallocator',
          ),
        );
        continue;
      }
      const other = seen.get(port);
      if (other !== undefined) {
        f.push(
          finding.error(
            'node-port-clash',
            p,
            `${quote(port)} is already taken by ${other}: nodePorts are cluster-wide, the apiserver refuses the second Service ("provided port is already allocated")`,
            `give one of them other nodePorts (e.g. ${port + 100}), or expose one through a LoadBalancer`,
            'pkg/registry/core/service/portallocator',
          ),
        );
      } else {
        seen.set(port, p);
      }
    }
  }
  return f;
}
