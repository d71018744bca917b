import { chmodSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { App, AppProps, Chart, Names, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';

/** A file of a cluster's output tree that is not a chart: node scripts, kubeadm files, `apply.sh`. */
export interface ClusterFile {
  /** Path relative to the output directory, `/`-separated (`0000-node/node53.debian.sh`). */
  readonly path: string;
  readonly content: string;
  /** Written with mode 0755 (scripts), else 0644. */
  readonly executable: boolean;
  /**
   * One line printed (to stderr) when the file is written: what the user must do with it.
   * @default - nothing printed
   */
  readonly note?: string;
}

/** What `writeClusterFiles` looks for: a construct that has files besides its charts (`DualStackCluster`). */
export interface IClusterFiles extends IConstruct {
  /** The files, in a fixed order, relative to the output folder of the cluster that holds them; pure (the same input gives the same bytes). */
  clusterFiles(): readonly ClusterFile[];
}

/**
 * A construct that owns an output folder (`DualStackCluster`): the charts under it and the files of
 * every `IClusterFiles` under it are written into `outputDir`, relative to the App's outdir.
 */
export interface IClusterOutput extends IConstruct {
  /** `''` for the App's outdir itself, else a `/`-separated folder. */
  readonly outputDir: string;
}

function hasClusterFiles(c: IConstruct): c is IClusterFiles {
  return typeof (c as Partial<IClusterFiles>).clusterFiles === 'function';
}

function isClusterOutput(c: IConstruct): c is IClusterOutput {
  return typeof (c as Partial<IClusterOutput>).outputDir === 'string';
}

/** The output folder of the nearest `IClusterOutput` that holds `c` (itself included), or undefined. */
function outputOf(c: IConstruct): IClusterOutput | undefined {
  return [...c.node.scopes].reverse().find(isClusterOutput);
}

function under(dir: string, path: string): string {
  return dir === '' ? path : `${dir}/${path}`;
}

/** The files of every construct under `scope` that has some (`IClusterFiles`), in tree order, each under its cluster's `outputDir`. */
export function clusterFilesOf(scope: IConstruct): ClusterFile[] {
  return scope.node.findAll().filter(hasClusterFiles).flatMap((c) => {
    const dir = outputOf(c)?.outputDir ?? '';
    return c.clusterFiles().map((f) => ({ ...f, path: under(dir, f.path) }));
  });
}

/**
 * The charts of every cluster under `app` as files: `<outputDir>/<chart id><extension>` (`0005-cni.k8s.yaml`),
 * in the App's chart order, with the bytes `App.synth()` writes for a chart. cdk8s names a chart file for
 * the chart's whole path (`cluster-0005-cni-<hash>`); a cluster's charts sit under it, so this is
 * where their step names come back.
 */
export function clusterChartFilesOf(app: App): ClusterFile[] {
  return app.charts.flatMap((chart) => {
    const owner = outputOf(chart);
    if (!owner) return [];
    return [{ path: under(owner.outputDir, `${chart.node.id}${app.outputFileExtension}`), content: Yaml.stringify(...Object.values(chart.toJson())), executable: false }];
  });
}

function writeFiles(app: App, files: readonly ClusterFile[]): void {
  for (const f of files) {
    const path = join(app.outdir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content, { mode: f.executable ? 0o755 : 0o644 });
    // writeFileSync's mode applies only to a new file (and is masked by the umask): set it outright.
    chmodSync(path, f.executable ? 0o755 : 0o644);
    if (f.note && !process.env.K8S_DUALSTACK_QUIET) process.stderr.write(`info: ${f.path}: ${f.note}\n`);
  }
}

/** cdk8s's validation of a whole App (every construct's validations; all errors at once), as `App.synth()` runs it first. */
function validateApp(app: App): void {
  const errors: string[] = [];
  for (const c of app.node.findAll()) for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/**
 * Write every cluster's tree into `app.outdir`: its charts under their step names
 * (`<outputDir>/0005-cni.k8s.yaml`, `clusterChartFilesOf`), then the node scripts, kubeadm files
 * and `apply.sh` (`clusterFilesOf`). Use `DualStackApp`, whose `synth()` validates and writes the
 * whole tree; with a plain `App`, call this right after `App.synth()` (which validates first and
 * throws before writing anything, so a cluster with errors gets no files) — that also leaves cdk8s's
 * own copies of the cluster charts, named for their paths (`cluster-0005-cni-<hash>.k8s.yaml`),
 * which `apply.sh` never reads.
 * @returns the non-chart files written
 */
export function writeClusterFiles(app: App): ClusterFile[] {
  writeFiles(app, clusterChartFilesOf(app));
  const files = clusterFilesOf(app);
  writeFiles(app, files);
  return files;
}

/**
 * A cdk8s `App` whose `synth()` also writes the clusters' files (`writeClusterFiles`): the whole
 * output tree — node scripts, kubeadm files, charts in apply order, `apply.sh` — from one call, so
 * `cdk8s synth`, `npm run synth` and `k8s-dualstack synth` write the same tree.
 */
export class DualStackApp extends App {
  constructor(props: AppProps = {}) {
    super(props);
  }

  /**
   * Validates the whole App (nothing is written when an error is found), writes the charts that no
   * cluster holds as `App.synth()` names them, then every cluster's charts and files into its
   * `outputDir`. Without a cluster it is `App.synth()`.
   */
  public synth(): void {
    const owned = (c: Chart) => outputOf(c) !== undefined;
    if (!this.charts.some(owned)) {
      super.synth();
      writeClusterFiles(this);
      return;
    }
    validateApp(this);
    mkdirSync(this.outdir, { recursive: true });
    for (const chart of this.charts.filter((c) => !owned(c))) {
      Yaml.save(join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), Object.values(chart.toJson()));
    }
    writeClusterFiles(this);
  }
}
