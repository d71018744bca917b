/**
 * What the Pulumi adapter needs to know about synthesized manifests, as pure functions (no Pulumi,
 * no cdk8s import): which documents are API objects, their identity, their resource names, and
 * the order Kubernetes needs them in.
 */
import { createHash } from 'crypto';

/** A synthesized document: `apiVersion`, `kind` and whatever else it holds. */
export type ManifestObject = Readonly<Record<string, unknown>> & { readonly apiVersion?: unknown; readonly kind?: unknown };

/** Identity of a Kubernetes API object: what the API server keys it by (version excluded). */
export interface ObjectId {
  /** API group; `''` for the core group (`v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** `''` when the object is cluster-scoped or written without a namespace. */
  readonly namespace: string;
  readonly name: string;
}

/** One API object of the manifests, with its identity. */
export interface ApiObjectEntry {
  readonly id: ObjectId;
  /** `kind.group/namespace/name` (see `objectKey`): unique per object, independent of the version. */
  readonly key: string;
  readonly object: ManifestObject;
}

/** A document that is configuration for a program (kubeadm, kubelet, kube-proxy), not an API object. */
export interface ConfigDocument {
  readonly apiVersion: string;
  readonly kind: string;
  /** `group/kind`, with `#n` appended from the second document of the same group and kind on. */
  readonly key: string;
  readonly object: ManifestObject;
}

/**
 * API groups whose documents are read by a program from a file and never sent to the API server:
 * kubeadm (`kubeadm.k8s.io`) and the component configs (`kubelet.config.k8s.io`,
 * `kubeproxy.config.k8s.io`, `kubescheduler.config.k8s.io`, `apiserver.config.k8s.io`, …).
 * cdk8s may still give them a generated `metadata.name`, so the group decides, not the name alone.
 */
export function isConfigGroup(group: string): boolean {
  return group === 'kubeadm.k8s.io' || group.endsWith('.config.k8s.io');
}

/** `apps/v1` → `{ group: 'apps', version: 'v1' }`; `v1` → core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/**
 * The stable identity key of an object: `Kind.group/namespace/name` (`DaemonSet.apps/kube-system/calico-node`,
 * `ConfigMap/kube-system/kube-proxy`, `ClusterRole.rbac.authorization.k8s.io/calico-node`). The version
 * is left out on purpose: `v1beta1` → `v1` is the same object to the API server.
 */
export function objectKey(id: Omit<ObjectId, 'version'>): string {
  const kind = id.group === '' ? id.kind : `${id.kind}.${id.group}`;
  return id.namespace === '' ? `${kind}/${id.name}` : `${kind}/${id.namespace}/${id.name}`;
}

/**
 * The Pulumi resource name of an object: `<component>/<objectKey>`. It is a function of the
 * object's identity only (never of its position or content), so adding, removing or editing
 * another object never renames this one, and editing this one updates it in place unless
 * Kubernetes itself forces a replacement. The component name prefix keeps two components in one
 * stack apart (a child's URN holds its parent's type, not its parent's name).
 */
export function resourceName(component: string, key: string): string {
  return `${component}/${key}`;
}

/**
 * Objects `kubeadm init` creates, by object key. A cluster kubeadm built already has them, so
 * @pulumi/kubernetes would answer a create with AlreadyExists: they are patched instead.
 * - kube-proxy addon (cmd/kubeadm/app/phases/addons/proxy/proxy.go): ConfigMap, DaemonSet and
 *   ServiceAccount `kube-system/kube-proxy`, Role and RoleBinding `kube-system/kube-proxy`,
 *   ClusterRoleBinding `kubeadm:node-proxier`;
 * - CoreDNS addon (cmd/kubeadm/app/phases/addons/dns/dns.go): ConfigMap, Deployment and
 *   ServiceAccount `kube-system/coredns`, Service `kube-system/kube-dns`, ClusterRole and
 *   ClusterRoleBinding `system:coredns`;
 * - uploadconfig (cmd/kubeadm/app/phases/uploadconfig/uploadconfig.go, kubelet config phase):
 *   ConfigMaps `kube-system/kubeadm-config` and `kube-system/kubelet-config`.
 */
