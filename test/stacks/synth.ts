import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { DualStackClusterProps } from '../../lib';
import { stackApp } from '../../stacks/registry';

/** One file of the output tree: its text and whether it is executable. */
export interface TreeFile {
  readonly text: string;
  readonly executable: boolean;
}

/** The whole output tree as `cdk8s synth` writes a stack: relative path (`/`) → file, sorted. */
export function synthTree(props: DualStackClusterProps): Record<string, TreeFile> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-stack-'));
  try {
    stackApp(dir, props).synth();
    const out: Record<string, TreeFile> = {};
    const walk = (rel: string) => {
      for (const f of readdirSync(join(dir, rel)).sort()) {
        const path = rel ? `${rel}/${f}` : f;
        const st = statSync(join(dir, path));
        if (st.isDirectory()) walk(path);
        else out[path] = { text: readFileSync(join(dir, path), 'utf8'), executable: (st.mode & 0o111) !== 0 };
      }
    };
    walk('');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files kubectl reads from a directory (k8s.io/cli-runtime/pkg/resource FileExtensions). */
export const KUBECTL_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The kubectl files of a stack (the charts, top level): file name → the YAML text, in file order. */
export function synthFiles(props: DualStackClusterProps): Record<string, string> {
  const tree = synthTree(props);
  return Object.fromEntries(Object.entries(tree).filter(([p]) => !p.includes('/') && p.endsWith('.k8s.yaml')).map(([p, f]) => [p, f.text]));
}

/** kubectl file name → parsed documents. */
export function synthObjects(props: DualStackClusterProps): Record<string, any[]> {
  return parseFiles(synthFiles(props));
}

/** YAML text per file → parsed documents per file. */
export function parseFiles(files: Record<string, string>): Record<string, any[]> {
  return Object.fromEntries(Object.entries(files).map(([f, text]) => [f, parseAllDocuments(text).map((d) => d.toJSON())]));
}

/** The kubeadm files of a stack (`0001-kubeadm/*.kubeadm.conf`) → parsed documents. */
export function synthKubeadm(props: DualStackClusterProps): Record<string, any[]> {
  const tree = synthTree(props);
  return parseFiles(Object.fromEntries(Object.entries(tree).filter(([p]) => p.endsWith('.kubeadm.conf')).map(([p, f]) => [p, f.text])));
}

const hash = (v: unknown) => createHash('sha256').update(typeof v === 'string' ? v : JSON.stringify(v)).digest('hex').slice(0, 16);

/**
 * The manifest for a golden snapshot: CRD schemas and long embedded files (scripts, CRD-derived
 * data) are replaced by their size and hash, so the snapshot stays readable and still changes when
 * they change.
 */
export function forSnapshot(objects: Record<string, any[]>): Record<string, any[]> {
  const out: Record<string, any[]> = {};
  for (const [file, docs] of Object.entries(objects)) {
    out[file] = docs.map((d) => {
      const o = JSON.parse(JSON.stringify(d));
      if (o?.kind === 'CustomResourceDefinition') {
        for (const v of o.spec?.versions ?? []) {
          if (v.schema) v.schema = `<openAPIV3Schema ${JSON.stringify(v.schema).length} bytes sha256:${hash(v.schema)}>`;
        }
      }
      if (o?.kind === 'ConfigMap' && o.data) {
        for (const [k, v] of Object.entries(o.data)) {
          if (typeof v === 'string' && v.length > 1500) o.data[k] = `<${v.length} bytes sha256:${hash(v)}>`;
        }
      }
      return o;
    });
  }
  return out;
}

/** kind/namespace/name of every object, per file. */
export function names(objects: Record<string, any[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(objects).map(([f, docs]) => [f, docs.map((d) => [d.kind, d.metadata?.namespace, d.metadata?.name].filter(Boolean).join('/'))]),
  );
}
