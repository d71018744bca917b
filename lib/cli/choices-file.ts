/**
 * The `choices:` section of a cluster file: the same choices as `DualStackClusterProps` besides
 * `network`, written as data. A CNI or ingress is `{ kind: <kind>, ...its options }`:
 *
 * ```yaml
 * choices:
 *   cni: { kind: calico, mode: manifest }
 *   kubeProxy: { mode: ipvs }
 *   ingress: [{ kind: ingress-nginx, nodePorts: { http: 30080, https: 30443 } }]
 *   hostPrep: false
 *   smokeTest: {}
 * ```
 */
import type { ClusterChoices } from '../cluster-findings';
import { Cni } from '../cni/factory';
import { IngressController } from '../ingress-controller';
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';

/** The keys of the `choices:` section (`ClusterChoices`). */
export const CHOICE_KEYS = ['cni', 'kubeProxy', 'kubeadm', 'hostPrep', 'ingress', 'app', 'smokeTest'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'sequence' : isObject(v) ? 'mapping' : typeof v;
}

/** A `{ kind, ...options }` mapping built by a factory, or a finding saying what is wrong. */
function kindOf<T>(value: unknown, path: string, kinds: readonly string[], build: (kind: string, options: object) => T | undefined, out: Finding[]): T | undefined {
  if (!isObject(value) || typeof value.kind !== 'string') {
    out.push(finding.error('choice-kind', path, `${typeName(value)} is not a mapping with a kind`, `write { kind: ${kinds[0]}, ... } with one of ${kinds.join(', ')}`));
    return undefined;
  }
  const { kind, ...options } = value;
  const built = build(kind, options);
  if (built === undefined) out.push(finding.error('choice-kind', `${path}.kind`, `${quote(kind)} is not a kind this package builds`, `use one of ${kinds.join(', ')}`));
  return built;
}

/** `false`, `true` or a mapping (hostPrep, app, smokeTest). */
function toggle(value: unknown, path: string, out: Finding[], allowTrue: boolean): unknown {
  if (value === false || isObject(value) || (allowTrue && value === true)) return value;
  out.push(finding.error('choice-type', path, `${typeName(value)} is neither false nor a mapping`, allowTrue ? 'write true, false or a mapping of options' : 'write false or a mapping of options ({} for the defaults)'));
  return undefined;
}

/**
 * The choices of a `choices:` section, with a finding for each entry that cannot be read (that
 * entry then keeps its default). Never throws.
 */
export function choicesFromConfig(value: unknown, base = 'choices'): { choices: ClusterChoices; findings: Finding[] } {
  const out: Finding[] = [];
  if (value === null || value === undefined) return { choices: {}, findings: out };
  if (!isObject(value)) {
    out.push(finding.error('choice-type', base, `${typeName(value)} is not a mapping of choices`, `write a mapping with ${CHOICE_KEYS.join(', ')}`));
    return { choices: {}, findings: out };
  }
  const c: { -readonly [K in keyof ClusterChoices]: ClusterChoices[K] } = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    const path = `${base}.${key}`;
    switch (key) {
      case 'cni':
        c.cni = kindOf(v, path, Cni.KINDS, (k, o) => Cni.of(k, o), out);
        break;
      case 'ingress':
        if (!Array.isArray(v)) {
          out.push(finding.error('choice-type', path, `${typeName(v)} is not a sequence`, 'write a sequence of { kind: ..., ... } mappings'));
          break;
        }
        c.ingress = v.flatMap((e, i) => kindOf(e, `${path}[${i}]`, IngressController.KINDS, (k, o) => IngressController.of(k, o), out) ?? []);
        break;
      case 'kubeProxy':
      case 'kubeadm':
        if (isObject(v)) c[key] = v as never;
        else out.push(finding.error('choice-type', path, `${typeName(v)} is not a mapping`, 'write a mapping of options'));
        break;
      case 'hostPrep':
      case 'smokeTest':
        c[key] = toggle(v, path, out, false) as never;
        break;
      case 'app':
        c.app = toggle(v, path, out, true) as never;
        break;
      default:
        out.push(finding.warning('choice-unknown-field', path, `${quote(key)} is not a cluster choice and is ignored`, `use one of ${CHOICE_KEYS.join(', ')}`));
    }
  }
  return { choices: c, findings: out };
}
