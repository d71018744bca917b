import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart } from 'cdk8s';
import { stringify } from '../k8s/yaml';
import {
  ApiObjectEntry,
  classifyManifests,
  computeDependencies,
  computeTiers,
  ConfigDocument,
  KUBEADM_OWNED_OBJECTS,
  ManifestError,
  ManifestObject,
  resourceName,
  withConfigHashes,
} from './objects';

/** What `Manifests` deploys: a cdk8s Chart, a cdk8s App (every chart), or plain objects. */
export type ManifestSource = Chart | App | readonly unknown[];

/** Props of `Manifests`. */
export interface ManifestsArgs {
  /** The chart, the app, or the synthesized objects (JSON-like, as `chart.toJson()` returns them). */
  readonly source: ManifestSource;
  /**
   * Add `k8s-dualstack.io/config-sha256` to the pod template of every Deployment, DaemonSet and
   * StatefulSet that reads ConfigMaps of the same manifests, so a changed ConfigMap rolls its pods.
   * @default true
   */
  readonly rollOnConfigChange?: boolean;
  /**
   * The cluster was built by kubeadm: objects kubeadm creates (`KUBEADM_OWNED_OBJECTS`, e.g.
   * `kube-system/kube-proxy`) are registered as server-side-apply patches (`<Kind>Patch`, with
   * `pulumi.com/patchForce` to take the fields over from kubeadm, retained on delete), never as
   * creates: a create of an existing object fails with AlreadyExists. `false` for a cluster where
   * nothing created them (they are then created like the rest).
   * @default true
   */
  readonly kubeadm?: boolean;
  /**
   * Object keys (`objectKey`, e.g. `ConfigMap/kube-system/kube-proxy`) to leave out: another
   * resource of the program manages them (`deployCluster` leaves the kube-proxy ConfigMap to
   * `KubeProxyPatch`), so no object is both created and patched, or patched twice.
   * @default [] - every object is registered
   */
  readonly omit?: readonly string[];
}

/** A configuration document (kubeadm, kubelet, kube-proxy), kept as YAML text. */
export interface ManifestDocument {
  readonly apiVersion: string;
  readonly kind: string;
  /** `group/kind` (`kubeadm.k8s.io/InitConfiguration`), `#n` from the second of a kind on. */
  readonly key: string;
  readonly yaml: string;
}

/**
 * Deploys synthesized cdk8s manifests with Pulumi: one Pulumi resource per Kubernetes object,
 * parented to this component, in dependency order (see `computeDependencies`): Namespaces and
 * CRDs first, custom resources after their CRDs, workloads after the ConfigMaps, Secrets,
 * ServiceAccounts and RBAC of their namespace.
 *
 * Resource names are `<name>/<Kind.group>/<namespace>/<object name>`: they depend on the object's
 * identity only, so an unrelated edit never renames (and so never replaces) an object.
 *
 * Configuration documents (kubeadm Init/Cluster/JoinConfiguration, KubeletConfiguration,
 * KubeProxyConfiguration: no API group served by the API server, or no `metadata.name`) are not
 * resources: they are outputs (`documentsYaml`) to hand to kubeadm or the node.
 *
 * Typed resources of `@pulumi/kubernetes` are used for built-in kinds (the same classes
 * `k8s.yaml.ConfigGroup` v1 picks, with their aliases and secret handling), `CustomResource` for
 * the rest. All registration happens in the constructor; a chart whose validation fails (findings
 * with severity error) throws a `pulumi.RunError` before any resource is registered.
 *
 * Pass a `k8s.Provider` as `{ provider }`: the children inherit it.
 */
export class Manifests extends pulumi.ComponentResource {
  /** The Pulumi type token of this component. */
  public static readonly TYPE = 'k8s-dualstack:index:Manifests';

  /** The resource of each object, by object key (`DaemonSet.apps/kube-system/calico-node`). */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** Keys of the objects registered as patches of existing objects (kubeadm's), not as creates. */
  public readonly patched: ReadonlySet<string>;
  /** The object keys in registration order, tier by tier (tier n depends only on tiers < n). */
  public readonly tiers: readonly (readonly string[])[];
  /** For each object key, the object keys it `dependsOn`. */
  public readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The objects as registered (with config-hash annotations where added). */
  public readonly objects: readonly ApiObjectEntry[];
  /** The configuration documents, not registered as resources. */
  public readonly documents: readonly ManifestDocument[];
  /** All configuration documents as one multi-document YAML text (`''` when there is none). */
  public readonly documentsYaml: pulumi.Output<string>;
  /** Each configuration document's YAML text, by `ManifestDocument.key`. */
  public readonly documentYaml: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ManifestsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can fail runs before super(): a bad chart registers nothing, not even this component.
    const prepared = prepare(args);
    super(Manifests.TYPE, name, {}, opts);

    this.objects = prepared.objects;
    this.tiers = prepared.tiers;
    this.dependencies = prepared.dependencies;
    this.documents = prepared.documents.map(toManifestDocument);

    const byKey = new Map(prepared.objects.map((o) => [o.key, o]));
    const patched = new Set(args.kubeadm === false ? [] : prepared.objects.map((o) => o.key).filter((k) => KUBEADM_OWNED_OBJECTS.has(k)));
    this.patched = patched;
    const resources = new Map<string, pulumi.CustomResource>();
    for (const tier of prepared.tiers) {
      for (const key of tier) {
        const entry = byKey.get(key)!;
        const dependsOn = (prepared.dependencies.get(key) ?? []).map((d) => resources.get(d)!);
        const opts = { parent: this, dependsOn };
        resources.set(key, patched.has(key) ? newPatchResource(resourceName(name, key), entry, opts) : newObjectResource(resourceName(name, key), entry, opts));
      }
    }
    this.resources = resources;

    const docYaml: Record<string, string> = {};
    for (const d of this.documents) docYaml[d.key] = d.yaml;
    this.documentYaml = pulumi.output(docYaml);
    this.documentsYaml = pulumi.output(this.documents.map((d) => d.yaml).join('---\n'));
    this.registerOutputs({ documentsYaml: this.documentsYaml, documentYaml: this.documentYaml });
  }
}

