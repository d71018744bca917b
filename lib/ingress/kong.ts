import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { DEFAULT_NODE_PORTS, ServiceExposure } from './common';
import { apiObject, claimNodePorts } from './construct-util';
import { kongListeners, KongIngressOptions, KongListeners, renderKongIngress } from './render-kong';
import { kongInstallFindings } from './install-findings';

export { kongInstallFindings } from './install-findings';

export interface KongIngressProps extends KongIngressOptions {
  readonly network: ClusterNetwork;
}


/**
 * Kong in DB-less mode with the Kong Ingress Controller as a sidecar, built from KIC v3.5.13's kustomize
 * base: proxy listeners on every family of the plan (`KONG_PROXY_LISTEN` = `0.0.0.0:8000 …, [::]:8000 …,
 * 0.0.0.0:8443 http2 ssl …, [::]:8443 http2 ssl …` on a dual-stack plan), the admin API on the pod
 * loopback only, the Kong Manager GUI listener off, a controller that brackets IPv6 targets (≥ 2.11.0;
 * older is refused on IPv6 plans), its CRDs and RBAC as upstream (the service-account token mounted into
 * the controller container only) and a dual-stack NodePort Service.
 */
export class KongIngress extends Construct {
  /** The Kong Deployment, proxy + controller (named 'Resource'). */
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly ingressClass: ApiObject;
  public readonly crds: readonly ApiObject[];
  public readonly ingressClassName: string;
  /** The listener strings rendered into the proxy's environment. */
  public readonly listeners: KongListeners;
  public readonly findings: readonly Finding[];

  constructor(scope: Construct, id: string, props: KongIngressProps) {
    super(scope, id);
    const { network, ...options } = props;
    const o = renderKongIngress(network, options);
    this.listeners = kongListeners(network);
    this.findings = kongInstallFindings(network, options, this.node.path);
    apiObject(this, 'Namespace', o.namespace);
    this.crds = o.crds.map((c) => apiObject(this, `Crd${c.spec && (c.spec as { names: { kind: string } }).names.kind}`, c));
    apiObject(this, 'ServiceAccount', o.serviceAccount);
    apiObject(this, 'Role', o.role);
    apiObject(this, 'RoleBinding', o.roleBinding);
    o.clusterRoles.forEach((r, i) => apiObject(this, i === 0 ? 'ClusterRole' : `ClusterRole${r.metadata.name}`, r));
    o.clusterRoleBindings.forEach((b, i) => apiObject(this, i === 0 ? 'ClusterRoleBinding' : `ClusterRoleBinding${b.metadata.name}`, b));
    this.service = apiObject(this, 'Service', o.service);
    this.deployment = apiObject(this, 'Resource', o.deployment);
    this.ingressClass = apiObject(this, 'IngressClass', o.ingressClass);
    this.ingressClassName = o.ingressClass.metadata.name;
    if ((options.exposure ?? ServiceExposure.NODE_PORT) === ServiceExposure.NODE_PORT) {
      claimNodePorts(this, { path: `${this.node.path}.nodePorts`, ports: { ...(options.nodePorts ?? DEFAULT_NODE_PORTS) } });
    }
    attachFindings(this, () => this.findings);
  }
}
