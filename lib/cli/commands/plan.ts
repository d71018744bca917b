import { UsageError } from '../args';
import { ClusterNetwork } from '../../plan/network';
import { Command, CommandContext, ExitCode, resolvePath } from '../command';
import { InputError } from '../documents';
import { checkOutputPath, MAX_INPUT_OPTION, readInputFile } from '../io';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../plan-report';
import { loadSpec } from '../spec-file';
import { DEFAULT_VERSION } from '../../plan/timeline/releases';
import type * as ChoicesFile from '../choices-file';
import type * as ClusterFindings from '../../cluster-findings';
import type * as Svg from '../svg';
import { errorsOf } from '../../plan/findings';

export const planCommand: Command = {
  name: 'plan',
  brief: 'show the network plan per family, its capacity and findings',
  summary: 'Show the cluster network plan (pod / service / node networks, capacity, kubernetes.default and DNS addresses per family) and its findings.',
  usage: 'plan [--config FILE] [options]',
  options: [
    { name: 'config', short: 'c', kind: 'string', value: 'FILE', description: 'ClusterNetworkSpec as YAML or JSON ("-": standard input)' },
    { name: 'pod-cidrs', kind: 'list', value: 'A[,B]', description: 'pod networks (replaces podCidrs)' },
    { name: 'service-cidrs', kind: 'list', value: 'A[,B]', description: 'service networks (replaces serviceCidrs)' },
    { name: 'version', kind: 'string', value: 'V', description: `target Kubernetes version, e.g. ${DEFAULT_VERSION} (replaces kubernetesVersion)` },
    { name: 'node-mask-ipv4', kind: 'integer', value: 'N', description: 'node podCIDR mask for IPv4 (replaces nodeMaskIPv4)' },
    { name: 'node-mask-ipv6', kind: 'integer', value: 'N', description: 'node podCIDR mask for IPv6 (replaces nodeMaskIPv6)' },
    { name: 'format', short: 'f', kind: 'string', value: 'FORMAT', description: 'output format', choices: ['table', 'json', 'markdown'] },
    { name: 'svg', kind: 'string', value: 'FILE', description: "also draw each family's address space to FILE" },
    MAX_INPUT_OPTION,
  ],
  details: [
    'Flags replace the values of the file; without --config, --pod-cidrs and --service-cidrs are enough.',
    'A `choices:` section in the file (cni, kubeProxy, kubeadm, hostPrep, ingress, app, smokeTest; a CNI or',
    'ingress as { kind: ..., options }) adds every finding synth of that cluster reports; `choices: {}` for the defaults.',
    'Exit status: 0 no error finding, 1 error findings, 2 bad usage or unreadable file.',
    'JSON output: counts that can exceed 2^53 are decimal strings; absent values are null.',
  ].join('\n'),
  run: runPlan,
};

function runPlan({ io, style, args }: CommandContext): ExitCode {
  const o = args.options;
  if (args.positionals.length > 0) throw new UsageError(`plan takes no positional arguments (got ${JSON.stringify(args.positionals[0])}); use --config FILE`);
  const file = o.config as string | undefined;
  if (file === undefined && (o['pod-cidrs'] === undefined || o['service-cidrs'] === undefined)) {
    throw new UsageError('give --config FILE, or both --pod-cidrs and --service-cidrs');
  }
  // The output path first: a bad --svg must not cost the user a plan printed for nothing.
  if (o.svg !== undefined) checkOutputPath(io, '--svg', o.svg as string, 'file');
  const text = file === undefined ? undefined : readInputFile(io, file, o['max-input-bytes'] as number | undefined);
  const loaded = loadSpec(text, file, {
    podCidrs: o['pod-cidrs'] as string[] | undefined,
    serviceCidrs: o['service-cidrs'] as string[] | undefined,
    kubernetesVersion: o.version as string | undefined,
    nodeMaskIPv4: o['node-mask-ipv4'] as number | undefined,
    nodeMaskIPv6: o['node-mask-ipv6'] as number | undefined,
  });
  const plan = ClusterNetwork.plan(loaded.spec);
  // With a `choices:` section: every finding synth of that cluster reports (clusterFindings), else the plan's.
  // Loaded only when used: a plan from flags or a spec without choices never pays for the areas' rules.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const read = loaded.choices === undefined ? undefined : (require('../choices-file') as typeof ChoicesFile).choicesFromConfig(loaded.choices);
  const findings = [...loaded.findings, ...(read ? [...read.findings, ...(require('../../cluster-findings') as typeof ClusterFindings).clusterFindings(plan, read.choices)] : plan.findings)];
  /* eslint-enable @typescript-eslint/no-require-imports */
  const format = (o.format as string | undefined) ?? 'table';
  io.stdout(format === 'json' ? renderPlanJson(plan, findings) : format === 'markdown' ? renderPlanMarkdown(plan, findings) : renderPlanText(plan, findings, style));
  if (o.svg !== undefined) {
    try {
      io.writeFile(resolvePath(io, o.svg as string), (require('../svg') as typeof Svg).renderPlanSvg(plan)); // eslint-disable-line @typescript-eslint/no-require-imports
    } catch (e) {
      throw new InputError(`cannot write --svg ${JSON.stringify(o.svg)}: ${(e as { code?: string }).code ?? (e as Error).message}`);
    }
  }
  return errorsOf(findings).length === 0 ? ExitCode.OK : ExitCode.FINDINGS;
}
