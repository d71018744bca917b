import { UsageError } from '../args';
import { Command, CommandContext, ExitCode } from '../command';
import { formatCount, textTable } from '../format';
import { suggestUla } from '../ula';

export const ulaCommand: Command = {
  name: 'ula',
  brief: 'generate an RFC 4193 ULA /48 and a pod / service split',
  summary: 'Generate a fresh RFC 4193 unique-local /48 (fd00::/8, random 40-bit global ID) and suggest the pod and service ranges inside it.',
  usage: 'ula [--format text|json]',
  options: [{ name: 'format', short: 'f', kind: 'string', value: 'FORMAT', description: 'output format', choices: ['text', 'json'] }],
  details: [
    'Pods get the first /52 (4,096 nodes at the default /64 node mask: 12 bits, within the',
    "controller-manager's 16-bit limit); services a /112 of the last /64 (2^16 addresses: what the",
    'legacy ClusterIP allocator can use, under the 20-bit range limit). The rest of the /48 stays free.',
    'Every run prints a different prefix: generate it once and keep it.',
  ].join('\n'),
  run: runUla,
};

function runUla({ io, style, args }: CommandContext): ExitCode {
  if (args.positionals.length > 0) throw new UsageError(`ula takes no positional arguments (got ${JSON.stringify(args.positionals[0])})`);
  const s = suggestUla(io.random);
  if (args.options.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          prefix: s.prefix.toString(),
          podCidr: s.pods.toString(),
          nodeMaskIPv6: s.nodeMaskIPv6,
          serviceCidr: s.services.toString(),
          nodesPossible: s.nodesPossible.toString(),
          clusterIPs: s.clusterIPs.toString(),
          kubernetesServiceIP: s.kubernetesServiceIP,
          dnsServiceIP: s.dnsServiceIP,
        },
        null,
        2,
      ) + '\n',
    );
    return ExitCode.OK;
  }
  const rows = [
    ['', 'range', ''],
    ['ULA /48', s.prefix.toString(), 'RFC 4193: fd00::/8 with a random 40-bit global ID'],
    ['pods', s.pods.toString(), `${formatCount(s.nodesPossible)} nodes × /${s.nodeMaskIPv6}`],
    ['services', s.services.toString(), `${formatCount(s.clusterIPs)} ClusterIPs; kubernetes.default ${s.kubernetesServiceIP}, DNS ${s.dnsServiceIP}`],
  ];
  io.stdout(
    [
      textTable(rows, style),
      '',
      'In a ClusterNetworkSpec (IPv4 primary):',
      `  podCidrs: ["10.244.0.0/16", "${s.pods}"]`,
      `  serviceCidrs: ["10.96.0.0/12", "${s.services}"]`,
      '',
      'ULA pod addresses reach the IPv6 internet only through NAT66 (Calico natOutgoing on the IPv6 pool).',
      '',
    ].join('\n'),
  );
  return ExitCode.OK;
}
