import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { SERVICE_FAMILY_FIELDS_SINCE } from '../plan/version';
import { IpFamilyPolicy } from '../plan/rules/service';
import { KubeObject } from '../k8s/objects';
import { compact, MANAGED_BY } from './common';

/** What a caller may ask of a Service's families. */
export interface ServiceFamilyOptions {
  /**
   * The family policy.
   * @default - `PreferDualStack` on a dual-stack plan (it degrades to one family instead of failing
   * when a cluster turns out single-stack), `SingleStack` on a single-stack plan
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /**
   * The family of a single-stack Service, and of every Service on a 1.16–1.19 target (the alpha API
   * had one family per Service: `spec.ipFamily`).
   * @default - the plan's primary family
   */
  readonly ipFamily?: IpFamily;
}

/** The family fields to merge into a Service's `spec`: the 1.20+ pair, or the 1.16–1.19 singular field. */
export interface ServiceFamilyFields {
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  readonly ipFamilies?: IpFamily[];
  /** 1.16–1.19 only (alpha IPv6DualStack); removed from the API in 1.20. */
  readonly ipFamily?: IpFamily;
}

/** Whether the target has the 1.20 Service API (`ipFamilies` / `ipFamilyPolicy` / `clusterIPs`). */
export function hasPluralFamilyApi(plan: ClusterNetwork): boolean {
  return plan.version.atLeast(SERVICE_FAMILY_FIELDS_SINCE);
}

/**
 * The Service family fields for a plan, in the plan's primary-family order:
 * - 1.20+: `ipFamilyPolicy` (PreferDualStack by default on a dual-stack plan, SingleStack on a
 *   single-stack plan) and `ipFamilies` (both families primary first, or the one family);
 * - 1.16–1.19: `spec.ipFamily` = the asked family, else the primary family, and only on a dual-stack
 *   plan (a single-stack cluster has one family, the field adds nothing).
 * Pure: what is asked but impossible (RequireDualStack on a single-stack plan, a family the plan
 * lacks) is reported by `serviceFamilyFindings` in lib/plan/rules/ingress.ts, not fixed here.
 */
export function serviceFamilyFields(plan: ClusterNetwork, options: ServiceFamilyOptions = {}): ServiceFamilyFields {
  const families = [...plan.families];
  if (!hasPluralFamilyApi(plan)) {
    if (!plan.isDualStack && options.ipFamily === undefined) return {};
    return { ipFamily: options.ipFamily ?? plan.primaryFamily };
  }
  const policy = options.ipFamilyPolicy ?? (plan.isDualStack ? IpFamilyPolicy.PREFER_DUAL_STACK : IpFamilyPolicy.SINGLE_STACK);
  if (policy === IpFamilyPolicy.SINGLE_STACK) {
    const f = options.ipFamily ?? plan.primaryFamily;
    return f ? { ipFamilyPolicy: policy, ipFamilies: [f] } : { ipFamilyPolicy: policy };
  }
  // Dual policies list the plan's families primary first: the first entry picks `spec.clusterIP`
  // (and the family of a single-stack fallback), so it follows the cluster's primary family.
  return { ipFamilyPolicy: policy, ipFamilies: families };
}

/** One port of a Service. */
export interface ServicePortSpec {
  readonly name: string;
  readonly port: number;
  /** @default - the same as `port` */
  readonly targetPort?: number | string;
  /** Only for NodePort / LoadBalancer Services. @default - allocated by the apiserver */
  readonly nodePort?: number;
  /** @default "TCP" */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** @default - none */
  readonly appProtocol?: string;
}

/** What `renderDualStackService` needs. */
export interface DualStackServiceSpec extends ServiceFamilyOptions {
  readonly name: string;
  /** @default - no namespace (the chart's) */
  readonly namespace?: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePortSpec[];
  /** @default "ClusterIP" */
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default - the apiserver default (Cluster) */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
}

/** A Service with the plan's families (the object cdk8s-plus-27's Service cannot express). */
export function renderDualStackService(plan: ClusterNetwork, spec: DualStackServiceSpec): KubeObject {
  const type = spec.type ?? 'ClusterIP';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: compact({
      name: spec.name,
      namespace: spec.namespace,
      labels: { ...(spec.labels ?? {}), ...MANAGED_BY },
      annotations: spec.annotations && Object.keys(spec.annotations).length > 0 ? { ...spec.annotations } : undefined,
    }),
    spec: compact({
      type,
      ...serviceFamilyFields(plan, spec),
      externalTrafficPolicy: type === 'ClusterIP' ? undefined : spec.externalTrafficPolicy,
      selector: { ...spec.selector },
      ports: spec.ports.map((p) =>
        compact({
          name: p.name,
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          targetPort: p.targetPort ?? p.port,
          nodePort: type === 'ClusterIP' ? undefined : p.nodePort,
          appProtocol: p.appProtocol,
        }),
      ),
    }),
  };
}
