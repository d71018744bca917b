import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { serviceFamilyFindings } from '../plan/rules/ingress';
import { apiObject } from './construct-util';
import { DualStackIngressSpec, renderDualStackIngress } from './render-ingress';
import { DualStackServiceSpec, renderDualStackService } from './service-families';

export interface DualStackServiceProps extends DualStackServiceSpec {
  /** The cluster network plan: families, their order and the target version. */
  readonly network: ClusterNetwork;
}

/**
 * A Service with the plan's families — what cdk8s-plus-27's `Service` cannot express (no
 * `ipFamilies` / `ipFamilyPolicy`): PreferDualStack with both families primary first on a
 * dual-stack plan, SingleStack on a single-stack one, the singular `spec.ipFamily` on 1.16–1.19.
 * A RequireDualStack asked of a single-stack plan fails `cdk8s synth` with the fix.
 */
export class DualStackService extends Construct {
  /** The Service object (`ApiObject.of(svc)` also finds it, as 'Resource'). */
  public readonly resource: ApiObject;
  public readonly name: string;
  /** The findings about this Service (computed once, surfaced at synth). */
  public readonly findings: readonly Finding[];

  constructor(scope: Construct, id: string, props: DualStackServiceProps) {
    super(scope, id);
    const { network, ...spec } = props;
    this.name = spec.name;
    this.findings = serviceFamilyFindings(network, spec, `${this.node.path}.spec`);
    this.resource = apiObject(this, 'Resource', renderDualStackService(network, spec));
    attachFindings(this, () => this.findings);
  }
}

export interface DualStackIngressProps extends DualStackIngressSpec {
  readonly network: ClusterNetwork;
}

/**
 * An Ingress in the API version of the target: `networking.k8s.io/v1` from 1.19, `v1beta1`
 * (`serviceName` / `servicePort`, as field report §7.1 wrote it) before. Which families it is
 * reachable on is decided by the controller's Service and its listeners, not by the Ingress.
 */
export class DualStackIngress extends Construct {
  public readonly resource: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DualStackIngressProps) {
    super(scope, id);
    const { network, ...spec } = props;
    this.name = spec.name;
    this.resource = apiObject(this, 'Resource', renderDualStackIngress(network, spec));
  }
}
