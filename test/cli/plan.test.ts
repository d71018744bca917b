import { planToJson } from '../../lib/cli/plan-json';
import { loadSpec } from '../../lib/cli/spec-file';
import { ClusterNetwork } from '../../lib/plan/network';
import { runCli, tableRow } from './support/fake-io';

const FIELD_REPORT = ['plan', '--config', 'field-report.yaml'];

describe('plan over the field report config', () => {
  const r = runCli(FIELD_REPORT);

  test('prints the families side by side, IPv4 primary', () => {
    expect(r.stdout).toContain('Kubernetes 1.18, dual-stack, primary IPv4');
    expect(r.stdout.split('\n').find((l) => l.includes('IPv4 (primary)'))?.trim().split(/ {2,}/)).toEqual(['IPv4 (primary)', 'IPv6']);
  });

  test.each([
    ['pod network', ['172.16.0.0/16', 'fc00::/48']],
    ['service network', ['10.96.0.0/12', 'fd00::/108']],
    ['node networks', ['192.168.101.0/24', '2003:ac18::/64']],
    ['node mask', ['/24', '/64']],
    ['nodes possible', ['256', '65,536']],
    ['pods per node', ['110 (256 addresses per node)', '110 (2^64 addresses per node)']],
    ['kubernetes.default', ['10.96.0.1', 'fd00::1']],
    ['cluster DNS', ['10.96.0.10', 'fd00::a']],
  ])('row %s', (label, cells) => {
    expect(tableRow(r.stdout, label)).toEqual([label, ...cells]);
  });

  test('ClusterIPs row notes the legacy 2^16 cap on the IPv6 /108', () => {
    const row = tableRow(r.stdout, 'ClusterIPs')!;
    expect(row[0]).toBe('ClusterIPs');
    expect(row[1]).toBe('1,048,574');
    expect(row[2]).toMatch(/^65,53[56] \(legacy allocator cap 2\^16; the range has 1,048,575\)$/);
  });

  test('lists node53 with its addresses and IPv6 gateway', () => {
    expect(tableRow(r.stdout, 'node53')).toEqual(['node53', 'control-plane', '192.168.101.53/24', '2003:ac18::30a:2/64', '2003:ac18::30a:254']);
  });

  test('warns about fc00::/48 (the undefined L=0 half of the ULA block) with a fix', () => {
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => /^ {2}warning \[[^\]]+\] podCidrs\[1\]: .*fc00::\/48/.test(l));
    expect(i).toBeGreaterThan(-1);
    expect(lines[i + 1]).toMatch(/^ {4}fix: .*fd/);
    // Warnings sit under their heading, after any errors.
    expect(lines.slice(0, i).some((l) => /^Warnings \(\d+\)$/.test(l))).toBe(true);
  });

  test('exits 0: the field report cluster has warnings, no error', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('prints no colour when stdout is not a terminal', () => {
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('colour', () => {
  test('on a terminal the headings are coloured', () => {
    expect(runCli(FIELD_REPORT, { isTTY: true }).stdout).toContain('\u001b[1m');
  });
  test('NO_COLOR turns it off on a terminal', () => {
    expect(runCli(FIELD_REPORT, { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});

describe('plan --format json', () => {
  const r = runCli([...FIELD_REPORT, '--format', 'json']);
  const json = JSON.parse(r.stdout);
  const plan = ClusterNetwork.plan(loadSpec(require('fs').readFileSync(`${__dirname}/../fixtures/cli/field-report.yaml`, 'utf8'), 'field-report.yaml', {}).spec);

  test('parses and matches ClusterNetwork.plan(spec)', () => {
    expect(json).toEqual(JSON.parse(JSON.stringify(planToJson(plan))));
  });

  test('holds the families, CIDRs and capacity of the plan, bigints as strings', () => {
    expect(json.families.map((f: { family: string }) => f.family)).toEqual(plan.families);
    expect(json.families.map((f: { podCidr: string }) => f.podCidr)).toEqual(['172.16.0.0/16', 'fc00::/48']);
    expect(json.families.map((f: { serviceCidr: string }) => f.serviceCidr)).toEqual(['10.96.0.0/12', 'fd00::/108']);
    expect(json.families[1].nodesPossible).toBe(plan.capacity.families[1].nodesPossible.toString());
    expect(json.families[1].addressesPerNode).toBe('18446744073709551616');
    expect(json.capacity).toEqual({
      nodesPossible: plan.capacity.nodesPossible.toString(),
      clusterIPs: plan.capacity.clusterIPs.toString(),
      multiCidrServiceAllocator: plan.capacity.multiCidrServiceAllocator,
    });
    expect(json.nodes[0]).toEqual({
      name: 'node53',
      controlPlane: true,
      ipv4: '192.168.101.53',
      ipv4Network: '192.168.101.0/24',
      ipv6: '2003:ac18::30a:2',
      ipv6Network: '2003:ac18::/64',
      ipv4DefaultGateway: null,
      ipv6DefaultGateway: '2003:ac18::30a:254',
    });
  });

  test('keeps a stable key order', () => {
    expect(Object.keys(json)).toEqual(['schemaVersion', 'ok', 'kubernetesVersion', 'dualStack', 'primaryFamily', 'families', 'maxPodsPerNode', 'dnsDomain', 'nodes', 'capacity', 'findings']);
  });
});

describe('plan --format markdown', () => {
  test('prints a GFM table with the same rows', () => {
    const r = runCli([...FIELD_REPORT, '--format', 'markdown']);
    expect(r.stdout).toContain('| **pod network** | 172.16.0.0/16 | fc00::/48 |');
    expect(r.stdout).toContain('| **cluster DNS** | 10.96.0.10 | fd00::a |');
    expect(r.stdout).toMatch(/### Warnings \(\d+\)/);
  });
});

describe('flags replace the file', () => {
  test('--service-cidrs, --version and the node masks override the config', () => {
    const r = runCli([...FIELD_REPORT, '--service-cidrs', '10.96.0.0/16,fd00:10:96::/112', '--version', '1.33', '--node-mask-ipv6', '80', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.kubernetesVersion).toBe('1.33');
    expect(json.families.map((f: { serviceCidr: string }) => f.serviceCidr)).toEqual(['10.96.0.0/16', 'fd00:10:96::/112']);
    expect(json.families[1].nodeMask).toBe(80);
    expect(json.families[1].nodesPossible).toBe((1n << 32n).toString());
  });

  test('works without a config file from --pod-cidrs and --service-cidrs', () => {
    const r = runCli(['plan', '--pod-cidrs', 'fd00:10:244::/56,10.244.0.0/16', '--service-cidrs', 'fd00:10:96::/112,10.96.0.0/12', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).primaryFamily).toBe('IPv6');
  });
});

describe('bad input', () => {
  test('fails when a CIDR in the file is invalid: exit 1 and the field path', () => {
    const r = runCli(['plan', '--config', 'bad-spec.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[cidr-invalid\] podCidrs\[1\]: "fc00::\/480" is not a valid CIDR/);
    expect(r.stdout).toMatch(/^Errors \(\d+\)$/m);
  });

  test('fails with exit 2 on an unknown flag', () => {
    const r = runCli([...FIELD_REPORT, '--pod-cidr', '10.0.0.0/8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "--pod-cidr"');
    expect(r.stdout).toBe('');
  });

  test('fails with exit 2 on a missing file', () => {
    const r = runCli(['plan', '--config', 'no-such.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read "no-such.yaml": no such file');
  });

  test('fails with exit 2 without a config or CIDR flags', () => {
    expect(runCli(['plan']).code).toBe(2);
  });

  test('fails with exit 2 on a bad --format', () => {
    const r = runCli([...FIELD_REPORT, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('takes one of table, json, markdown');
  });

  test('fails with exit 2 on YAML that does not parse, naming line and column', () => {
    const r = runCli(['plan', '--config', 'x.yaml'], { readFile: () => 'podCidrs: [10.0.0.0/8\nserviceCidrs: : x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.yaml:\d+:\d+: not valid YAML/);
  });

  test('reads a YAML number version from its source text and warns', () => {
    const r = runCli(['plan', '--config', 'v.yaml', '--format', 'json'], { readFile: () => 'kubernetesVersion: 1.30\npodCidrs: [10.244.0.0/16]\nserviceCidrs: [10.96.0.0/12]\n' });
    const json = JSON.parse(r.stdout);
    expect(json.kubernetesVersion).toBe('1.30');
    expect(json.findings[0]).toMatchObject({ severity: 'warning', code: 'yaml-version-number', path: 'kubernetesVersion' });
  });

  test('warns about a key that is not a spec field, naming the right one', () => {
    const r = runCli(['plan', '--config', 't.yaml', '--format', 'json'], { readFile: () => 'podCIDRs: [10.244.0.0/16]\npodCidrs: [10.244.0.0/16]\nserviceCidrs: [10.96.0.0/12]\n' });
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ code: 'spec-unknown-field', path: 'podCIDRs', fix: 'write "podCidrs"' });
  });
});

describe('plan --svg', () => {
  const r = runCli([...FIELD_REPORT, '--svg', 'out/plan.svg']);
  const [file, svg] = [...r.written.entries()][0];

  test('writes the SVG next to the given path', () => {
    expect(file).toMatch(/fixtures\/cli\/out\/plan\.svg$/);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  test('draws every range of both families and explains the log scale', () => {
    for (const label of ['pods 172.16.0.0/16', 'services 10.96.0.0/12', 'nodes 192.168.101.0/24', 'pods fc00::/48', 'services fd00::/108', 'nodes 2003:ac18::/64']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain('log2 scale');
  });

  test('draws the IPv6 pod host bits to scale: 64 of 128 bits on a 520 px ruler', () => {
    expect(svg).toContain('width="260.0" height="18.0" fill="#4e79a7"');
  });

  test('is deterministic', () => {
    expect(runCli([...FIELD_REPORT, '--svg', 'out/plan.svg']).written.get(file)).toBe(svg);
  });
});

describe('help', () => {
  test.each(['plan', 'validate', 'ula', 'synth'])('%s --help prints its usage and exits 0', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: k8s-dualstack ${cmd}`));
    expect(r.stdout).toContain('--help');
  });

  test('no command prints the commands and exits 2', () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Commands:');
  });

  test('fails with exit 2 on an unknown command', () => {
    expect(runCli(['apply']).code).toBe(2);
  });
});