interface Prepared {
  readonly objects: readonly ApiObjectEntry[];
  readonly documents: readonly ConfigDocument[];
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  readonly tiers: readonly (readonly string[])[];
}

function prepare(args: ManifestsArgs): Prepared {
  try {
    const classified = classifyManifests(synthesize(args.source));
    const omit = new Set(args.omit ?? []);
    const kept = classified.objects.filter((o) => !omit.has(o.key));
    const objects = args.rollOnConfigChange === false ? kept : withConfigHashes(kept);
    const dependencies = computeDependencies(objects);
    return { objects, documents: classified.documents, dependencies, tiers: computeTiers(objects, dependencies) };
  } catch (e) {
    // RunError: Pulumi prints the message alone (every finding, with its path and fix), without a
    // stack trace of this program, and `pulumi preview` fails before anything is registered.
    if (e instanceof ManifestError || (e instanceof Error && /^Validation failed/.test(e.message))) throw new pulumi.RunError(e.message);
    throw e;
  }
}

/**
 * The objects of a chart, an app or a list. Uses public cdk8s APIs only: `chart.toJson()` runs
 * the app's validations (so plan findings fail here, all at once) and resolves the objects.
 */
export function synthesize(source: ManifestSource): unknown[] {
  if (Array.isArray(source)) return [...source];
  if (source instanceof App) return source.charts.flatMap((c) => c.toJson());
  if (Chart.isChart(source)) return (source as Chart).toJson();
  throw new ManifestError('the source is neither a cdk8s Chart, a cdk8s App nor a list of objects');
}

function toManifestDocument(d: ConfigDocument): ManifestDocument {
  return { apiVersion: d.apiVersion, kind: d.kind, key: d.key, yaml: stringify(d.object, { lineWidth: 0 }) };
}

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * The typed `@pulumi/kubernetes` class of a built-in kind (`k8s.apps.v1.DaemonSet`), found by the
 * module layout `k8s.<first label of group | core>.<version>.<Kind>` and confirmed by its type
 * token, so a custom group that shares a first label (`networking.x-k8s.io`) never picks a
 * built-in class by accident.
 */
export function typedResourceClass(group: string, version: string, kind: string): ResourceClass | undefined {
  const moduleName = group === '' ? 'core' : group.split('.')[0];
  const mod = (k8s as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>)[moduleName];
  const versioned = mod && typeof mod === 'object' ? mod[version] : undefined;
  const cls: unknown = versioned && typeof versioned === 'object' ? versioned[kind] : undefined;
  const token = `kubernetes:${group === '' ? 'core' : group}/${version}:${kind}`;
  return typeof cls === 'function' && (cls as { __pulumiType?: unknown }).__pulumiType === token ? (cls as ResourceClass) : undefined;
}

function newObjectResource(name: string, entry: ApiObjectEntry, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const cls = typedResourceClass(entry.id.group, entry.id.version, entry.id.kind);
  const args = entry.object as ManifestObject & { apiVersion: string; kind: string };
  if (cls) return new cls(name, args, opts);
  return new k8s.apiextensions.CustomResource(name, args, opts);
}

/**
 * A server-side-apply patch of an object that exists already (kubeadm's): the typed `<Kind>Patch`
 * class, `pulumi.com/patchForce` to take the fields over from their current manager (kubeadm), and
 * `retainOnDelete` — deleting a patch would remove the fields it owns (a kube-proxy ConfigMap
 * without `config.conf` stops kube-proxy at its next start).
 */
function newPatchResource(name: string, entry: ApiObjectEntry, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const cls = typedResourceClass(entry.id.group, entry.id.version, `${entry.id.kind}Patch`);
  if (!cls) throw new pulumi.RunError(`${entry.key}: kubeadm creates this object, and @pulumi/kubernetes has no ${entry.id.kind}Patch to patch it with`);
  const object = entry.object as ManifestObject & { metadata?: Record<string, unknown> };
  const metadata = { ...(object.metadata ?? {}), annotations: { ...((object.metadata?.annotations as Record<string, string> | undefined) ?? {}), 'pulumi.com/patchForce': 'true' } };
  return new cls(name, { ...object, metadata }, { ...opts, retainOnDelete: true });
}