export const KUBEADM_OWNED_OBJECTS: ReadonlySet<string> = new Set([
  'ConfigMap/kube-system/kube-proxy',
  'DaemonSet.apps/kube-system/kube-proxy',
  'ServiceAccount/kube-system/kube-proxy',
  'Role.rbac.authorization.k8s.io/kube-system/kube-proxy',
  'RoleBinding.rbac.authorization.k8s.io/kube-system/kube-proxy',
  'ClusterRoleBinding.rbac.authorization.k8s.io/kubeadm:node-proxier',
  'ConfigMap/kube-system/coredns',
  'Deployment.apps/kube-system/coredns',
  'ServiceAccount/kube-system/coredns',
  'Service/kube-system/kube-dns',
  'ClusterRole.rbac.authorization.k8s.io/system:coredns',
  'ClusterRoleBinding.rbac.authorization.k8s.io/system:coredns',
  'ConfigMap/kube-system/kubeadm-config',
  'ConfigMap/kube-system/kubelet-config',
]);

/** The object key of the kube-proxy ConfigMap kubeadm writes (`KubeProxyPatch` patches it). */
export const KUBE_PROXY_CONFIGMAP_KEY = 'ConfigMap/kube-system/kube-proxy';

/** Thrown when the manifests cannot be mapped to resources (duplicate objects, a document without apiVersion). */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** The manifests split into API objects (one resource each) and configuration documents (outputs). */
export interface ClassifiedManifests {
  readonly objects: readonly ApiObjectEntry[];
  readonly documents: readonly ConfigDocument[];
}

/**
 * Split documents into API objects and configuration documents. A document is configuration when
 * its group is a config group (`isConfigGroup`) or it has no `metadata.name` (kubeadm
 * InitConfiguration, KubeletConfiguration …): sending those to the API server fails, and
 * `k8s.yaml.ConfigGroup` rejects them.
 * @throws ManifestError listing every document without `apiVersion`/`kind` and every duplicate object
 */
