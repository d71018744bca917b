import { readFileSync } from 'fs';
import { join } from 'path';
import { CR_SCHEMAS_DIR } from '../fixtures/schemas';
import Ajv from 'ajv';
import { ValidatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { Ingress as IngressV1beta1 } from 'kubernetes-models/networking.k8s.io/v1beta1/Ingress';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ClusterNetwork, ClusterNetworkSpec } from '../../lib/plan';
import { FIELD_REPORT_SPEC } from '../fixtures/field-report';

/** The field report's cluster (pods 172.16.0.0/16,fc00::/48; services 10.96.0.0/12,fd00::/108; node53). */
export { FIELD_REPORT_SPEC };

export const plan = (over: Partial<ClusterNetworkSpec> = {}): ClusterNetwork => ClusterNetwork.plan({ ...FIELD_REPORT_SPEC, ...over });
export const IPV4_ONLY: Partial<ClusterNetworkSpec> = { podCidrs: ['172.16.0.0/16'], serviceCidrs: ['10.96.0.0/12'], nodes: [{ name: 'node53', ipv4: '192.168.101.53/24' }] };
export const IPV6_ONLY: Partial<ClusterNetworkSpec> = { podCidrs: ['fc00::/48'], serviceCidrs: ['fd00::/108'], nodes: [{ name: 'node53', ipv6: '2003:ac18::30a:2/64' }] };
export const IPV6_PRIMARY: Partial<ClusterNetworkSpec> = { podCidrs: ['fc00::/48', '172.16.0.0/16'], serviceCidrs: ['fd00::/108', '10.96.0.0/12'] };

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1beta1/Ingress': IngressV1beta1,
  'networking.k8s.io/v1/IngressClass': IngressClass,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': CustomResourceDefinition,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': ValidatingWebhookConfiguration,
};

/** The strict catalog schemas, vendored in the repository (scripts/vendor-schemas); never ../shared. */
export const SHARED_SCHEMAS = CR_SCHEMAS_DIR;

const CR_SCHEMAS: Record<string, string> = {
  'gateway.envoyproxy.io/v1alpha1/EnvoyProxy': 'gateway.envoyproxy.io/envoyproxy_v1alpha1.json',
  'gateway.networking.k8s.io/v1/Gateway': 'gateway.networking.k8s.io/gateway_v1.json',
  'gateway.networking.k8s.io/v1/GatewayClass': 'gateway.networking.k8s.io/gatewayclass_v1.json',
  'gateway.networking.k8s.io/v1/HTTPRoute': 'gateway.networking.k8s.io/httproute_v1.json',
  'gateway.nginx.org/v1alpha2/NginxProxy': 'gateway.nginx.org/nginxproxy_v1alpha2.json',
  'configuration.konghq.com/v1/KongPlugin': 'configuration.konghq.com/kongplugin_v1.json',
  'configuration.konghq.com/v1/KongClusterPlugin': 'configuration.konghq.com/kongclusterplugin_v1.json',
  'configuration.konghq.com/v1/KongIngress': 'configuration.konghq.com/kongingress_v1.json',
  'configuration.konghq.com/v1alpha1/IngressClassParameters': 'configuration.konghq.com/ingressclassparameters_v1alpha1.json',
};

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const compiled = new Map<string, ReturnType<Ajv['compile']>>();

/** Validate a custom resource against the strict catalog schema (unknown fields rejected). */
export function validateCustomResource(o: any): void {
  const key = `${o.apiVersion}/${o.kind}`;
  const file = CR_SCHEMAS[key];
  if (!file) throw new Error(`no catalog schema for ${key}`);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(join(SHARED_SCHEMAS, file), 'utf8')));
    compiled.set(key, v);
  }
  if (!v(o)) throw new Error(`${key} ${o.metadata?.name} is invalid: ${JSON.stringify(v.errors, null, 1)}`);
}

/**
 * Validate every object: core kinds with kubernetes-models 4.5.1 (Kubernetes 1.33 schemas), custom
 * resources with ajv and the strict catalog schemas (test/fixtures/schemas). Throws on the first invalid object or unknown kind.
 */
export function validateAll(objects: readonly any[]): number {
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    const M = MODELS[key];
    if (M) {
      try {
        new M(JSON.parse(JSON.stringify(o)) as never).validate();
      } catch (e) {
        throw new Error(`${key} ${o.metadata?.name} is invalid: ${(e as Error).message}`);
      }
    } else if (CR_SCHEMAS[key]) {
      validateCustomResource(o);
    } else {
      throw new Error(`no validator for ${key}`);
    }
  }
  return objects.length;
}

/** Secure-default checks of the project on every pod template: pinned images, requests, restricted. */
export function checkRestricted(objects: readonly any[]): void {
  // A check over nothing proves nothing: there must be a workload to look at.
  expect(objects.some((o) => o.kind === 'Deployment' || o.kind === 'Job')).toBe(true);
  for (const o of objects) {
    const pod = o.kind === 'Deployment' || o.kind === 'Job' ? o.spec.template.spec : undefined;
    if (!pod) continue;
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    for (const c of pod.containers) {
      expect(c.image).toMatch(/^[^@]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?$/);
      expect(c.image).not.toMatch(/:latest\b/);
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.requests.memory).toBeDefined();
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
      for (const cap of c.securityContext.capabilities.add ?? []) expect(cap).toBe('NET_BIND_SERVICE');
    }
  }
  for (const o of objects) {
    if (o.kind === 'Job') expect(typeof o.spec.ttlSecondsAfterFinished).toBe('number');
    if (o.kind === 'Namespace') expect(o.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    if (o.kind === 'ClusterRole' || o.kind === 'Role') {
      for (const r of o.rules) for (const field of ['apiGroups', 'resources', 'verbs']) expect(r[field]).not.toContain('*');
    }
  }
}

