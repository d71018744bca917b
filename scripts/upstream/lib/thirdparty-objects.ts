/**
 * Compares two object sets (rendered vs artifact) object by object, with a comparison chosen by kind:
 * RBAC as triples, workloads container by container, CRDs version by version (whole schema), the rest
 * field by field. Labels are ours to choose and are not compared; annotations are.
 */
import { compareRules } from './thirdparty-rbac';
import { compareKeys, compareNamed, compareWorkload, deepEqual } from './thirdparty-compare';
import type { Difference } from './thirdparty-types';
import { Obj, objectKey } from './thirdparty-yaml';

const anno = (o: Obj) => o.metadata?.annotations;

export function compareObject(up: Obj, ours: Obj): Difference[] {
  const key = objectKey(up);
  const out: Difference[] = [];
  if (up.apiVersion !== ours.apiVersion) out.push({ object: key, field: 'apiVersion', upstream: up.apiVersion, ours: ours.apiVersion });
  switch (up.kind) {
    case 'ClusterRole':
    case 'Role':
      out.push(...compareRules(key, up.rules ?? [], ours.rules ?? []));
      break;
    case 'ClusterRoleBinding':
    case 'RoleBinding':
      out.push(...compareKeys(key, '', { roleRef: up.roleRef, subjects: up.subjects }, { roleRef: ours.roleRef, subjects: ours.subjects }));
      break;
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      out.push(...compareWorkload(key, up, ours));
      break;
    case 'Service':
      out.push(...compareKeys(key, 'spec', up.spec, ours.spec, ['ports']));
      out.push(...compareNamed(key, 'spec.ports', up.spec?.ports, ours.spec?.ports));
      out.push(...compareKeys(key, 'metadata.annotations', anno(up), anno(ours)));
      break;
    case 'ConfigMap':
      out.push(...compareKeys(key, 'data', up.data ?? {}, ours.data ?? {}));
      break;
    case 'Namespace':
      // Pod-security admission labels decide what may run there: those are compared; other labels are ours.
      out.push(...compareKeys(key, 'metadata.labels', psa(up), psa(ours)));
      break;
    case 'CustomResourceDefinition':
      out.push(...compareKeys(key, 'spec', up.spec, ours.spec, ['versions']));
      out.push(...compareNamed(key, 'spec.versions', up.spec?.versions, ours.spec?.versions));
      out.push(...compareKeys(key, 'metadata.annotations', anno(up), anno(ours)));
      break;
    case 'ValidatingWebhookConfiguration':
    case 'MutatingWebhookConfiguration':
      out.push(...compareNamed(key, 'webhooks', up.webhooks, ours.webhooks));
      break;
    default: {
      const strip = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'metadata' && k !== 'apiVersion' && k !== 'kind'));
      out.push(...compareKeys(key, '', strip(up), strip(ours)));
      out.push(...compareKeys(key, 'metadata.annotations', anno(up), anno(ours)));
    }
  }
  return out;
}

function psa(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o.metadata?.labels ?? {}).filter(([k]) => k.startsWith('pod-security.kubernetes.io/')));
}

/** Every object of both sets: pairs compared, an object on one side only is a difference. Returns the keys compared. */
export function compareObjectSets(upstream: readonly Obj[], ours: readonly Obj[]): { diffs: Difference[]; compared: string[] } {
  const diffs: Difference[] = [];
  const ourByKey = new Map(ours.map((o) => [objectKey(o), o]));
  const upKeys = new Set(upstream.map(objectKey));
  for (const u of upstream) {
    const o = ourByKey.get(objectKey(u));
    if (!o) diffs.push({ object: objectKey(u), field: '(object)', upstream: 'present', ours: 'not rendered' });
    else diffs.push(...compareObject(u, o));
  }
  for (const o of ours) if (!upKeys.has(objectKey(o))) diffs.push({ object: objectKey(o), field: '(object)', upstream: 'not in the artifact', ours: 'rendered' });
  return { diffs, compared: [...new Set([...upKeys, ...ourByKey.keys()])].sort() };
}

export { deepEqual };