export function classifyManifests(docs: readonly unknown[]): ClassifiedManifests {
  const objects: ApiObjectEntry[] = [];
  const documents: ConfigDocument[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const docKeys = new Map<string, number>();
  docs.forEach((raw, i) => {
    if (raw === null || raw === undefined) return; // an empty YAML document
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`document ${i}: ${JSON.stringify(raw)} is not an object`);
      return;
    }
    const obj = raw as ManifestObject;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || obj.apiVersion === '' || obj.kind === '') {
      problems.push(`document ${i}: needs a string apiVersion and kind (got apiVersion ${JSON.stringify(obj.apiVersion)}, kind ${JSON.stringify(obj.kind)})`);
      return;
    }
    const { group, version } = splitApiVersion(obj.apiVersion);
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (isConfigGroup(group) || name === '') {
      const base = `${group === '' ? 'core' : group}/${obj.kind}`;
      const n = docKeys.get(base) ?? 0;
      docKeys.set(base, n + 1);
      documents.push({ apiVersion: obj.apiVersion, kind: obj.kind, key: n === 0 ? base : `${base}#${n + 1}`, object: obj });
      return;
    }
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    const id: ObjectId = { group, version, kind: obj.kind, namespace, name };
    const key = objectKey(id);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`documents ${first} and ${i}: both are ${key}; Kubernetes keeps one object per group, kind, namespace and name`);
      return;
    }
    seen.set(key, i);
    objects.push({ id, key, object: obj });
  });
  if (problems.length > 0) throw new ManifestError(`the manifests cannot be deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { objects, documents };
}

const RBAC = 'rbac.authorization.k8s.io';
/** Objects a workload's pods read at start: they must exist before the pods are scheduled. */
const POD_INPUT_KINDS = new Set(['ConfigMap', 'Secret', 'ServiceAccount']);
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch']);

function isWorkload(id: ObjectId): boolean {
  return WORKLOAD_GROUPS.has(id.group) && WORKLOAD_KINDS.has(id.kind);
}
function isPodInput(id: ObjectId): boolean {
  return id.group === '' && POD_INPUT_KINDS.has(id.kind);
}
function isRbac(id: ObjectId): boolean {
  return id.group === RBAC && ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(id.kind);
}
function isNamespace(id: ObjectId): boolean {
  return id.group === '' && id.kind === 'Namespace';
}
function isCrd(id: ObjectId): boolean {
  return id.group === 'apiextensions.k8s.io' && id.kind === 'CustomResourceDefinition';
}

/**
 * For each object, the keys of the objects it must be created after:
 * - a namespaced object after its Namespace (when the manifests create it);
 * - a custom resource after the CRDs of its group (narrowed to the CRD of its kind when one matches):
 *   the API server rejects a resource whose type it does not know yet;
 * - a workload after every ConfigMap, Secret, ServiceAccount, Role and RoleBinding of its namespace
 *   and every ClusterRole / ClusterRoleBinding: pods that start before their config or permissions
 *   crash-loop (or fail admission, for a missing ServiceAccount) until the next restart;
 * - a RoleBinding / ClusterRoleBinding after the role it references.
 * Edges only run from later kinds to earlier ones (Namespace/CRD ← RBAC/config ← workloads), so
 * the graph has no cycle. Lists are sorted, so the result does not depend on document order.
 */
export function computeDependencies(objects: readonly ApiObjectEntry[]): Map<string, string[]> {
  const namespaces = new Map<string, string>();
  const crdsByGroup = new Map<string, { key: string; kind: string }[]>();
  for (const o of objects) {
    if (isNamespace(o.id)) namespaces.set(o.id.name, o.key);
    if (isCrd(o.id)) {
      const spec = (o.object.spec ?? {}) as Record<string, unknown>;
      const names = (spec.names ?? {}) as Record<string, unknown>;
      if (typeof spec.group === 'string') {
        const list = crdsByGroup.get(spec.group) ?? [];
        list.push({ key: o.key, kind: typeof names.kind === 'string' ? names.kind : '' });
        crdsByGroup.set(spec.group, list);
      }
    }
  }
  const byKey = new Map(objects.map((o) => [o.key, o]));
  const deps = new Map<string, string[]>();
  for (const o of objects) {
    const d = new Set<string>();
    if (o.id.namespace !== '' && namespaces.has(o.id.namespace)) d.add(namespaces.get(o.id.namespace)!);
    const crds = crdsByGroup.get(o.id.group);
    if (crds && !isCrd(o.id)) {
      const exact = crds.filter((c) => c.kind === o.id.kind);
      for (const c of exact.length > 0 ? exact : crds) d.add(c.key);
    }
    if (isWorkload(o.id)) {
      for (const other of objects) {
        const sameNamespace = other.id.namespace === o.id.namespace;
        if ((isPodInput(other.id) && sameNamespace) || (isRbac(other.id) && (other.id.namespace === '' || sameNamespace))) d.add(other.key);
      }
    }
    if (o.id.group === RBAC && (o.id.kind === 'RoleBinding' || o.id.kind === 'ClusterRoleBinding')) {
      const ref = (o.object.roleRef ?? {}) as Record<string, unknown>;
      if (typeof ref.kind === 'string' && typeof ref.name === 'string') {
        const roleNs = ref.kind === 'Role' ? o.id.namespace : '';
        const roleKey = objectKey({ group: RBAC, kind: ref.kind, namespace: roleNs, name: ref.name });
        if (byKey.has(roleKey)) d.add(roleKey);
      }
    }
    d.delete(o.key);
    deps.set(o.key, [...d].sort());
  }
  return deps;
}

/**
 * Group objects into tiers: tier 0 depends on nothing, tier n only on tiers < n (longest path).
 * Objects keep their document order inside a tier. Registering tier by tier lets every
 * `dependsOn` name a resource that already exists.
 */
export function computeTiers(objects: readonly ApiObjectEntry[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  const level = new Map<string, number>();
  const visit = (key: string, stack: Set<string>): number => {
    const known = level.get(key);
    if (known !== undefined) return known;
    if (stack.has(key)) throw new ManifestError(`internal: dependency cycle through ${key}`);
    stack.add(key);
    let l = 0;
    for (const d of deps.get(key) ?? []) l = Math.max(l, visit(d, stack) + 1);
    stack.delete(key);
    level.set(key, l);
    return l;
  };
  const tiers: string[][] = [];
  for (const o of objects) {
    const l = visit(o.key, new Set());
    (tiers[l] ??= []).push(o.key);
  }
  return tiers.map((t) => t ?? []);
}

/** JSON with object keys sorted: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Pod-template annotation that carries the hash of the configuration a workload's pods read.
 * A ConfigMap with a fixed name updated in place does not restart the pods that mounted it
 * (kube-proxy, Calico and flannel read their config once, at start); a changed pod template does,
 * through the controller's normal rolling update. The same key marks the kube-proxy patch.
 */
export const CONFIG_HASH_ANNOTATION = 'k8s-dualstack.io/config-sha256';

/** Kinds whose controller rolls the pods when the pod template changes. */
const ROLLING_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

/** Names of the ConfigMaps a pod spec reads (volumes, projected volumes, envFrom, env valueFrom). */
export function configMapsReadBy(podSpec: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') names.add(v);
  };
  for (const vol of list(podSpec.volumes)) {
    add(rec(rec(vol).configMap).name);
    for (const src of list(rec(rec(vol).projected).sources)) add(rec(rec(src).configMap).name);
  }
  for (const c of [...list(podSpec.initContainers), ...list(podSpec.containers), ...list(podSpec.ephemeralContainers)]) {
    for (const ef of list(rec(c).envFrom)) add(rec(rec(ef).configMapRef).name);
    for (const e of list(rec(c).env)) add(rec(rec(rec(e).valueFrom).configMapKeyRef).name);
  }
  return [...names].sort();
}

/**
 * Copies of the objects where every Deployment / DaemonSet / StatefulSet that reads ConfigMaps of
 * the same manifests carries `CONFIG_HASH_ANNOTATION` = sha256 of those ConfigMaps (name, data,
 * binaryData): a changed ConfigMap then rolls its workload. Secrets are left out on purpose: a
 * hash of a low-entropy secret in a readable annotation can be brute-forced.
 * Objects that need no annotation are returned as they are (same reference).
 */
export function withConfigHashes(objects: readonly ApiObjectEntry[]): ApiObjectEntry[] {
  const configMaps = new Map<string, ManifestObject>();
  for (const o of objects) if (o.id.group === '' && o.id.kind === 'ConfigMap') configMaps.set(`${o.id.namespace}/${o.id.name}`, o.object);
  return objects.map((o) => {
    if (!(o.id.group === 'apps' && ROLLING_KINDS.has(o.id.kind))) return o;
    const spec = (o.object.spec ?? {}) as Record<string, unknown>;
    const template = (spec.template ?? {}) as Record<string, unknown>;
    const read = configMapsReadBy((template.spec ?? {}) as Record<string, unknown>)
      .map((n) => configMaps.get(`${o.id.namespace}/${n}`))
      .filter((c): c is ManifestObject => c !== undefined);
    if (read.length === 0) return o;
    const hash = sha256Hex(canonicalJson(read.map((c) => ({ name: (c.metadata as Record<string, unknown>).name, data: c.data, binaryData: c.binaryData }))));
    const copy = JSON.parse(JSON.stringify(o.object)) as Record<string, any>;
    copy.spec.template ??= {};
    copy.spec.template.metadata ??= {};
    copy.spec.template.metadata.annotations = { ...(copy.spec.template.metadata.annotations ?? {}), [CONFIG_HASH_ANNOTATION]: hash };
    return { ...o, object: copy };
  });
}
