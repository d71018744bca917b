import type { ClusterNetwork } from '../plan/network';
import { KubeObject } from '../k8s/objects';
import { compact, MANAGED_BY } from './common';
import { INGRESS_CLASS_SINCE, INGRESS_V1_SINCE } from '../plan/timeline';

/** One host rule of an Ingress with a single backend Service. */
export interface DualStackIngressSpec {
  readonly name: string;
  /** @default - no namespace (the chart's) */
  readonly namespace?: string;
  /** The virtual host (`common-nginx.test.com`). */
  readonly host: string;
  /** @default "/" */
  readonly path?: string;
  readonly serviceName: string;
  readonly servicePort: number;
  /**
   * The IngressClass (`nginx`, `kong`). On 1.18+ it is `spec.ingressClassName`; before, the
   * `kubernetes.io/ingress.class` annotation (the only selector those controllers read).
   * @default - none: the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The Ingress API version of a target: `networking.k8s.io/v1` from 1.19 (GA), `networking.k8s.io/v1beta1`
 * before (served 1.14–1.21). Upstream: kubernetes/kubernetes pkg/apis/networking, KEP-1453.
 */
export function ingressApiVersion(plan: ClusterNetwork): string {
  return plan.version.atLeast(INGRESS_V1_SINCE) ? 'networking.k8s.io/v1' : 'networking.k8s.io/v1beta1';
}

/**
 * The IngressClass API version: `networking.k8s.io/v1` from 1.19, `v1beta1` in 1.18 (where the kind
 * appeared), none before.
 */
export function ingressClassApiVersion(plan: ClusterNetwork): string | undefined {
  if (plan.version.atLeast(INGRESS_V1_SINCE)) return 'networking.k8s.io/v1';
  if (plan.version.atLeast(INGRESS_CLASS_SINCE)) return 'networking.k8s.io/v1beta1';
  return undefined;
}

/**
 * An Ingress for one host and one backend. v1 writes `backend.service.{name, port.number}` and
 * `pathType: Prefix`; v1beta1 writes `serviceName` / `servicePort` as field report §7.1 did
 * (`pathType` and `ingressClassName` only exist from 1.18).
 */
export function renderDualStackIngress(plan: ClusterNetwork, spec: DualStackIngressSpec): KubeObject {
  const apiVersion = ingressApiVersion(plan);
  const v1 = apiVersion === 'networking.k8s.io/v1';
  const has118 = plan.version.atLeast(INGRESS_CLASS_SINCE);
  const classAnnotation = spec.ingressClassName !== undefined && !has118 ? { 'kubernetes.io/ingress.class': spec.ingressClassName } : undefined;
  const backend = v1 ? { service: { name: spec.serviceName, port: { number: spec.servicePort } } } : { serviceName: spec.serviceName, servicePort: spec.servicePort };
  return {
    apiVersion,
    kind: 'Ingress',
    metadata: compact({ name: spec.name, namespace: spec.namespace, labels: { ...(spec.labels ?? {}), ...MANAGED_BY }, annotations: classAnnotation }),
    spec: compact({
      ingressClassName: has118 ? spec.ingressClassName : undefined,
      rules: [
        {
          host: spec.host,
          http: { paths: [compact({ path: spec.path ?? '/', pathType: has118 ? 'Prefix' : undefined, backend })] },
        },
      ],
    }),
  };
}
