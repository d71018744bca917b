import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { serviceFamilyFindings } from './rules';
import { apiObject } from './construct-util';
import { COMMON_NGINX_DEFAULTS, CommonNginxOptions, renderCommonNginx } from './render-demo-app';

export interface CommonNginxProps extends CommonNginxOptions {
  readonly network: ClusterNetwork;
}

/**
 * The field report's `common-nginx` test application, dual-stack: an unprivileged nginx listening on
 * every family of the plan, a Service with the plan's families (port 80), and an Ingress for
 * `common-nginx.test.com` (v1 or v1beta1 by target) and/or an HTTPRoute. The stacks deploy it and
 * the verification Job requests it through each family.
 */
export class CommonNginx extends Construct {
  /** The Deployment (named 'Resource'). */
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly ingress?: ApiObject;
  public readonly httpRoute?: ApiObject;
  public readonly name: string;
  public readonly namespace: string;
  public readonly host: string;
  public readonly findings: readonly Finding[];

  constructor(scope: Construct, id: string, props: CommonNginxProps) {
    super(scope, id);
    const { network, ...options } = props;
    const o = renderCommonNginx(network, options);
    this.name = options.name ?? COMMON_NGINX_DEFAULTS.name;
    this.namespace = options.namespace ?? COMMON_NGINX_DEFAULTS.namespace;
    this.host = options.host ?? COMMON_NGINX_DEFAULTS.host;
    this.findings = serviceFamilyFindings(network, options, `${this.node.path}.service`);
    apiObject(this, 'ConfigMap', o.configMap);
    this.deployment = apiObject(this, 'Resource', o.deployment);
    this.service = apiObject(this, 'Service', o.service);
    if (o.ingress) this.ingress = apiObject(this, 'Ingress', o.ingress);
    if (o.httpRoute) this.httpRoute = apiObject(this, 'HTTPRoute', o.httpRoute);
    attachFindings(this, () => this.findings);
  }
}
