/**
 * Gate §2: the object policy (lib/policy) over every stack of the matrix, its rules one by one,
 * and the cdk8s validation plugin loaded the way cdk8s-cli loads it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { checkPolicy, DEFAULT_PRIVILEGED_WORKLOADS, formatViolation, POLICY_RULES, PolicyTool, PolicyValidation, Privilege } from '../../lib/policy';
import { apiObjects, caseName, MATRIX } from './support/stacks';

describe('every stack meets the policy', () => {
  test.each(MATRIX.map((c) => [caseName(c), c] as const))('%s', (_n, c) => {
    expect(checkPolicy(apiObjects(c), { kubernetesVersion: c.version }).map(formatViolation)).toEqual([]);
  });

  test('the privileged workloads of the stacks are exactly the allow-listed ones, each with its reason annotation', () => {
    const privileged = new Set<string>();
    for (const c of MATRIX) {
      for (const o of apiObjects(c)) {
        const t = o.spec?.template;
        if (t?.metadata?.annotations?.['k8s-dualstack.io/privilege-reason']) privileged.add(`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
      }
    }
    expect([...privileged].sort()).toEqual([
      'DaemonSet k8s-dualstack-host/host-network-prep',
      'DaemonSet kube-flannel/kube-flannel-ds',
      'DaemonSet kube-system/calico-node',
      'Deployment tigera-operator/tigera-operator',
    ]);
  });
});

// ---------------------------------------------------------------- the rules, one by one

const restrictedPod = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'app',
      image: 'registry.example/app:1.2.3',
      resources: { requests: { cpu: '10m', memory: '16Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
});
const deployment = (spec: any = restrictedPod(), meta: any = {}, name = 'web', namespace = 'apps') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name }, ...meta }, spec } },
});
const withContainer = (patch: (c: any) => void, podPatch: (p: any) => void = () => {}) => {
  const p = restrictedPod();
  patch(p.containers[0]);
  podPatch(p);
  return deployment(p);
};
const role = (rule: any) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [rule] });
const C0 = '.spec.template.spec.containers[0]';

test('a Restricted deployment passes every rule', () => {
  expect(checkPolicy([deployment()])).toEqual([]);
});

test.each<[string, any, string, string]>([
  ['a wildcard verb', role({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }), 'rbac-no-wildcards', '.rules[0].verbs[0]'],
  ['a wildcard resource', role({ apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }), 'rbac-no-wildcards', '.rules[0].resources[0]'],
  ['a wildcard apiGroup', role({ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }), 'rbac-no-wildcards', '.rules[0].apiGroups[0]'],
  ['a binding to cluster-admin', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [] }, 'rbac-no-cluster-admin', '.roleRef.name'],
  ['an image tagged latest', withContainer((c) => (c.image = 'nginx:latest')), 'image-pinned', `${C0}.image`],
  ['an untagged image', withContainer((c) => (c.image = 'registry.example:5000/team/app')), 'image-pinned', `${C0}.image`],
  ['a container without a cpu request', withContainer((c) => delete c.resources.requests.cpu), 'resource-requests', `${C0}.resources.requests.cpu`],
  ['an init container without requests', withContainer(() => {}, (p) => (p.initContainers = [{ ...p.containers[0], name: 'init', resources: { requests: { cpu: '1m' } } }])), 'resource-requests', '.spec.template.spec.initContainers[0].resources.requests.memory'],
  ['a privileged container', withContainer((c) => (c.securityContext.privileged = true)), 'privilege-allow-list', `${C0}.securityContext.privileged`],
  ['hostNetwork', withContainer(() => {}, (p) => (p.hostNetwork = true)), 'privilege-allow-list', '.spec.template.spec.hostNetwork'],
  ['hostPID', withContainer(() => {}, (p) => (p.hostPID = true)), 'privilege-allow-list', '.spec.template.spec.hostPID'],
  ['a hostPath volume', withContainer(() => {}, (p) => (p.volumes = [{ name: 'h', hostPath: { path: '/etc' } }])), 'privilege-allow-list', '.spec.template.spec.volumes[0].hostPath'],
  ['NET_ADMIN', withContainer((c) => (c.securityContext.capabilities.add = ['NET_ADMIN'])), 'privilege-allow-list', `${C0}.securityContext.capabilities.add[0]`],
  ['SYS_ADMIN', withContainer((c) => (c.securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN'])), 'privilege-allow-list', `${C0}.securityContext.capabilities.add[1]`],
  ['a hostPort', withContainer((c) => (c.ports = [{ containerPort: 80, hostPort: 80 }])), 'privilege-allow-list', `${C0}.ports[0].hostPort`],
  ['runAsNonRoot missing', withContainer(() => {}, (p) => delete p.securityContext.runAsNonRoot), 'restricted-run-as-non-root', `${C0}.securityContext.runAsNonRoot`],
  ['runAsUser 0', withContainer((c) => (c.securityContext.runAsUser = 0)), 'restricted-run-as-non-root', `${C0}.securityContext.runAsUser`],
  ['allowPrivilegeEscalation unset', withContainer((c) => delete c.securityContext.allowPrivilegeEscalation), 'restricted-no-privilege-escalation', `${C0}.securityContext.allowPrivilegeEscalation`],
  ['capabilities not dropped', withContainer((c) => (c.securityContext.capabilities.drop = ['NET_RAW'])), 'restricted-capabilities', `${C0}.securityContext.capabilities.drop`],
  ['seccomp Unconfined', withContainer((c) => (c.securityContext.seccompProfile = { type: 'Unconfined' })), 'restricted-seccomp', `${C0}.securityContext.seccompProfile.type`],
  ['no seccomp profile at all', withContainer(() => {}, (p) => delete p.securityContext.seccompProfile), 'restricted-seccomp', `${C0}.securityContext.seccompProfile.type`],
  ['a gitRepo volume', withContainer(() => {}, (p) => (p.volumes = [{ name: 'g', gitRepo: { repository: 'x' } }])), 'restricted-volume-types', '.spec.template.spec.volumes[0].gitRepo'],
  ['a namespace without an enforce label', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'pod-security.kubernetes.io/warn': 'restricted' } } }, 'namespace-pod-security-label', '.metadata.labels["pod-security.kubernetes.io/enforce"]'],
  ['a Job without ttlSecondsAfterFinished', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'apps' }, spec: { template: { spec: restrictedPod() } } }, 'job-ttl', '.spec.ttlSecondsAfterFinished'],
])('fails when %s', (_what, obj, rule, path) => {
  const v = checkPolicy([obj]);
  expect(v.map((x) => [x.rule, x.path])).toContainEqual([rule, path]);
  const hit = v.find((x) => x.rule === rule && x.path === path)!;
  expect(hit.message.length).toBeGreaterThan(10);
  expect(hit.fix.length).toBeGreaterThan(5);
  expect(hit.resource.name).toBe(obj.metadata.name);
});

test('NET_BIND_SERVICE is the one capability Restricted lets a container add', () => {
  expect(checkPolicy([withContainer((c) => (c.securityContext.capabilities.add = ['NET_BIND_SERVICE']))])).toEqual([]);
});

test('images pinned by digest pass, with or without a tag', () => {
  const digest = '@sha256:' + 'a'.repeat(64);
  expect(checkPolicy([withContainer((c) => (c.image = `registry.example:5000/app${digest}`))])).toEqual([]);
  expect(checkPolicy([withContainer((c) => (c.image = `registry.example/app:1.0${digest}`))])).toEqual([]);
});

describe('the privilege allow-list', () => {
  const calicoLike = (annotated: boolean, extra: (p: any) => void = () => {}) => {
    const p: any = { hostNetwork: true, volumes: [{ name: 'cni', hostPath: { path: '/opt/cni/bin' } }], containers: [{ name: 'node', image: 'quay.io/calico/node:v3.32.2', resources: { requests: { cpu: '1', memory: '1Gi' } }, securityContext: { privileged: true } }] };
    extra(p);
    const d = deployment(p, annotated ? { annotations: { 'k8s-dualstack.io/privilege-reason': 'CNI dataplane' } } : {}, 'calico-node', 'kube-system');
    return { ...d, kind: 'DaemonSet' };
  };

  test('an allow-listed workload with its reason passes, and Restricted is not asked of it', () => {
    expect(checkPolicy([calicoLike(true)])).toEqual([]);
  });

  test('fails when an allow-listed workload has no reason annotation', () => {
    expect(checkPolicy([calicoLike(false)]).map((v) => [v.rule, v.path])).toEqual([['privilege-reason', '.spec.template.metadata.annotations["k8s-dualstack.io/privilege-reason"]']]);
  });

  test('fails when an allow-listed workload uses a privilege it is not listed for', () => {
    expect(checkPolicy([calicoLike(true, (p) => (p.hostPID = true))]).map((v) => [v.rule, v.path])).toEqual([['privilege-allow-list', '.spec.template.spec.hostPID']]);
  });

  test('fails when a privileged workload runs in a namespace enforcing restricted', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
    expect(checkPolicy([ns, calicoLike(true)]).map((v) => [v.rule, v.path])).toEqual([['privilege-reason', '.metadata.namespace']]);
  });

  test('a user-supplied allow-list replaces the default', () => {
    // Not allow-listed: each privilege is a violation, and the pod is held to Restricted as well.
    expect(checkPolicy([calicoLike(true)], { privilegedWorkloads: [] }).map((v) => v.rule)).toEqual([
      'privilege-allow-list', 'privilege-allow-list', 'privilege-allow-list',
      'restricted-run-as-non-root', 'restricted-no-privilege-escalation', 'restricted-capabilities', 'restricted-seccomp',
    ]);
    const mine = { namespace: 'apps', kind: 'Deployment', name: 'web', privileges: [Privilege.HOST_NETWORK], why: 'test' };
    const hostNet = deployment({ ...restrictedPod(), hostNetwork: true }, { annotations: { 'k8s-dualstack.io/privilege-reason': 'test' } });
    expect(checkPolicy([hostNet], { privilegedWorkloads: [...DEFAULT_PRIVILEGED_WORKLOADS, mine] })).toEqual([]);
  });
});

describe('version and exemptions', () => {
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'smoke', namespace: 'apps' }, spec: { template: { spec: restrictedPod() } } };

  test('ttlSecondsAfterFinished is not asked before 1.21 (beta and on by default from 1.21)', () => {
    expect(checkPolicy([job], { kubernetesVersion: '1.20' })).toEqual([]);
    expect(checkPolicy([job], { kubernetesVersion: '1.21' }).map((v) => v.rule)).toEqual(['job-ttl']);
  });

  test('before 1.19 the seccomp profile must be the alpha annotation', () => {
    const withField = deployment();
    expect(checkPolicy([withField], { kubernetesVersion: '1.18' }).map((v) => v.rule)).toEqual(['restricted-seccomp']);
    const p = restrictedPod();
    delete (p.securityContext as any).seccompProfile;
    const withAnnotation = deployment(p, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } });
    expect(checkPolicy([withAnnotation], { kubernetesVersion: '1.18' })).toEqual([]);
  });

  test('an explicit exemption removes exactly its violation; one without a reason is not applied', () => {
    const exemption = { rule: 'job-ttl', kind: 'Job', name: 'smoke', reason: 'kept for inspection' };
    expect(checkPolicy([job], { exemptions: [exemption] })).toEqual([]);
    expect(checkPolicy([job], { exemptions: [{ ...exemption, reason: ' ' }] }).map((v) => v.rule)).toEqual(['job-ttl']);
    expect(checkPolicy([job], { exemptions: [{ ...exemption, name: 'other' }] }).map((v) => v.rule)).toEqual(['job-ttl']);
  });

  test('objects the rules do not concern, and junk, are skipped without throwing', () => {
    expect(checkPolicy([null, 1, 'x', {}, { kind: 'ClusterConfiguration', apiVersion: 'kubeadm.k8s.io/v1beta4' }, { kind: 'Deployment', spec: { template: { spec: { containers: 'x', volumes: 5 } } } }])).toEqual([]);
  });
});

test('every rule names the third-party checks it mirrors', () => {
  const tools = new Set(Object.values(PolicyTool));
  for (const r of POLICY_RULES) {
    expect(r.mirrors.length).toBeGreaterThan(0);
    for (const x of r.mirrors) expect(tools.has(x.tool)).toBe(true);
  }
  expect(new Set(POLICY_RULES.map((r) => r.id)).size).toBe(POLICY_RULES.length);
});

// ---------------------------------------------------------------- the cdk8s validation plugin

// cdk8s-cli has no `exports` for its internals: load them by path.
const CLI_LIB = join(__dirname, '..', '..', 'node_modules', 'cdk8s-cli', 'lib');

describe('PolicyValidation as cdk8s-cli loads it', () => {
  // cdk8s-cli's own loader and context (cdk8s-cli/lib/plugins), as `cdk8s synth` uses them with
  // `validations:` in cdk8s.yaml: a local package path, the class name, properties.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidationPlugin } = require(join(CLI_LIB, 'plugins', 'validation.js'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PluginManager } = require(join(CLI_LIB, 'plugins', '_manager.js'));
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-plugin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(files: Record<string, unknown[]>, properties: object = {}) {
    const manifests = Object.entries(files).map(([name, objs]) => {
      const file = join(dir, name);
      writeFileSync(file, objs.map((o) => stringify(o)).join('---\n'));
      return file;
    });
    const { plugin, context } = ValidationPlugin.load(
      { package: require.resolve('../../lib/policy/plugin'), version: '0.1.0', class: 'PolicyValidation', properties },
      { manifests },
      false,
      new PluginManager(join(dir, 'plugins')),
    );
    expect(plugin).toBeInstanceOf(PolicyValidation);
    await plugin.validate(context);
    return context.report;
  }

  test('a stack passes', async () => {
    const objs = apiObjects({ stack: 'flannel-iptables', version: '1.33' });
    const report = await run({ '0001-all.k8s.yaml': objs }, { kubernetesVersion: '1.33' });
    expect(report.success).toBe(true);
  });

  test('fails when a manifest breaks a rule: the report names rule, resource, field and file', async () => {
    const bad = withContainer((c) => (c.image = 'nginx'));
    const report = await run({ '0002-bad.k8s.yaml': [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }, bad] });
    expect(report.success).toBe(false);
    const json = report.toJson();
    expect(json.violations).toHaveLength(1);
    expect(json.violations[0].ruleName).toMatch(/^image-pinned \(mirrors kube-linter:latest-tag/);
    expect(json.violations[0].violatingConstructs[0]).toMatchObject({ resourceName: 'Deployment/apps/web', locations: [`${C0}.image`], manifestPath: join(dir, '0002-bad.k8s.yaml') });
  });
});
