/**
 * Cilium for cdk8s: the chart values from the plan, rendered by `helm template` at synth when a
 * chart is given (cdk8s `Helm`), else written beside the chart's YAML with the exact install command.
 */
import { existsSync } from 'fs';
import { ApiObject, Chart, Helm } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from '../../k8s/yaml';
import type { ClusterFile, IClusterFiles } from '../../cluster-files';
import { attachFindings } from '../../construct-findings';
import type { ClusterNetwork } from '../../plan/network';
import type { ApplyFile } from '../../apply-script';
import type { ICni, ICniConstruct } from '../choice';
import { CILIUM_CHART, CILIUM_HELM_REPOSITORY, CILIUM_NAMESPACE, CiliumProps } from './options';
import { ciliumFindings, CiliumRuleContext } from './rules';
import { ciliumValuesOf, CiliumValues, resolveCilium } from './values';

/** Props of `CiliumCni`. */
export interface CiliumCniProps {
  /** The plan: families, pools, masks and the API endpoint come from it. */
  readonly network: ClusterNetwork;
  /** `Cni.cilium({...})`. */
  readonly cni: ICni;
  /**
   * What the rules know about the rest of the cluster (control-plane endpoint, kube-proxy installed).
   * @default {} - endpoint from the plan's control-plane node; kube-proxy presence unknown
   */
  readonly context?: CiliumRuleContext;
}

/**
 * How helm finds the chart: a local chart (directory or .tgz) carries its own version; a bare
 * `cilium` comes from the Cilium repository; a repository alias (`cilium/cilium`) or an `oci://`
 * reference is resolved by helm itself. The last three are pinned to the version.
 */
export function chartSource(chart: string, version: string): { repo?: string; version?: string } {
  if (existsSync(chart)) return {};
  if (chart === CILIUM_CHART) return { repo: CILIUM_HELM_REPOSITORY, version };
  return { version };
}

/** The Helm release name (the chart's templates name objects after the chart, not the release). */
export const CILIUM_RELEASE = 'cilium';

/** The `helm install` command for the values file (run from the directory that holds it). */
export function ciliumInstallCommand(version: string, valuesFile: string): string {
  return `helm install ${CILIUM_RELEASE} ${CILIUM_CHART} --repo ${CILIUM_HELM_REPOSITORY} --version ${version} --namespace ${CILIUM_NAMESPACE} -f ${valuesFile}`;
}

/** The values file as written: a header saying where it comes from and how to install it. */
export function ciliumValuesYaml(values: CiliumValues, version: string, fileName: string): string {
  return `# Cilium ${version} Helm chart values, built from the cluster network plan by k8s-dualstack.\n# Install: ${ciliumInstallCommand(version, fileName)}\n${stringify(values)}`;
}

/**
 * Cilium from the plan. With `chart` (a local chart path or a reference `helm` resolves), the
 * chart's objects are children of a cdk8s `Helm` construct (`helm template` at synth). Without it,
 * the chart holds no Cilium object: `<chart>.cilium-values.yaml` and `<chart>.cilium-install.sh`
 * (the exact `helm install`) are written beside the chart's file when the App synthesizes, and synth
 * prints one info line saying so. The default stacks thus synthesize offline.
 */
export class CiliumCni extends Construct implements IClusterFiles, ICniConstruct {
  /** The chart values. */
  public readonly values: CiliumValues;
  public readonly version: string;
  /** The cdk8s Helm construct, when a chart was given. */
  public readonly helm?: Helm;
  /** The chart's objects (empty without a chart). */
  public readonly objects: readonly ApiObject[];
  /** The props as given (the Pulumi adapter installs the chart with the same). */
  public readonly options: CiliumProps;
  /** What the rules knew about the rest of the cluster. */
  public readonly context: CiliumRuleContext;

  constructor(scope: Construct, id: string, props: CiliumCniProps) {
    super(scope, id);
    const options = (props.cni as { ciliumOptions?: CiliumProps }).ciliumOptions;
    if (!options) {
      throw new Error(`CiliumCni ${this.node.path}: props.cni is ${JSON.stringify(props.cni.kind)}; use Cni.cilium({...})`);
    }
    const context = props.context ?? {};
    this.options = options;
    this.context = context;
    const resolved = resolveCilium(props.network, options, context);
    this.version = resolved.version;
    this.values = ciliumValuesOf(props.network, resolved);
    attachFindings(this, () => ciliumFindings(props.network, options, context));
    if (options.chart !== undefined) {
      this.helm = new Helm(this, 'Chart', {
        chart: options.chart,
        ...chartSource(options.chart, resolved.version),
        releaseName: CILIUM_RELEASE,
        namespace: CILIUM_NAMESPACE,
        values: this.values as Record<string, any>,
        helmExecutable: options.helmExecutable,
      });
      this.objects = this.helm.apiObjects;
    } else {
      this.objects = [];
    }
  }

  /**
   * Without a chart: the values file and the install script, written beside the chart's file by
   * `DualStackApp.synth()` / `writeClusterFiles(app)` after validation passed (nothing half-way).
   * With a chart rendered at synth: none.
   */
  public clusterFiles(): readonly ClusterFile[] {
    if (this.helm) return [];
    return [
      { path: this.valuesFileName, content: this.valuesYaml(), executable: false, note: `no Cilium chart given (CiliumProps.chart): install Cilium with ${this.installFileName} (${ciliumInstallCommand(this.version, this.valuesFileName)})` },
      { path: this.installFileName, content: this.installScript(), executable: true },
    ];
  }

  /**
   * Without a chart: the CNI step of `apply.sh` is the install script (Cilium's `helm install`),
   * then the agent and the operator rolled out. With a chart rendered at synth: the chart's file.
   */
  public applyStep(): ApplyFile | undefined {
    if (this.helm) return undefined;
    return {
      path: this.installFileName,
      runScript: true,
      waits: [
        { kind: 'rollout', resource: 'daemonset', namespace: CILIUM_NAMESPACE, name: 'cilium' },
        { kind: 'rollout', resource: 'deployment', namespace: CILIUM_NAMESPACE, name: 'cilium-operator' },
      ],
    };
  }

  /**
   * The values file name beside the chart's YAML (`0005-cni.cilium.helm-values`). Not `.yaml`: kubectl
   * reads every .json/.yaml/.yml file of a directory it is given, and this is no Kubernetes object;
   * `helm -f` takes any file name.
   */
  public get valuesFileName(): string {
    return `${Chart.of(this).node.id}.cilium.helm-values`;
  }

  /** The install script name beside the chart's YAML. */
  public get installFileName(): string {
    return `${Chart.of(this).node.id}.cilium-install.sh`;
  }

  /** The values file's text. */
  public valuesYaml(): string {
    return ciliumValuesYaml(this.values, this.version, this.valuesFileName);
  }

  /** The install script's text (run from the output directory). */
  public installScript(): string {
    return `#!/bin/sh\n# Installs Cilium ${this.version} with the values k8s-dualstack wrote beside this script.\nset -eu\ncd "$(dirname "$0")"\n${ciliumInstallCommand(this.version, this.valuesFileName)}\n`;
  }
}
