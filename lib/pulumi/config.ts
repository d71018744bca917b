import * as pulumi from '@pulumi/pulumi';
import { errorsOf, Finding, formatFinding, Severity } from '../plan/findings';
import { ClusterNetwork } from '../plan/network';
import type { ClusterNetworkSpec } from '../plan/spec';

/** The part of `pulumi.Config` read here (a plain `{ get }` works in tests and scripts). */
export interface ConfigSource {
  get(key: string): string | undefined;
  /**
   * Every key set in this namespace, so an unknown (mistyped) key can be reported. `pulumi.Config`
   * has no such method: wrap it with `stackConfig()`.
   * @default - keys are not checked
   */
  keys?(): readonly string[];
}

/**
 * `new pulumi.Config(name)` with `keys()`: the keys of the stack configuration in that namespace
 * (`pulumi.runtime.allConfig()` holds them as `<namespace>:<key>`).
 * @default name - the project's namespace
 */
export function stackConfig(name?: string): ConfigSource {
  const config = new pulumi.Config(name);
  const prefix = `${config.name}:`;
  return {
    get: (key) => config.get(key),
    keys: () => Object.keys(pulumi.runtime.allConfig()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort(),
  };
}

/** Every network key `specFromConfig` reads. */
export function specConfigKeys(): string[] {
  return [...SPEC_CONFIG_KEYS.text, ...SPEC_CONFIG_KEYS.list, ...SPEC_CONFIG_KEYS.value];
}

/**
 * Refuse configuration keys nobody reads: a mistyped key (`podCidr`) would otherwise be ignored in
 * silence and the stack deployed with the default network. The error names every unknown key, the
 * known ones and, where one is close, the key meant.
 * @throws pulumi.RunError when `config.keys()` lists a key that is not in `known`
 */
export function checkConfigKeys(config: ConfigSource, known: readonly string[]): void {
  if (!config.keys) return;
  const unknown = config.keys().filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const lines = unknown.map((k) => {
    const near = known.find((n) => n.toLowerCase() === k.toLowerCase() || n.toLowerCase().replace(/s$/, '') === k.toLowerCase().replace(/s$/, ''));
    return `  - ${JSON.stringify(k)} is not a stack configuration key${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
  });
  throw new pulumi.RunError(`the stack configuration has ${unknown.length} unknown key${unknown.length === 1 ? '' : 's'}:\n${lines.join('\n')}\n  known keys: ${[...known].sort().join(', ')}`);
}

/**
 * Stack configuration keys (`Pulumi.<stack>.yaml`, namespace of the `pulumi.Config` you pass),
 * each the `ClusterNetworkSpec` field of the same name, so a finding's path (`podCidrs[1]`) is the
 * config key to fix:
 *
 * | key | type | example |
 * |---|---|---|
 * | `podCidrs` | list or comma-separated string | `pulumi config set --path 'podCidrs[0]' 10.244.0.0/16` |
 * | `serviceCidrs` | list or comma-separated string | `pulumi config set serviceCidrs 10.96.0.0/12,fd00:10:96::/112` |
 * | `kubernetesVersion` | string (read as text: `1.30` stays `1.30`) | `pulumi config set kubernetesVersion 1.33` |
 * | `nodeMaskIPv4`, `nodeMaskIPv6` | number | `pulumi config set nodeMaskIPv6 64` |
 * | `maxPodsPerNode`, `expectedNodes`, `expectedServices` | number | `pulumi config set maxPodsPerNode 110` |
 * | `nodes` | list of `NodeSpec` objects | `pulumi config set --path 'nodes[0].name' node53` |
 * | `nodeNetworks` | list or comma-separated string | `pulumi config set --path 'nodeNetworks[0]' 192.168.101.0/24` |
 * | `featureGates` | map of gate → boolean | `pulumi config set --path 'featureGates.NFTablesProxyMode' true` |
 * | `dnsDomain` | string | `pulumi config set dnsDomain cluster.local` |
 * | `ipv6NatOutgoing` | boolean | `pulumi config set ipv6NatOutgoing true` |
 */
export const SPEC_CONFIG_KEYS = {
  text: ['kubernetesVersion', 'dnsDomain'],
  list: ['podCidrs', 'serviceCidrs', 'nodeNetworks'],
  value: ['nodeMaskIPv4', 'nodeMaskIPv6', 'maxPodsPerNode', 'expectedNodes', 'expectedServices', 'nodes', 'featureGates', 'ipv6NatOutgoing'],
} as const;

/**
 * Map stack configuration onto a `ClusterNetworkSpec`. Values are passed through as written
 * (never defaulted, never checked here): the plan checks them, so a stack and the CLI report the
 * same findings with the same paths. Pulumi stores every config value as text; structured values
 * (`--path` lists and objects, numbers, booleans) are JSON and are decoded, lists may also be
 * written as `a,b`.
 */
export function specFromConfig(config: ConfigSource): ClusterNetworkSpec {
  const spec: Record<string, unknown> = {};
  for (const key of SPEC_CONFIG_KEYS.text) {
    // Never JSON-decode these: `1.30` would become the number 1.3.
    const v = config.get(key);
    if (v !== undefined) spec[key] = v;
  }
  for (const key of SPEC_CONFIG_KEYS.list) {
    const v = decode(config.get(key));
    if (v === undefined) continue;
    spec[key] = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v;
  }
  for (const key of SPEC_CONFIG_KEYS.value) {
    const v = decode(config.get(key));
    if (v !== undefined) spec[key] = v;
  }
  return spec as unknown as ClusterNetworkSpec;
}

function decode(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // a plain string (`10.244.0.0/16,fd00::/56`, or a typo the plan will name)
  }
}

/** The message of the error thrown for a plan with errors: every error finding, one per line. */
export function planErrorMessage(findings: readonly Finding[]): string {
  const errors = errorsOf(findings);
  return `the cluster network (stack configuration) has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map((f) => `  - ${formatFinding(f)}`).join('\n')}`;
}

/**
 * Plan the spec and stop the program if the plan has an error: throws `pulumi.RunError` listing
 * every error finding (path, quoted value, rule, fix), so `pulumi preview` fails with the
 * findings and no stack trace. Call it before creating any resource. Warnings go to the Pulumi log.
 * @throws pulumi.RunError when the plan has an error finding
 */
export function checkedPlan(spec: ClusterNetworkSpec): ClusterNetwork {
  const plan = ClusterNetwork.plan(spec);
  if (!plan.ok) throw new pulumi.RunError(planErrorMessage(plan.findings));
  if (!process.env.K8S_DUALSTACK_QUIET) {
    for (const f of plan.findings) if (f.severity === Severity.WARNING) void pulumi.log.warn(formatFinding(f));
  }
  return plan;
}

/**
 * `checkedPlan(specFromConfig(config))`: the stack configuration as a validated plan. A source
 * that lists its keys (`stackConfig()`) must set network keys only (`checkConfigKeys`).
 * @default config - `new pulumi.Config()` (the project's namespace)
 * @throws pulumi.RunError when the plan has an error finding or the config an unknown key
 */
export function planFromConfig(config: ConfigSource = new pulumi.Config()): ClusterNetwork {
  checkConfigKeys(config, specConfigKeys());
  return checkedPlan(specFromConfig(config));
}
