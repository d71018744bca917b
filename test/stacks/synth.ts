import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { DualStackClusterProps } from '../../lib';
import { stackApp } from '../../stacks/registry';

/** A stack as `cdk8s synth` writes it: file name → the YAML text, in file order. */
export function synthFiles(props: DualStackClusterProps): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-dualstack-stack-'));
  try {
    stackApp(dir, props).synth();
    const out: Record<string, string> = {};
    for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f), 'utf8');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** chart file name (`*.k8s.yaml`) → parsed documents; other files (Cilium's values and install script) are left out. */
export function synthObjects(props: DualStackClusterProps): Record<string, any[]> {
  const files = synthFiles(props);
  return Object.fromEntries(Object.entries(files).filter(([f]) => f.endsWith('.k8s.yaml')).map(([f, text]) => [f, parseAllDocuments(text).map((d) => d.toJSON())]));
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
