import { UsageError } from '../args';
import { Command, CommandContext, ExitCode } from '../command';
import { MAX_INPUT_OPTION, readInputFile } from '../io';
import { formatFindingsText, summarize } from '../format';
import { LintResult, lintFiles } from '../lint';
import { parseCidrListField } from '../checks/cidr-list';
import { Style } from '../io';
import { PLAN_VALIDATORS } from '../validators';
import { versionFormatFinding, windowFinding } from '../../plan/rules/version';
import { KubernetesVersion } from '../../plan/version';

export const validateCommand: Command = {
  name: 'validate',
  brief: 'lint existing kubeadm / kube-proxy / Service / Calico / flannel documents',
  summary:
    'Lint existing documents (multi-document YAML or JSON): kubeadm ClusterConfiguration (or the kubeadm-config ConfigMap), KubeProxyConfiguration (or the kube-proxy ConfigMap), core/v1 Services (also in a List), a Calico Installation (operator.tigera.io/v1) and the flannel ConfigMap (net-conf.json).',
  usage: 'validate FILE... [options]',
  options: [
    { name: 'version', kind: 'string', value: 'V', description: "Kubernetes version the rules follow (default: the ClusterConfiguration's kubernetesVersion)" },
    { name: 'pod-cidrs', kind: 'list', value: 'A[,B]', description: "the cluster's pod networks (default: the ClusterConfiguration's podSubnet)" },
    { name: 'service-cidrs', kind: 'list', value: 'A[,B]', description: "the cluster's service networks (default: the ClusterConfiguration's serviceSubnet)" },
    { name: 'node-cidrs', kind: 'list', value: 'A[,B...]', description: "the networks of the nodes' addresses, for kube-proxy nodePortAddresses (default: none; the check then uses the pod networks' families)" },
    { name: 'format', short: 'f', kind: 'string', value: 'FORMAT', description: 'output format', choices: ['text', 'json'] },
    MAX_INPUT_OPTION,
  ],
  details: [
    'Every finding names the file, the document index (0-based) and the field path in the document.',
    'Documents of other kinds are listed as info and not checked.',
    'A file with no documents is an error.',
    'Exit status: 0 no error finding, 1 error findings (or a file with no documents), 2 bad usage (e.g. a --pod-cidrs entry that is not a CIDR) or unreadable file.',
  ].join('\n'),
  run: runValidate,
};

function runValidate({ io, style, args }: CommandContext): ExitCode {
  if (args.positionals.length === 0) throw new UsageError('validate needs at least one FILE');
  const o = args.options;
  // The window of the timeline applies to every file, also one whose documents take no version.
  if (o.version !== undefined) {
    const v = KubernetesVersion.tryParse(o.version);
    const bad = v ? windowFinding(o.version, v, '--version') : versionFormatFinding(o.version, '--version');
    if (bad) throw new UsageError(`--version: ${bad.message} (${bad.fix})`);
  }
  for (const flag of ['pod-cidrs', 'service-cidrs', 'node-cidrs'] as const) {
    if (o[flag] === undefined) continue;
    const list = o[flag] as string[];
    // Pod and service networks are dual-stack lists (one per family); node networks are any number of CIDRs.
    const bad = flag === 'node-cidrs' ? list.map((x, i) => parseCidrListField([x], `--${flag}[${i}]`).findings).flat() : parseCidrListField([...list], `--${flag}`).findings;
    const err = bad.find((f) => f.severity === 'error');
    if (err) throw new UsageError(`${err.message.replace(/^(--node-cidrs\[\d+\])\[0\]/, '$1')}${err.fix ? ` (${err.fix})` : ''}`);
  }
  const inputs = args.positionals.map((file) => ({ file, text: readInputFile(io, file, o['max-input-bytes'] as number | undefined) }));
  const result = lintFiles(inputs, {
    kubernetesVersion: o.version as string | undefined,
    podCidrs: o['pod-cidrs'] as string[] | undefined,
    serviceCidrs: o['service-cidrs'] as string[] | undefined,
    nodeCidrs: o['node-cidrs'] as string[] | undefined,
    validators: PLAN_VALIDATORS,
    random: io.random,
  });
  io.stdout(o.format === 'json' ? JSON.stringify({ schemaVersion: 1, ok: !hasErrors(result), ...result }, null, 2) + '\n' : renderLintText(result, style));
  return hasErrors(result) ? ExitCode.FINDINGS : ExitCode.OK;
}

function hasErrors(r: LintResult): boolean {
  return r.findings.some((f) => f.severity === 'error');
}

/** Per file and document: what it was read as, then its findings grouped by severity. */
export function renderLintText(r: LintResult, style: Style): string {
  const out: string[] = [];
  const files = [...new Set([...r.documents.map((d) => d.file), ...r.findings.filter((f) => f.code === 'no-documents').map((f) => f.file)])];
  for (const file of files) {
    out.push(style.bold(file));
    for (const f of r.findings.filter((x) => x.file === file && x.code === 'no-documents')) out.push(`  ${style.red(`error: ${f.message}`)}`);
    for (const d of r.documents.filter((x) => x.file === file)) {
      const fs = r.findings.filter((f) => f.file === file && f.document === d.document && (d.at === '' || f.path === d.at || f.path.startsWith(`${d.at}.`) || f.path.startsWith(`${d.at}[`)));
      const title = `  document ${d.document}: ${d.kind ?? '(no kind)'}${d.name ? ` ${d.name}` : ''}${d.at ? ` at ${d.at}` : ''}${d.checkedAs ? ` — checked as ${d.checkedAs}` : ''}`;
      out.push(title);
      if (d.checkedAs === null) {
        out.push(style.cyan('    info: not checked (no dual-stack rules for this kind)'));
        continue;
      }
      out.push(
        formatFindingsText(fs, style, () => `${file}#${d.document} `)
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      );
    }
  }
  out.push('', `${summarize(r.findings.filter((f) => f.code !== 'document-not-checked'))} in ${r.documents.length} document${r.documents.length === 1 ? '' : 's'} (${r.documents.filter((d) => d.checkedAs === null).length} not checked).`);
  return out.join('\n') + '\n';
}
