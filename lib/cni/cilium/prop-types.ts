/**
 * Type checks of `CiliumProps` for callers without TypeScript (YAML, JavaScript): a wrong type is
 * an error naming the prop, and `resolveCilium` falls back to the default for it, so neither the
 * rules nor the values builder ever throw.
 */
import { finding, Finding } from '../../plan/findings';

/** JSON text of any value, never throwing (objects without a prototype, cycles, BigInt). */
export function describeValue(v: unknown): string {
  try {
    const s = typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
    return s === undefined ? String(typeof v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Kind = 'string' | 'boolean' | 'port' | 'integer' | 'object' | 'family-strings' | 'family-booleans' | 'pools';

const PROPS: ReadonlyArray<[string, Kind]> = [
  ['version', 'string'], ['ipam', 'string'], ['routingMode', 'string'], ['tunnelProtocol', 'string'], ['existingIpamMode', 'string'],
  ['bpfMasquerade', 'boolean'], ['kubeProxyReplacement', 'boolean'], ['autoDirectNodeRoutes', 'boolean'],
  ['k8sServiceHost', 'string'], ['k8sServicePort', 'port'], ['chart', 'string'], ['helmExecutable', 'string'],
  ['masquerade', 'family-booleans'], ['nativeRoutingCidrs', 'family-strings'], ['clusterPool', 'pools'], ['values', 'object'],
];

function ok(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'port': return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 65535;
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'object': return isObject(v);
    case 'family-strings': return isObject(v) && ['ipv4', 'ipv6'].every((k) => v[k] === undefined || typeof v[k] === 'string');
    case 'family-booleans': return isObject(v) && ['ipv4', 'ipv6'].every((k) => v[k] === undefined || typeof v[k] === 'boolean');
    case 'pools': return isObject(v) && ['ipv4', 'ipv6'].every((k) => v[k] === undefined || (isObject(v[k]) && poolOk(v[k] as Record<string, unknown>)));
  }
}

function poolOk(p: Record<string, unknown>): boolean {
  return (p.cidrs === undefined || (Array.isArray(p.cidrs) && p.cidrs.every((c) => typeof c === 'string'))) && (p.maskSize === undefined || typeof p.maskSize === 'number');
}

const WANT: Record<Kind, string> = {
  string: 'a string', boolean: 'true or false', port: 'a port from 1 to 65535', integer: 'an integer', object: 'an object',
  'family-strings': '{ ipv4?: string, ipv6?: string }', 'family-booleans': '{ ipv4?: boolean, ipv6?: boolean }',
  pools: '{ ipv4?: { cidrs?: string[], maskSize?: number }, ipv6?: … }',
};

/** Whether the prop has the right type (undefined is always right: the default applies). */
export function propOk(props: unknown, name: string): boolean {
  if (!isObject(props)) return false;
  const v = props[name];
  const kind = PROPS.find(([n]) => n === name)?.[1];
  return v === undefined || kind === undefined || ok(kind, v);
}

/** One error per prop of the wrong type (and one when the props are not an object at all). */
export function ciliumPropTypeFindings(props: unknown): Finding[] {
  if (props === undefined) return [];
  if (!isObject(props)) return [finding.error('cilium-props-type', 'cni.cilium', `${describeValue(props)} is not an object of Cilium options`, 'give an object such as { kubeProxyReplacement: true }')];
  const out: Finding[] = [];
  for (const [name, kind] of PROPS) {
    if (!propOk(props, name)) out.push(finding.error('cilium-prop-type', `cni.cilium.${name}`, `${describeValue(props[name])} is not ${WANT[kind]}`, `write ${WANT[kind]}, or leave it unset for the default`));
  }
  return out;
}
