import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * The steps of a cluster's output tree, in apply order. Each step's file or folder starts with its
 * number (`0005-cni.k8s.yaml`), the same number in every stack: a step a stack does not have leaves
 * a gap instead of renumbering the rest.
 */
export enum ClusterStep {
  /** `0000-node/`: the node scripts, run as root on every node before kubeadm. */
  NODE = 0,
  /** `0001-kubeadm/`: the kubeadm init and join files. */
  KUBEADM = 1,
  /** Every CustomResourceDefinition of the cluster, applied (and established) before any resource of their kinds. */
  CRDS = 2,
  HOST_PREP = 3,
  /** The kube-system/kube-proxy ConfigMap, for clusters that already run (kubeadm writes it on new ones). */
  KUBE_PROXY = 4,
  CNI = 5,
  /** Custom resources of the CRDs the cluster ships (the operator's Installation …), as upstream's custom-resources.yaml. */
  CUSTOM_RESOURCES = 6,
  INGRESS = 7,
  APP = 8,
  SMOKE_TEST = 9,
}

/** `0005-cni`: a step's file or folder name without extension. */
export function stepName(step: ClusterStep, name: string): string {
  return `${String(step).padStart(4, '0')}-${name}`;
}

const CRD_GROUP = 'apiextensions.k8s.io';

/** The API group of an `apiVersion` (`''` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Whether an object is a CustomResourceDefinition. */
export function isCrd(apiVersion: string, kind: string): boolean {
  return kind === 'CustomResourceDefinition' && apiGroupOf(apiVersion) === CRD_GROUP;
}

/**
 * The group a CRD defines, from its name: the API server accepts a CRD only when its name is
 * `<spec.names.plural>.<spec.group>` (apiextensions-apiserver pkg/apis/apiextensions/validation),
 * so the name says the group without reading (and resolving) the spec.
 */
export function crdGroupOf(crdName: string): string {
  const i = crdName.indexOf('.');
  return i < 0 ? '' : crdName.slice(i + 1);
}

/** Where an object goes: the CRD file, the custom-resources file, or its part's own file. */
export enum ObjectPlacement {
  CRD = 'crd',
  CUSTOM_RESOURCE = 'custom-resource',
  PART = 'part',
}

/** The placement of an object given the groups of the CRDs the cluster ships. */
export function placementOf(apiVersion: string, kind: string, crdGroups: ReadonlySet<string>): ObjectPlacement {
  if (isCrd(apiVersion, kind)) return ObjectPlacement.CRD;
  const group = apiGroupOf(apiVersion);
  return group !== '' && crdGroups.has(group) ? ObjectPlacement.CUSTOM_RESOURCE : ObjectPlacement.PART;
}

/**
 * Splits the objects of a cluster's part charts by kind, whatever the renderers return: every
 * CustomResourceDefinition goes to the CRD chart, every object of a group one of those CRDs defines
 * goes to the custom-resources chart, the rest stays in its part's chart. The objects themselves
 * stay where their constructs put them (so `calico.installation`, `ApiObject.of(…)` and
 * `Chart.of(…)` are unchanged); only what each chart writes (`toJson()`, which `cdk8s synth`,
 * `Testing.synth` and the Pulumi adapter read) follows the split.
 */
export class ChartSplit {
  private readonly parts: PartChart[] = [];
  private readonly collectors = new Map<ObjectPlacement, CollectedChart>();

  /** @internal */
  public addPart(chart: PartChart): void {
    this.parts.push(chart);
  }

  /** @internal */
  public addCollector(placement: ObjectPlacement, chart: CollectedChart): void {
    this.collectors.set(placement, chart);
  }

  /** The API objects each part chart holds itself (in tree order). */
  public objectsOf(chart: Chart): ApiObject[] {
    return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
  }

  /** The groups the CRDs of the part charts define. */
  public crdGroups(): Set<string> {
    const groups = new Set<string>();
    for (const p of this.parts) for (const o of this.objectsOf(p)) if (isCrd(o.apiVersion, o.kind)) groups.add(crdGroupOf(o.name));
    return groups;
  }

  /** Whether some part chart holds an object of the placement (decides whether its chart exists). */
  public has(placement: ObjectPlacement): boolean {
    const groups = this.crdGroups();
    return this.parts.some((p) => this.objectsOf(p).some((o) => placementOf(o.apiVersion, o.kind, groups) === placement));
  }

  /** @internal A part chart's JSON without what a collector chart writes. */
  public keep(json: any[]): any[] {
    if (this.collectors.size === 0) return json;
    const groups = this.crdGroups();
    return json.filter((j) => !this.collectors.has(placementOf(String(j?.apiVersion ?? ''), String(j?.kind ?? ''), groups)));
  }

  /** @internal The JSON of every part object of a placement, part by part in apply order. */
  public collect(placement: ObjectPlacement): any[] {
    const groups = this.crdGroups();
    return this.parts.flatMap((p) =>
      this.objectsOf(p)
        .filter((o) => placementOf(o.apiVersion, o.kind, groups) === placement)
        .map((o) => o.toJson()),
    );
  }
}

/** The chart of one part of a cluster (host prep, CNI, ingress …): writes its objects minus the split-off ones. */
export class PartChart extends Chart {
  private readonly split: ChartSplit;

  constructor(scope: Construct, id: string, split: ChartSplit) {
    super(scope, id);
    this.split = split;
    split.addPart(this);
  }

  public toJson(): any[] {
    return this.split.keep(super.toJson());
  }
}

/** A chart that writes the objects of one placement from every part chart (the CRDs, the custom resources). */
export class CollectedChart extends Chart {
  private readonly split: ChartSplit;
  private readonly placement: ObjectPlacement;

  constructor(scope: Construct, id: string, split: ChartSplit, placement: ObjectPlacement) {
    super(scope, id);
    this.split = split;
    this.placement = placement;
    split.addCollector(placement, this);
  }

  public toJson(): any[] {
    // super.toJson() validates the app (as every chart's synth does) and adds objects of its own, if any.
    return [...super.toJson(), ...this.split.collect(this.placement)];
  }
}
