import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { attachFindings } from '../construct-findings';
import type { ClusterNetwork } from '../plan/network';
import { calicoFindings } from './calico/rules';
import { flannelFindings } from './flannel/rules';
import { manifestPartsResolved } from './calico/render-manifest';
import { CalicoParts, operatorPartsResolved } from './calico/render-operator';
import { calicoOptionsInContext, resolveCalico, resolveFlannel } from './cni';
import type { CniContext, ICni, ICniConstruct } from './choice';
import type { CalicoOptions, FlannelOptions } from './options';
import { KubeObject } from '../k8s/objects';
import { renderFlannelResolved } from './flannel/render';
import { CalicoMode } from './options';
import type { KubeProxyMode } from '../plan/rules/kube-proxy';
import { CiliumCni } from './cilium/construct';

/** Props of the CNI constructs. */
export interface CniProps {
  /** The plan: pools, networks and masks come from it. */
  readonly network: ClusterNetwork;
  /** The CNI choice (`Cni.calico({...})` / `Cni.flannel({...})`). */
  readonly cni: ICni;
  /**
   * The cluster's kube-proxy mode: Calico's dataplane follows it unless chosen, and a chosen one must
   * match it (rule calico-dataplane-kube-proxy).
   * @default - unknown: the pairing is not checked
   */
  readonly kubeProxyMode?: KubeProxyMode;
}

/** A stable construct id for an object: kind, namespace and name (unique within one CNI). */
function idOf(o: KubeObject): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter((x) => !!x).join('-');
}

function add(scope: Construct, objects: readonly KubeObject[], primary: (o: KubeObject) => boolean): Map<KubeObject, ApiObject> {
  const out = new Map<KubeObject, ApiObject>();
  for (const o of objects) out.set(o, new ApiObject(scope, primary(o) ? 'Resource' : idOf(o), o as never));
  return out;
}

const find = (m: Map<KubeObject, ApiObject>, kind: string, name: string) => [...m].find(([o]) => o.kind === kind && o.metadata.name === name)?.[1];

/**
 * Calico from the plan, built from the release's objects (lib/upstream/calico) plus our dual-stack
 * settings. Operator mode: the CRDs of operator-crds.yaml, tigera-operator.yaml (namespace, RBAC,
 * Deployment) and the `Installation` (the primary object, id 'Resource'). Manifest mode: calico.yaml
 * (CRDs, RBAC, calico-config, the calico-node DaemonSet (primary) and calico-kube-controllers).
 * The parts (`crds`, `install`, `customResources`) are kept apart so they can be written to files
 * of their own and applied in that order.
 */
export class CalicoCni extends Construct implements ICniConstruct {
  public readonly mode: CalicoMode;
  /** Every object, in apply order. */
  public readonly objects: readonly ApiObject[];
  /** The CustomResourceDefinitions (apply first, wait until established). */
  public readonly crds: readonly ApiObject[];
  /** The install: namespace, RBAC, ConfigMap, workloads (after the CRDs). */
  public readonly install: readonly ApiObject[];
  /** Operator mode: the custom resources (the Installation), after the install; manifest mode: none. */
  public readonly customResources: readonly ApiObject[];
  /** The plain objects of each part, as rendered (the CRDs are frozen, shared objects). */
  public readonly parts: CalicoParts;
  /** Operator mode: the Installation `default`. */
  public readonly installation?: ApiObject;
  /** Operator mode: the tigera-operator Deployment. */
  public readonly operatorDeployment?: ApiObject;
  /** Operator mode: the tigera-operator Namespace. */
  public readonly namespace?: ApiObject;
  /** Manifest mode: the calico-node DaemonSet. */
  public readonly daemonSet?: ApiObject;
  /** Manifest mode: the calico-kube-controllers Deployment. */
  public readonly kubeControllers?: ApiObject;
  /** Manifest mode: the calico-config ConfigMap. */
  public readonly configMap?: ApiObject;

