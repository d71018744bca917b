import { Address } from '../net/address';
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject, namespaceObject } from '../k8s/objects';
import { podSecurityLabels } from '../k8s/security';

/** How a controller's Service is exposed. */
export enum ServiceExposure {
  /** Fixed nodePorts on every node (the field report's bare-metal setup). */
  NODE_PORT = 'NodePort',
  /** A cloud or MetalLB load balancer; it must hand out addresses of both families for dual-stack. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** The HTTP / HTTPS nodePorts of a controller Service. */
export interface NodePorts {
  readonly http: number;
  readonly https: number;
}

/** The nodePorts of field report §7 (both ingress-nginx and Kong used them). */
export const DEFAULT_NODE_PORTS: NodePorts = { http: 30080, https: 30443 };

/** Label the package puts on every object it owns, so `kubectl get -l` finds them. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'k8s-dualstack' } as const;

/** A Namespace of the ingress area: every workload here fits Pod Security `restricted`. */
export function renderNamespace(name: string, labels: Record<string, string>): KubeObject {
  return namespaceObject(name, { ...labels, ...podSecurityLabels('restricted'), ...MANAGED_BY });
}

const WILDCARD: Record<IpFamily, Address> = { [IpFamily.IPV4]: Address.parse('0.0.0.0'), [IpFamily.IPV6]: Address.parse('::') };
const LOOPBACK: Record<IpFamily, Address> = { [IpFamily.IPV4]: Address.parse('127.0.0.1'), [IpFamily.IPV6]: Address.parse('::1') };

/** The unspecified address of a family (`0.0.0.0` / `::`). */
export function wildcardAddress(family: IpFamily): Address {
  return WILDCARD[family];
}

/** The loopback address of a family (`127.0.0.1` / `::1`). */
export function loopbackAddress(family: IpFamily): Address {
  return LOOPBACK[family];
}

/** One listener of a listen list: a port and the flags written after the address (`ssl http2`). */
export interface ListenSpec {
  readonly port: number;
  /**
   * Written after the address, e.g. `ssl http2`.
   * @default - none
   */
  readonly flags?: string;
}

/**
 * A listen list such as Kong's `KONG_PROXY_LISTEN`: for each port, one entry per family of the plan in
 * primary-first order, `0.0.0.0:8000` / `[::]:8000`. The host:port text comes from `formatHostPort`,
 * so an IPv6 address is always bracketed (the unbracketed form is exactly field report §7.2's bug).
 * `bind` chooses the wildcard (all interfaces) or loopback (pod-local only) address.
 */
export function listenList(plan: ClusterNetwork, specs: readonly ListenSpec[], bind: 'wildcard' | 'loopback' = 'wildcard'): string {
  const families = plan.families.length > 0 ? plan.families : [IpFamily.IPV4];
  const at = bind === 'wildcard' ? wildcardAddress : loopbackAddress;
  const out: string[] = [];
  for (const s of specs) {
    for (const f of families) out.push(s.flags ? `${formatHostPort(at(f), s.port)} ${s.flags}` : formatHostPort(at(f), s.port));
  }
  return out.join(', ');
}

/** A `resources.requests` block (every container of the package sets one). */
export function requests(cpu: string, memory: string): Record<string, unknown> {
  return { requests: { cpu, memory } };
}

/** Shallow copy of an object without the keys whose value is undefined (manifests never hold `null`s we did not mean). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
