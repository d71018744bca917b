import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { DEFAULT_NODE_PORTS, ServiceExposure } from './common';
import { apiObject, claimNodePorts } from './construct-util';
import { IngressNginxOptions, renderIngressNginx } from './render-ingress-nginx';
import { ingressNginxInstallFindings } from './install-findings';

export { ingressNginxInstallFindings } from './install-findings';

export interface IngressNginxProps extends IngressNginxOptions {
  readonly network: ClusterNetwork;
}


/**
 * ingress-nginx (controller v1.15.1, the last release) with a dual-stack controller Service.
 * Retired upstream in March 2026: it synthesizes with a warning naming the successors; prefer
 * `DualStackGateway` (Gateway API on Envoy Gateway) or `KongIngress` for new clusters.
 * The admission webhook is off by default (see `IngressNginxOptions.admissionWebhook`).
 */
export class IngressNginx extends Construct {
  /** The controller Deployment (named 'Resource'). */
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly ingressClass: ApiObject;
  public readonly configMap: ApiObject;
  public readonly namespace: ApiObject;
  /** The IngressClass name Ingresses use. */
  public readonly ingressClassName: string;
  public readonly findings: readonly Finding[];

  constructor(scope: Construct, id: string, props: IngressNginxProps) {
    super(scope, id);
    const { network, ...options } = props;
    const o = renderIngressNginx(network, options);
    this.findings = ingressNginxInstallFindings(network, options, this.node.path);
    this.namespace = apiObject(this, 'Namespace', o.namespace);
    apiObject(this, 'ServiceAccount', o.serviceAccount);
    apiObject(this, 'ClusterRole', o.clusterRole);
    apiObject(this, 'ClusterRoleBinding', o.clusterRoleBinding);
    apiObject(this, 'Role', o.role);
    apiObject(this, 'RoleBinding', o.roleBinding);
    this.configMap = apiObject(this, 'ConfigMap', o.configMap);
    this.service = apiObject(this, 'Service', o.service);
    this.deployment = apiObject(this, 'Resource', o.deployment);
    this.ingressClass = apiObject(this, 'IngressClass', o.ingressClass);
    o.admission.forEach((obj) => apiObject(this, `Admission${obj.kind}${obj.metadata.name}`, obj));
    this.ingressClassName = (o.ingressClass.metadata.name as string);
    if ((options.exposure ?? ServiceExposure.NODE_PORT) === ServiceExposure.NODE_PORT) {
      claimNodePorts(this, { path: `${this.node.path}.nodePorts`, ports: { ...(options.nodePorts ?? DEFAULT_NODE_PORTS) } });
    }
    attachFindings(this, () => this.findings);
  }
}