  constructor(scope: Construct, id: string, props: CniProps) {
    super(scope, id);
    const given = (props.cni as { calicoOptions?: CalicoOptions }).calicoOptions;
    if (!given) {
      throw new Error(`CalicoCni ${this.node.path}: props.cni is ${JSON.stringify(props.cni.kind)}; use Cni.calico({...}) (or FlannelCni for flannel)`);
    }
    // The same rule as every other caller: the dataplane follows kube-proxy's mode unless chosen.
    const options = calicoOptionsInContext(given, props.kubeProxyMode);
    const calico = resolveCalico(props.network, options);
    this.mode = calico.mode;
    attachFindings(this, () => calicoFindings(props.network, options, { kubeProxyMode: props.kubeProxyMode }));
    const manifest = calico.mode === CalicoMode.MANIFEST;
    this.parts = manifest ? manifestPartsResolved(calico) : operatorPartsResolved(props.network, calico);
    const primary = manifest ? (o: KubeObject) => o.kind === 'DaemonSet' : (o: KubeObject) => o.kind === 'Installation';
    const m = add(this, [...this.parts.crds, ...this.parts.install, ...this.parts.customResources], primary);
    const of = (objs: readonly KubeObject[]) => objs.map((o) => m.get(o)!);
    this.crds = of(this.parts.crds);
    this.install = of(this.parts.install);
    this.customResources = of(this.parts.customResources);
    if (manifest) {
      this.daemonSet = find(m, 'DaemonSet', 'calico-node');
      this.kubeControllers = find(m, 'Deployment', 'calico-kube-controllers');
      this.configMap = find(m, 'ConfigMap', 'calico-config');
    } else {
      this.installation = find(m, 'Installation', 'default');
      this.operatorDeployment = find(m, 'Deployment', 'tigera-operator');
      this.namespace = find(m, 'Namespace', 'tigera-operator');
    }
    this.objects = [...m.values()];
  }
}

/** flannel from the plan: namespace, RBAC, kube-flannel-cfg and the DaemonSet (primary, id 'Resource'). */
export class FlannelCni extends Construct implements ICniConstruct {
  public readonly objects: readonly ApiObject[];
  public readonly namespace: ApiObject;
  public readonly configMap: ApiObject;
  public readonly daemonSet: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly clusterRole: ApiObject;

  constructor(scope: Construct, id: string, props: CniProps) {
    super(scope, id);
    const options = (props.cni as { flannelOptions?: FlannelOptions }).flannelOptions;
    if (!options) {
      throw new Error(`FlannelCni ${this.node.path}: props.cni is ${JSON.stringify(props.cni.kind)}; use Cni.flannel({...}) (or CalicoCni for Calico)`);
    }
    attachFindings(this, () => flannelFindings(props.network, options));
    const m = add(this, renderFlannelResolved(props.network, resolveFlannel(options)), (o) => o.kind === 'DaemonSet');
    this.objects = [...m.values()];
    this.namespace = find(m, 'Namespace', 'kube-flannel')!;
    this.configMap = find(m, 'ConfigMap', 'kube-flannel-cfg')!;
    this.daemonSet = find(m, 'DaemonSet', 'kube-flannel-ds')!;
    this.serviceAccount = find(m, 'ServiceAccount', 'flannel')!;
    this.clusterRole = find(m, 'ClusterRole', 'flannel')!;
  }
}

/** Props of `CniChart`. */
export interface CniChartProps extends CniProps, ChartProps {
  /**
   * The rest of what the CNI knows about the cluster (kube-proxy installed, control-plane endpoint);
   * `kubeProxyMode` above is part of it.
   * @default {} - unknown
   */
  readonly context?: Omit<CniContext, 'kubeProxyMode'>;
}

/**
 * A chart holding the chosen CNI, built by the choice itself (`ICni.bind`), exactly as
 * `DualStackCluster` builds it: `cni` is set, and `calico`, `flannel` or `cilium` for the built-in ones.
 */
export class CniChart extends Chart {
  /** The CNI's construct, whichever CNI was chosen. */
  public readonly cni: ICniConstruct;
  public readonly calico?: CalicoCni;
  public readonly flannel?: FlannelCni;
  public readonly cilium?: CiliumCni;

  constructor(scope: Construct, id: string, props: CniChartProps) {
    const { network, cni, kubeProxyMode, context, ...chartProps } = props;
    super(scope, id, chartProps);
    this.cni = cni.bind(this, network, { ...context, kubeProxyMode });
    // Typed accessors of the built-in CNIs (no dispatch: the choice built the construct).
    if (this.cni instanceof CalicoCni) this.calico = this.cni;
    if (this.cni instanceof FlannelCni) this.flannel = this.cni;
    if (this.cni instanceof CiliumCni) this.cilium = this.cni;
  }
}
