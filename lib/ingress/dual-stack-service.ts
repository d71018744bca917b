import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { attachFindings } from '../construct-findings';
import { Finding, finding } from '../plan/findings';
import { SERVICE_FAMILY_FIELDS_SINCE } from '../plan/timeline';
import type { ClusterNetwork } from '../plan/network';
import { serviceFamilyFindings } from './rules';
import { apiObject } from './construct-util';
import { DualStackIngressSpec, renderDualStackIngress } from './render-ingress';
import { DualStackServiceSpec, renderDualStackService, ServiceFamilyFields, ServiceFamilyOptions, serviceFamilyFields } from './service-families';

export interface DualStackServiceProps extends DualStackServiceSpec {
  /** The cluster network plan: families, their order and the target version. */
  readonly network: ClusterNetwork;
}

/**
 * A Service with the plan's families — what cdk8s-plus-27's `Service` cannot express (no
 * `ipFamilies` / `ipFamilyPolicy`): PreferDualStack with both families primary first on a
 * dual-stack plan, SingleStack on a single-stack one, the singular `spec.ipFamily` on 1.16–1.19.
 * A RequireDualStack asked of a single-stack plan fails `cdk8s synth` with the fix.
 *
 * For a Service built with cdk8s-plus-27 (`new kplus.Service(...)`, `deployment.exposeViaService()`)
 * use `DualStackService.of(service, network)`: it adds the same family fields to that Service.
 */
export class DualStackService extends Construct {
  /**
   * Give an existing Service the plan's families: a cdk8s-plus-27 `Service` (or the one
   * `Deployment.exposeViaService()` returns), a `KubeService`, or any construct whose
   * `ApiObject.of()` is a `v1` Service. The fields are the ones `DualStackService` renders
   * (`serviceFamilyFields`), added as JSON patches because cdk8s-plus-27's `ServiceProps` has no
   * `ipFamilies` / `ipFamilyPolicy` (cdk8s-plus-27 `service.ts`). Family findings (for example
   * RequireDualStack on a single-stack plan) fail `cdk8s synth` on that Service, as they do for
   * `DualStackService`.
   *
   * Works without importing cdk8s-plus-27, so the package does not load it; it is an optional peer
   * dependency (the range this is tested with).
   *
   * @throws when `service` is not a Service (a programming error, reported where it is made)
   * @returns the fields that were added
   */
  public static of(service: IConstruct, network: ClusterNetwork, options: ServiceFamilyOptions = {}): ServiceFamilyFields {
    const obj = ApiObject.of(service);
    if (obj.apiVersion !== 'v1' || obj.kind !== 'Service') {
      throw new Error(
        `DualStackService.of(${service.node.path}): expected a v1 Service, got ${JSON.stringify(`${obj.apiVersion}/${obj.kind}`)} — pass the Service (for example the result of deployment.exposeViaService()), not the workload`,
      );
    }
    const fields = serviceFamilyFields(network, options);
    for (const [key, value] of Object.entries(fields)) obj.addJsonPatch(JsonPatch.add(`/spec/${key}`, value));
    const path = service.node.path;
    attachFindings(service, () => [...serviceFamilyFindings(network, options, path), ...droppedFields(obj, fields, path)]);
    return fields;
  }

  /** The Service object (`ApiObject.of(svc)` also finds it, as 'Resource'). */
  public readonly resource: ApiObject;
  public readonly name: string;
  /** The findings about this Service (computed once, surfaced at synth). */
  public readonly findings: readonly Finding[];

  constructor(scope: Construct, id: string, props: DualStackServiceProps) {
    super(scope, id);
    const { network, ...spec } = props;
    this.name = spec.name;
    this.findings = serviceFamilyFindings(network, spec, this.node.path);
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

/**
 * A typed object drops the fields its schema does not know when it renders: cdk8s-plus-27's
 * `KubeService` is generated from the Kubernetes 1.27 schema, which no longer has the 1.16–1.19
 * `spec.ipFamily`. Checked at synth (validation runs before any file is written), so such a
 * Service fails instead of being emitted without its family.
 */
function droppedFields(obj: ApiObject, fields: ServiceFamilyFields, path: string): Finding[] {
  const spec = ((obj.toJson() as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
  return Object.entries(fields)
    .filter(([key, value]) => JSON.stringify(spec[key]) !== JSON.stringify(value))
    .map(([key, value]) =>
      finding.error(
        'service-family-field-dropped',
        `${path}.spec.${key}`,
        `${JSON.stringify(value)} was added but the rendered ${obj.kind} does not carry it (a typed object whose schema lacks the field, or a later patch overwrote it)`,
        key === 'ipFamily'
          ? `before ${SERVICE_FAMILY_FIELDS_SINCE} use DualStackService (a plain ApiObject) instead of a cdk8s-plus-27 Service, whose generated schema has no spec.ipFamily`
          : `do not set spec.${key} elsewhere on this Service`,
      ),
    );
}
