/**
 * Our check of chart values against the chart's key tree. Cilium's values.schema.json sets no
 * `additionalProperties`, so a misspelled or misplaced key (`kubeProxyReplacment`, a top-level
 * `requireIPv6PodCIDR`, which belongs under `k8s.` — cilium#44436) passes the schema and the chart
 * silently ignores it. The tree is derived from the 1.19.6 chart by scripts/upstream/components/cilium.ts.
 */
import { finding, Finding, quote } from '../../plan/findings';
import KEY_TREE_1_19_6 from '../../upstream/cilium/1.19.6/key-tree.json';

/** A tree node: `true` a leaf, `"*"` a map whose keys are the user's, else the children. */
export type CiliumKeyTree = { readonly [key: string]: CiliumKeyTree | true | '*' };

/** The key trees by chart version. */
export const CILIUM_KEY_TREES: Readonly<Record<string, CiliumKeyTree>> = {
  '1.19.6': KEY_TREE_1_19_6.tree as CiliumKeyTree,
};

/**
 * Each chart version's `kubeVersion` constraint (Chart.yaml, derived with the key tree): helm
 * refuses to install the chart on another Kubernetes version.
 */
export const CILIUM_CHART_KUBE_VERSIONS: Readonly<Record<string, string>> = {
  '1.19.6': KEY_TREE_1_19_6.chart.kubeVersion,
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every path of the tree whose last segment is `name` (where a misplaced key belongs). */
function pathsNamed(tree: CiliumKeyTree, name: string, prefix = '', out: string[] = []): string[] {
  for (const key of Object.keys(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === name) out.push(path);
    const t = tree[key];
    if (t !== true && t !== '*') pathsNamed(t, name, path, out);
  }
  return out;
}

/** Levenshtein distance, for "did you mean" on a misspelt key. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function suggestion(root: CiliumKeyTree, level: CiliumKeyTree, key: string, prefix: string): string {
  const elsewhere = pathsNamed(root, key);
  if (elsewhere.length > 0) return `move it to ${elsewhere.map((p) => `"${p}"`).join(' or ')}`;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of Object.keys(level)) {
    const d = distance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 4))) return `did you mean "${prefix}${best}"?`;
  return `remove it, or use a key of the Cilium chart's values.yaml`;
}

/**
 * Findings for every key of `values` that the chart does not have. Paths are written `values.<a.b>`.
 * A version without a known tree is not checked (one info finding).
 */
export function checkCiliumValueKeys(values: Record<string, unknown>, version: string): Finding[] {
  const tree = CILIUM_KEY_TREES[version];
  if (!tree) {
    return [finding.info('cilium-values-keys-unchecked', 'cni.cilium.version', `${quote(version)}: no key tree is known for this chart version, so misplaced Helm keys are not detected`, `use ${Object.keys(CILIUM_KEY_TREES).map((v) => `"${v}"`).join(', ')}, or check the keys by hand`)];
  }
  const out: Finding[] = [];
  const walk = (v: Record<string, unknown>, level: CiliumKeyTree, prefix: string) => {
    for (const key of Object.keys(v)) {
      const path = `${prefix}${key}`;
      const t = level[key];
      if (t === undefined) {
        out.push(
          finding.error(
            'cilium-values-unknown-key',
            `values.${path}`,
            `the Cilium ${version} chart has no key ${quote(path)}: Helm ignores it, so the setting has no effect`,
            suggestion(tree, level, key, prefix),
            'cilium values.yaml / values.schema.json (no additionalProperties); cilium#44436',
          ),
        );
        continue;
      }
      const child = v[key];
      if (t !== true && t !== '*' && isPlainObject(child)) walk(child, t, `${path}.`);
    }
  };
  walk(values, tree, '');
  return out;
}
