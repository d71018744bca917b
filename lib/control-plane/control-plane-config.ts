import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import { finding, Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { KubeadmDocumentObject } from './kubeadm-document-object';
import { ExistingClusterFlags, renderExistingClusterFlags, renderExistingClusterText } from './render-existing';
import { KubeadmDocument, KubeadmFile, KubeadmFileRole, KubeadmOptions, kubeadmYaml, renderKubeadmFiles } from './render-kubeadm';
import { kubeadmConfigFindings } from './config-findings';

export interface ControlPlaneConfigProps extends KubeadmOptions {
  /** The cluster network plan. */
  readonly network: ClusterNetwork;
  /**
   * Also report the plan's own errors and warnings on this construct (turn off when a composite
   * such as DualStackCluster reports them once).
   * @default true
   */
  readonly includePlanFindings?: boolean;
}

/**
 * The control plane of the plan for the target version: the kubeadm configuration as the files
 * kubeadm reads (`files`: one init file with the InitConfiguration, ClusterConfiguration,
 * KubeletConfiguration and KubeProxyConfiguration; one JoinConfiguration file per worker and per
 * further control-plane node) and, for clusters that already run, the static-pod and kubelet flags
 * (field report §4).
 *
 * The chart holds the init documents only, as `KubeadmDocumentObject`s (rendered without
 * `metadata`), so the chart's file is exactly a valid `kubeadm init --config` file: kubeadm refuses a
 * file that repeats a kind (cmd/kubeadm/app/util/marshal.go), so joins are never in it — write them
 * with `fileText(file)` / `joinYaml(node)`. Put this construct in a chart of its own (a warning
 * says so otherwise). `DualStackCluster` writes every file into `0001-kubeadm/` instead (see
 * `writeClusterFiles`), where `kubectl apply -f` never reads them.
 */
export class ControlPlaneConfig extends Construct {
  /** Every document: init documents, then control-plane joins, then worker joins (a list, not one file). */
  public readonly documents: readonly KubeadmDocument[];
  /** What `kubeadm init --config` reads. */
  public readonly initDocuments: readonly KubeadmDocument[];
  /** JoinConfiguration per worker node name. */
  public readonly joinDocuments: Readonly<Record<string, KubeadmDocument>>;
  /** JoinConfiguration (with its `controlPlane` section) per further control-plane node name. */
  public readonly controlPlaneJoinDocuments: Readonly<Record<string, KubeadmDocument>>;
  /** The files kubeadm reads, init file first (each repeats no kind). */
  public readonly files: readonly KubeadmFile[];
  /** The existing-cluster flags, as data. */
  public readonly existingClusterFlags: ExistingClusterFlags;
  /** The chart children, in document order (the init documents); the InitConfiguration is `Resource`. */
  public readonly apiObjects: readonly KubeadmDocumentObject[];

  private readonly network: ClusterNetwork;
  private readonly props: ControlPlaneConfigProps;

  constructor(scope: Construct, id: string, props: ControlPlaneConfigProps) {
    super(scope, id);
    const plan = props.network;
    this.network = plan;
    this.files = renderKubeadmFiles(plan, props);
    this.initDocuments = this.files[0].documents;
    const byRole = (role: KubeadmFileRole) => Object.fromEntries(this.files.filter((f) => f.role === role).map((f) => [f.node as string, f.documents[0]]));
    this.joinDocuments = byRole(KubeadmFileRole.JOIN);
    this.controlPlaneJoinDocuments = byRole(KubeadmFileRole.JOIN_CONTROL_PLANE);
    this.documents = this.files.flatMap((f) => f.documents);
    this.existingClusterFlags = renderExistingClusterFlags(plan);

    this.apiObjects = this.initDocuments.map((d) => new KubeadmDocumentObject(this, d.kind === 'InitConfiguration' ? 'Resource' : d.kind, d));

    this.props = props;
    attachFindings(this, () => this.findings());
  }

  /** Everything this construct reports at synth (errors fail it). Pure; computed on each call. */
  public findings(): Finding[] {
    return [
      ...(this.props.includePlanFindings === false ? [] : this.network.findings),
      ...kubeadmConfigFindings(this.network, this.props, this.initDocuments),
      ...this.sharedChartFindings(),
    ];
  }

  /**
   * Every document as one multi-document YAML string, for reading. Not a file for kubeadm when
   * there are joins (it repeats JoinConfiguration): use `initYaml()` / `joinYaml(node)` / `fileText`.
   */
  public toYaml(): string {
    return kubeadmYaml(this.documents);
  }

  /** Same as `toYaml()`. */
  public get kubeadmYaml(): string {
    return this.toYaml();
  }

  /** The file for `kubeadm init --config`. */
  public initYaml(): string {
    return this.fileText(this.files[0]);
  }

  /** The file for `kubeadm join --config` on one worker or further control-plane node. */
  public joinYaml(nodeName: string): string {
    const f = this.files.find((x) => x.role !== KubeadmFileRole.INIT && x.node === nodeName);
    if (!f) {
      const joining = this.files.filter((x) => x.role !== KubeadmFileRole.INIT).map((x) => x.node);
      throw new Error(`ControlPlaneConfig.joinYaml: ${JSON.stringify(nodeName)} is not a joining node of the plan (joining: ${joining.join(', ') || 'none'})`);
    }
    return this.fileText(f);
  }

  /** A file's text: a comment saying where and how to run it, then its documents. */
  public fileText(file: KubeadmFile): string {
    const on = file.node ? ` on node ${file.node}` : '';
    const cpJoins = this.files.some((f) => f.role === KubeadmFileRole.JOIN_CONTROL_PLANE);
    const comments: string[] = [`Generated by k8s-dualstack: a kubeadm configuration file (not for kubectl), Kubernetes ${this.network.version}.`];
    if (file.role === KubeadmFileRole.INIT) {
      // --upload-certs stores the control-plane certificates, encrypted with the certificate key it
      // prints, for `kubeadm join --control-plane` to download (cmd/kubeadm/app/phases/copycerts);
      // it is one of the flags kubeadm lets --config be mixed with (apis/kubeadm/validation
      // isAllowedFlag).
      comments.push(`Run as root${on}: kubeadm init --config ${file.name}${cpJoins ? ' --upload-certs' : ''}`);
    } else {
      comments.push(`Run as root${on}, after kubeadm init: kubeadm join --config ${file.name}`);
      comments.push('Replace the REPLACE-ME placeholders first (kubeadm refuses them): `kubeadm token create --print-join-command` prints the token and CA hash.');
      if (file.role === KubeadmFileRole.JOIN_CONTROL_PLANE) comments.push('The certificate key is the one `kubeadm init --upload-certs` printed (or `kubeadm init phase upload-certs --upload-certs` prints a new one).');
    }
    return kubeadmYaml(file.documents, comments);
  }

  /** The existing-cluster flags as text (field report §4). */
  public existingClusterText(): string {
    return renderExistingClusterText(this.network);
  }

  private sharedChartFindings(): Finding[] {
    const chart = Chart.of(this);
    const others = chart.node
      .findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject && !KubeadmDocumentObject.isKubeadmDocument(c) && Chart.of(c) === chart);
    if (others.length === 0) return [];
    return [
      finding.warning(
        'kubeadm-documents-shared-chart',
        this.node.path,
        `chart ${JSON.stringify(chart.node.id)} holds the kubeadm documents and ${others.length} Kubernetes object(s); its file is then neither a kubeadm config nor applyable with kubectl`,
        'put ControlPlaneConfig in a chart of its own, e.g. new Chart(app, "kubeadm")',
      ),
    ];
  }
}
