import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import { resolveKubeProxyOptions } from '../kube-proxy/render';
import { finding, Finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { proxyEnvironmentFindings } from '../plan/rules/proxy-environment';
import { kubeProxyDocumentFindings } from '../kube-proxy/document-findings';
import { KubeadmDocumentObject } from './kubeadm-document-object';
import { ExistingClusterFlags, renderExistingClusterFlags, renderExistingClusterText } from './render-existing';
import { KubeadmDocument, KubeadmOptions, kubeadmYaml, renderJoinConfigurations, renderKubeadmInitDocuments, workerNodes } from './render-kubeadm';
import { controlPlaneFindings } from './rules';

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
 * The control plane of the plan for the target version: the kubeadm configuration (InitConfiguration,
 * ClusterConfiguration, KubeletConfiguration, KubeProxyConfiguration, one JoinConfiguration per
 * worker) and, for clusters that already run, the static-pod and kubelet flags (field report §4).
 *
 * The kubeadm documents are added to the chart as `KubeadmDocumentObject`s, which render without
 * `metadata`, so `cdk8s synth` writes them as they are. Put this construct in a chart of its own
 * (a warning says so otherwise): that chart's file is the kubeadm config, not something to
 * `kubectl apply`. Without cdk8s, use `toYaml()` / `initYaml()` / `joinYaml(node)`.
 */
export class ControlPlaneConfig extends Construct {
  /** Every document, init documents first, then the JoinConfigurations. */
  public readonly documents: readonly KubeadmDocument[];
  /** What `kubeadm init --config` reads. */
  public readonly initDocuments: readonly KubeadmDocument[];
  /** JoinConfiguration per worker node name. */
  public readonly joinDocuments: Readonly<Record<string, KubeadmDocument>>;
  /** The existing-cluster flags, as data. */
  public readonly existingClusterFlags: ExistingClusterFlags;
  /** The chart children, in document order; the InitConfiguration is `Resource`. */
  public readonly apiObjects: readonly KubeadmDocumentObject[];

  private readonly network: ClusterNetwork;
  private readonly props: ControlPlaneConfigProps;

  constructor(scope: Construct, id: string, props: ControlPlaneConfigProps) {
    super(scope, id);
    const plan = props.network;
    this.network = plan;
    this.initDocuments = renderKubeadmInitDocuments(plan, props);
    const joins = renderJoinConfigurations(plan, props);
    const workers = workerNodes(plan);
    const byNode: Record<string, KubeadmDocument> = {};
    joins.forEach((d, i) => (byNode[workers[i].name] = d));
    this.joinDocuments = byNode;
    this.documents = [...this.initDocuments, ...joins];
    this.existingClusterFlags = renderExistingClusterFlags(plan);

    const objects = this.initDocuments.map((d) => new KubeadmDocumentObject(this, d.kind === 'InitConfiguration' ? 'Resource' : d.kind, d));
    joins.forEach((d, i) => objects.push(new KubeadmDocumentObject(this, `Join-${workers[i].name}`, d)));
    this.apiObjects = objects;

    this.props = props;
    attachFindings(this, () => this.findings());
  }

  /** Everything this construct reports at synth (errors fail it). Pure; computed on each call. */
  public findings(): Finding[] {
    const plan = this.network;
    const props = this.props;
    const proxy = resolveKubeProxyOptions(plan, props.kubeProxy);
    const proxyDoc = this.initDocuments.find((d) => d.kind === 'KubeProxyConfiguration');
    return [
      ...(props.includePlanFindings === false ? [] : plan.findings),
      ...controlPlaneFindings(plan, props),
      // Without kube-proxy (skipKubeProxy) its mode's needs do not apply.
      ...(proxyDoc ? proxyEnvironmentFindings(plan, { mode: proxy.mode, nodePortAddresses: proxy.nodePortAddresses }) : []),
      ...(proxyDoc ? kubeProxyDocumentFindings(plan, proxyDoc) : []),
      ...this.sharedChartFindings(),
    ];
  }

  /** The whole configuration as one multi-document YAML string. */
  public toYaml(): string {
    return kubeadmYaml(this.documents);
  }

  /** Same as `toYaml()`. */
  public get kubeadmYaml(): string {
    return this.toYaml();
  }

  /** The file for `kubeadm init --config`. */
  public initYaml(): string {
    return kubeadmYaml(this.initDocuments);
  }

  /** The file for `kubeadm join --config` on one worker. */
  public joinYaml(nodeName: string): string {
    const d = this.joinDocuments[nodeName];
    if (!d) throw new Error(`ControlPlaneConfig.joinYaml: ${JSON.stringify(nodeName)} is not a worker of the plan (workers: ${Object.keys(this.joinDocuments).join(', ') || 'none'})`);
    return kubeadmYaml([d]);
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
