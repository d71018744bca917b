import { chmodSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { App, AppProps } from 'cdk8s';
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
  /** The files, in a fixed order; pure (the same input gives the same bytes). */
  clusterFiles(): readonly ClusterFile[];
}

function hasClusterFiles(c: IConstruct): c is IClusterFiles {
  return typeof (c as Partial<IClusterFiles>).clusterFiles === 'function';
}

/** The files of every construct under `scope` that has some (`IClusterFiles`), in tree order. */
export function clusterFilesOf(scope: IConstruct): ClusterFile[] {
  return scope.node.findAll().filter(hasClusterFiles).flatMap((c) => c.clusterFiles());
}

/**
 * Write the non-chart files of every cluster construct in the app into `app.outdir`. `cdk8s synth`
 * (`App.synth()`) writes charts only; call this right after it — or use `DualStackApp`, whose
 * `synth()` does both — so the node scripts, kubeadm files and `apply.sh` sit beside the charts.
 * Runs after `App.synth()` on purpose: that validates first and throws before writing anything,
 * so a cluster with errors gets neither charts nor these files.
 */
export function writeClusterFiles(app: App): ClusterFile[] {
  const files = clusterFilesOf(app);
  for (const f of files) {
    const path = join(app.outdir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content, { mode: f.executable ? 0o755 : 0o644 });
    // writeFileSync's mode applies only to a new file (and is masked by the umask): set it outright.
    chmodSync(path, f.executable ? 0o755 : 0o644);
    if (f.note && !process.env.K8S_DUALSTACK_QUIET) process.stderr.write(`info: ${f.path}: ${f.note}\n`);
  }
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

  public synth(): void {
    super.synth();
    writeClusterFiles(this);
  }
}
