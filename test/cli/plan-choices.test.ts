import { clusterFindings } from '../../lib/cluster-findings';
import { reportedFindings } from '../../lib/construct-findings';
import { choicesFromConfig } from '../../lib/cli/choices-file';
import type { DualStackClusterProps } from '../../lib';
import { Cni, DualStackCluster, KubeProxyMode } from '../../lib';
import type { Finding } from '../../lib/plan/findings';
import { ClusterNetwork } from '../../lib/plan';
import { STACK_PROPS, stackApp } from '../../stacks/registry';
import { runCli } from './support/fake-io';

/** A ready stack's props as a cluster file: the spec's fields plus a `choices:` section (JSON is YAML). */
function clusterFile(props: DualStackClusterProps): string {
  const { network, cni, ingress, ...rest } = props;
  const choices = {
    ...rest,
    ...(cni ? { cni: { kind: cni.kind, ...cni.options } } : {}),
    ...(ingress ? { ingress: ingress.map((i) => ({ kind: i.kind, ...i.options })) } : {}),
  };
  return JSON.stringify({ ...network, choices });
}

function planJson(text: string): { code: number; findings: Finding[] } {
  const run = runCli(['plan', '--config', 'cluster.yaml', '--format', 'json'], { readFile: () => text });
  return { code: run.code, findings: run.stdout ? JSON.parse(run.stdout).findings : [] };
}

const keys = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.code} ${f.path}: ${f.message}`).sort();

describe('k8s-dualstack plan --config with choices and synth agree', () => {
  test.each(Object.keys(STACK_PROPS))('the same findings for the ready stack %s', (name) => {
    const props = STACK_PROPS[name]();
    const app = stackApp('/nonexistent-outdir', props, name);
    // What synth reports: every finding every construct of the tree reports at validation.
    const synth = reportedFindings(app);
    const cli = planJson(clusterFile(props));
    expect(keys(cli.findings)).toEqual(keys(synth));
    expect(cli.code).toBe(synth.some((f) => f.severity === 'error') ? 1 : 0);
  });

  test('warns when the choices move a finding the plan alone misses: ipv6-default-route-missing with iptables kube-proxy', () => {
    const spec = { podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/48'], serviceCidrs: ['10.96.0.0/16', 'fd12:3456:789b::/112'], nodes: [{ name: 'n1', ipv4: '192.168.1.10/24', ipv6: '2001:db8::10/64', controlPlane: true }] };
    const without = planJson(JSON.stringify(spec)).findings.map((f) => f.code);
    const withChoices = planJson(JSON.stringify({ ...spec, choices: { kubeProxy: { mode: KubeProxyMode.IPTABLES } } })).findings.map((f) => f.code);
    const synth = reportedFindings(stackApp('/nonexistent-outdir', { network: spec, kubeProxy: { mode: KubeProxyMode.IPTABLES } })).map((f) => f.code);
    expect(synth).toContain('ipv6-default-route-missing');
    expect(without).not.toContain('ipv6-default-route-missing');
    expect(withChoices).toContain('ipv6-default-route-missing');
  });

  test.each([
    [{ cni: { kind: 'weave' } }, 'choice-kind', 'choices.cni.kind'],
    [{ cni: 'calico' }, 'choice-kind', 'choices.cni'],
    [{ ingress: { kind: 'kong' } }, 'choice-type', 'choices.ingress'],
    [{ ingress: [{ kind: 'kong' }, { kind: 'traefik' }] }, 'choice-kind', 'choices.ingress[1].kind'],
    [{ hostPrep: 'yes' }, 'choice-type', 'choices.hostPrep'],
    [{ cnii: {} }, 'choice-unknown-field', 'choices.cnii'],
  ])('fails or warns when the choices section is malformed: %j', (choices, code, path) => {
    const { findings } = choicesFromConfig(choices);
    expect(findings.map((f) => [f.code, f.path])).toEqual([[code, path]]);
  });

  test('a choices section picks the CNI: Cni.of builds the same choice as the factory', () => {
    const { choices } = choicesFromConfig({ cni: { kind: 'flannel', backend: 'udp' } });
    expect(choices.cni?.options).toEqual(Cni.flannel({ backend: 'udp' as never }).options);
    const plan = ClusterNetwork.plan({ podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/48'], serviceCidrs: ['10.96.0.0/16', 'fd12:3456:789b::/112'] });
    expect(clusterFindings(plan, choices).map((f) => f.code)).toContain('flannel-backend-no-ipv6');
  });

  test('DualStackCluster reports exactly clusterFindings: its parts stay silent', () => {
    const app = stackApp('/nonexistent-outdir', STACK_PROPS['calico-manifest-ipvs']());
    const cluster = app.node.findAll().find((c): c is DualStackCluster => c instanceof DualStackCluster)!;
    expect(keys(reportedFindings(app))).toEqual(keys(cluster.findings()));
    expect(new Set(keys(cluster.findings())).size).toBe(cluster.findings().length);
  });
});
