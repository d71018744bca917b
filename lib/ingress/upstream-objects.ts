/**
 * Helpers for renderers that start from upstream objects derived into lib/upstream (plain JSON):
 * deep copies, moving an install to another namespace, and the dual-stack form of an upstream Service.
 */
import type { ClusterNetwork } from '../plan/network';
import type { KubeObject } from '../k8s/objects';
import { MANAGED_BY } from './common';
import { renderDualStackService, ServiceFamilyOptions, ServicePortSpec } from './service-families';

export type Mutable = Record<string, any>;

/** A deep copy of the upstream object `kind`/`name` (renderers edit their copy, never the data). */
export function upstreamObject(objects: readonly unknown[], kind: string, name: string, origin: string): Mutable {
  const o = (objects as Mutable[]).find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`${origin} has no ${kind} "${name}": re-derive it (npm run derive:upstream)`);
  return JSON.parse(JSON.stringify(o));
}

/** Upstream labels plus ours (managed-by). */
export function withManagedBy(o: Mutable): Mutable {
  o.metadata.labels = { ...(o.metadata.labels ?? {}), ...MANAGED_BY };
  return o;
}

/** Moves an object from upstream's namespace to `ns`: its own namespace and the ServiceAccount subjects. */
export function inNamespace(o: Mutable, from: string, ns: string): Mutable {
  if (ns === from) return o;
  if (o.metadata.namespace === from) o.metadata.namespace = ns;
  for (const s of o.subjects ?? []) if (s.namespace === from) s.namespace = ns;
  return o;
}

export interface UpstreamServiceOptions extends ServiceFamilyOptions {
  /** @default - upstream's type */
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** nodePort per port name (NodePort Services only). @default - allocated by the apiserver */
  readonly nodePorts?: Readonly<Record<string, number>>;
  readonly namespace: string;
}

/**
 * Upstream's Service with the plan's families (ipFamilyPolicy / ipFamilies) and, for NodePort, fixed
 * nodePorts; selector, ports, annotations and externalTrafficPolicy as upstream has them.
 */
export function dualStackFromUpstream(plan: ClusterNetwork, up: Mutable, options: UpstreamServiceOptions): KubeObject {
  const type = options.type ?? up.spec.type ?? 'ClusterIP';
  const svc = renderDualStackService(plan, {
    name: up.metadata.name,
    namespace: options.namespace,
    type,
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    labels: up.metadata.labels,
    annotations: up.metadata.annotations,
    selector: up.spec.selector,
    externalTrafficPolicy: up.spec.externalTrafficPolicy,
    ports: (up.spec.ports as Mutable[]).map((p) => ({ ...p, nodePort: type === 'NodePort' ? options.nodePorts?.[p.name] : undefined }) as ServicePortSpec),
  }) as Mutable;
  // renderDualStackService writes protocol TCP on every port; keep upstream's text where it left it out.
  (svc.spec.ports as Mutable[]).forEach((p, i) => {
    if (up.spec.ports[i].protocol === undefined) delete p.protocol;
  });
  return svc as KubeObject;
}
