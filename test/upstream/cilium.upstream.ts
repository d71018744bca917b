/**
 * `helm template` of the released Cilium 1.19.6 chart with our values, for both IPAM modes and both
 * routing modes, through the gate: strict built-in schemas (kubernetes-models validators plus the
 * unknown-field tree), the object policy with the Cilium allow-list, and our dual-stack checks.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Ajv from 'ajv';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Cni } from '../../lib/cni/factory';
import type { ICiliumCni } from '../../lib/cni/cilium/choice';
import { ciliumDualStack } from '../../stacks/cilium-dual-stack';
import { stackApp } from '../../stacks/registry';
import { CiliumCni } from '../../lib/cni/cilium/construct';
import { CiliumIpamMode, CiliumProps, CiliumRoutingMode } from '../../lib/cni/cilium/options';
import { renderCiliumValues } from '../../lib/cni/cilium/values';
import { checkPolicy, formatViolation } from '../../lib/policy';
import { declarationFile, FieldTrees } from '../gate/support/field-tree';
import { CILIUM_SPEC, ciliumPlan } from '../cni/cilium/fixtures';
import { extractHelm, upstreamRoot } from './support';

const root = upstreamRoot();
const chartDir = root && join(root, 'cilium', '1.19.6');
if (!root) console.log('test/upstream/cilium: skipped, no ../shared/upstream (set K8S_DUALSTACK_UPSTREAM)');
const d = root ? describe : describe.skip;

const CASES: ReadonlyArray<[string, CiliumProps]> = [
  ['kubernetes + tunnel + kube-proxy replacement', { ipam: CiliumIpamMode.KUBERNETES, routingMode: CiliumRoutingMode.TUNNEL, kubeProxyReplacement: true }],
  ['kubernetes + native', { ipam: CiliumIpamMode.KUBERNETES, routingMode: CiliumRoutingMode.NATIVE }],
  ['cluster-pool + tunnel', { ipam: CiliumIpamMode.CLUSTER_POOL, routingMode: CiliumRoutingMode.TUNNEL }],
  ['cluster-pool + native + kube-proxy replacement', { ipam: CiliumIpamMode.CLUSTER_POOL, routingMode: CiliumRoutingMode.NATIVE, kubeProxyReplacement: true }],
];

function modelOf(apiVersion: string, kind: string): (new (o: unknown) => { validate(): void }) | undefined {
  const file = declarationFile(apiVersion, kind);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file ? require(file.replace(/\.d\.ts$/, ''))[kind] : undefined;
}

d('Cilium 1.19.6 chart rendered with our values', () => {
  let helm: ReturnType<typeof extractHelm>;
  let work: string;
  const rendered = new Map<string, any[]>();
  const tgz = () => join(chartDir!, 'cilium-1.19.6.tgz');

  const render = (name: string, props: CiliumProps): any[] => {
    const hit = rendered.get(name);
    if (hit) return hit;
    const file = join(work, `${rendered.size}.json`);
    writeFileSync(file, JSON.stringify(renderCiliumValues(ciliumPlan(), props)));
    const out = execFileSync(helm.helm, ['template', 'cilium', tgz(), '--namespace', 'kube-system', '-f', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const objects = parseAllDocuments(out).map((x) => x.toJSON()).filter((o) => o && typeof o === 'object');
    rendered.set(name, objects);
    return objects;
  };

  beforeAll(() => {
    helm = extractHelm();
    work = mkdtempSync(join(tmpdir(), 'cilium-values-'));
  });
  afterAll(() => {
    helm?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
    const counts = [...rendered].map(([n, o]) => `${n}: ${o.length}`).join('; ');
    console.log(`test/upstream/cilium: helm template objects rendered: ${counts}`);
  });

  test.each(CASES)('%s: the values pass the chart\'s own values.schema.json', (_n, props) => {
    const tmp = mkdtempSync(join(tmpdir(), 'cilium-chart-'));
    try {
      execFileSync('tar', ['xzf', tgz(), '-C', tmp, 'cilium/values.schema.json']);
      const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(tmp, 'cilium', 'values.schema.json'), 'utf8')));
      expect(validate(renderCiliumValues(ciliumPlan(), props)) ? [] : validate.errors).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test.each(CASES)('%s: every built-in object is valid against the 1.33 schema, without unknown fields', (name, props) => {
    const objects = render(name, props);
    const trees = new FieldTrees([...new Map(objects.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }])).values()]);
    const errors: string[] = [];
    let checked = 0;
    for (const o of objects) {
      const Model = modelOf(o.apiVersion, o.kind);
      if (!Model) {
        errors.push(`${o.apiVersion}/${o.kind} ${o.metadata?.name}: no schema`);
        continue;
      }
      checked++;
      try {
        new Model(JSON.parse(JSON.stringify(o))).validate();
      } catch (e) {
        errors.push(`${o.kind} ${o.metadata?.name}: ${(e as Error).message}`);
      }
      for (const path of trees.unknownFields(o)) errors.push(`${o.kind} ${o.metadata?.name}: unknown field ${path}`);
    }
    expect(errors).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  test.each(CASES)('%s: the object policy passes with the Cilium allow-list', (name, props) => {
    expect(checkPolicy(render(name, props), { kubernetesVersion: '1.33' }).map(formatViolation)).toEqual([]);
  });

  test.each(CASES)('%s: cilium-config carries the plan\'s families, IPAM, pools and routing', (name, props) => {
    const cm = render(name, props).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'cilium-config');
    const data = cm.data as Record<string, string>;
    expect(data).toMatchObject({ 'enable-ipv4': 'true', 'enable-ipv6': 'true', ipam: props.ipam, 'routing-mode': props.routingMode });
    if (props.ipam === CiliumIpamMode.CLUSTER_POOL) {
      expect(data).toMatchObject({
        'cluster-pool-ipv4-cidr': CILIUM_SPEC.podCidrs[0],
        'cluster-pool-ipv4-mask-size': '24',
        'cluster-pool-ipv6-cidr': CILIUM_SPEC.podCidrs[1],
        'cluster-pool-ipv6-mask-size': '64',
      });
    } else {
      expect(data).toMatchObject({ 'k8s-require-ipv4-pod-cidr': 'true', 'k8s-require-ipv6-pod-cidr': 'true' });
      expect(data).not.toHaveProperty('cluster-pool-ipv4-cidr');
    }
    if (props.routingMode === CiliumRoutingMode.NATIVE) {
      expect(data).toMatchObject({ 'ipv4-native-routing-cidr': CILIUM_SPEC.podCidrs[0], 'ipv6-native-routing-cidr': CILIUM_SPEC.podCidrs[1], 'auto-direct-node-routes': 'true' });
    } else {
      expect(data).toMatchObject({ 'tunnel-protocol': 'vxlan' });
    }
    expect(data['kube-proxy-replacement']).toBe(String(props.kubeProxyReplacement === true));
  });

  test.each(CASES)('%s: the agent gets KUBERNETES_SERVICE_HOST exactly when kube-proxy replacement is on', (name, props) => {
    const agent = render(name, props).find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'cilium');
    const env = agent.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    const host = env.find((e) => e.name === 'KUBERNETES_SERVICE_HOST');
    if (props.kubeProxyReplacement) {
      expect(host?.value).toBe('192.168.30.11');
      expect(env.find((e) => e.name === 'KUBERNETES_SERVICE_PORT')?.value).toBe('6443');
    } else {
      expect(host).toBeUndefined();
    }
  });

  test('the chart fails to render when native routing masquerades IPv6 without ipv6NativeRoutingCIDR (the rule ciliumFindings mirrors)', () => {
    const values = { ...renderCiliumValues(ciliumPlan(), { routingMode: CiliumRoutingMode.NATIVE }) };
    delete values.ipv6NativeRoutingCIDR;
    const file = join(work, 'broken.json');
    writeFileSync(file, JSON.stringify(values));
    expect(() => execFileSync(helm.helm, ['template', 'cilium', tgz(), '-n', 'kube-system', '-f', file], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/ipv6NativeRoutingCIDR must be set when routingMode is native/);
  });

  test('CiliumCni with a chart renders it through cdk8s Helm at synth, the same objects as helm template', () => {
    const props: CiliumProps = { kubeProxyReplacement: true, chart: tgz(), helmExecutable: helm.helm };
    const chart = Testing.chart();
    const c = new CiliumCni(chart, 'Cilium', { network: ciliumPlan(), cni: Cni.cilium(props) });
    const fromHelm = render(CASES[0][0], CASES[0][1]).map((o) => `${o.kind} ${o.metadata.name}`).sort();
    expect(c.objects.map((o) => `${o.kind} ${o.name}`).sort()).toEqual(fromHelm);
  });

  test('the cilium-dual-stack stack with the chart given: every object of the cluster passes the policy', () => {
    const props = ciliumDualStack();
    const app = stackApp('/nonexistent-upstream-outdir', { ...props, cni: Cni.cilium({ ...(props.cni as ICiliumCni).ciliumOptions, chart: tgz(), helmExecutable: helm.helm }) });
    const errors = app.node.findAll().flatMap((x) => x.node.validate());
    expect(errors).toEqual([]);
    const objects = app.charts.filter((c) => !c.node.id.endsWith('-kubeadm')).flatMap((c) => c.toJson());
    expect(objects.filter((o: any) => o.metadata?.name === 'cilium-config')).toHaveLength(1);
    expect(checkPolicy(objects, { kubernetesVersion: '1.33' }).map(formatViolation)).toEqual([]);
  });
});
