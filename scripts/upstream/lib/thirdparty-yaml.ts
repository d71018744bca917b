/** Multi-document YAML → plain objects (empty documents dropped), and lookups by kind and name. */
import { readFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';

export type Obj = Record<string, any>;

export function loadDocsText(text: string, origin = '(text)'): Obj[] {
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${origin}: ${doc.errors[0].message}`);
    const v = doc.toJS();
    if (v && typeof v === 'object') out.push(v as Obj);
  }
  return out;
}

export function loadDocs(path: string): Obj[] {
  return loadDocsText(readFileSync(path, 'utf8'), path);
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function objectKey(o: Obj): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${o.kind}/${m.namespace}/${m.name}` : `${o.kind}/${m.name}`;
}

export function find(objs: readonly Obj[], kind: string, name: string): Obj {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} "${name}" in the artifact`);
  return o;
}
