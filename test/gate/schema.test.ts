/**
 * Gate §1: every object of every stack, on every version line of the matrix, is valid against the
 * Kubernetes OpenAPI schema of its line (support/k8s-schemas.ts says which: 1.33.0 for the older
 * lines, 1.33.0 and 1.36.0 together for 1.34–1.35, 1.36.0 from 1.36 on) with unknown fields
 * rejected (a field tree from the same definitions), and every custom resource against the CRD we
 * ship or the strict catalog schema (test/fixtures/schemas). What cannot be checked is pinned below
 * and in docs/gate.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkCustomResource } from './support/custom-resources';
import { FieldTrees } from './support/field-tree';
import { hasKind, K8S_1_33_0, K8S_1_36_0, ModelValidator, SchemaRelease, schemaReleasesFor, SCHEMA_DECIDED_UNTIL } from './support/k8s-schemas';
import { apiObjects, caseName, CURRENT_WINDOW_FROM, currentLines, HISTORICAL_VERSIONS, MATRIX, StackCase, synthCase } from './support/stacks';
import { KubernetesVersion } from '../../lib/plan/version';

const RELEASES: readonly SchemaRelease[] = [K8S_1_33_0, K8S_1_36_0];

/** A built-in kind: one of the schema releases has a model for it (else it is a custom resource). */
const isBuiltIn = (o: { apiVersion: string; kind: string }): boolean => RELEASES.some((r) => hasKind(r, o.apiVersion, o.kind));

/**
 * Fields our older renderings use that the newer schemas no longer have, accepted only before the
 * version that dropped them. Each is the API of its era, not a mistake.
 */
const ERA_FIELDS: ReadonlyArray<{ key: string; path: RegExp; before: string; reason: string }> = [
  {
    key: 'v1/Service',
    path: /^\.spec\.ipFamily$/,
    before: '1.20',
    reason: 'alpha dual-stack API (1.16–1.19): singular spec.ipFamily, replaced by ipFamilies/ipFamilyPolicy in 1.20 and gone from the 1.33 schema',
  },
];

function eraAllowed(c: Pick<StackCase, 'version'>, key: string, path: string): boolean {
  const v = KubernetesVersion.tryParse(c.version)!;
  return ERA_FIELDS.some((e) => e.key === key && e.path.test(path) && v.before(e.before));
}

const allObjects = MATRIX.flatMap((c) => apiObjects(c));
const validators = new Map(RELEASES.map((r) => [r, new ModelValidator(r)] as const));
const trees = new Map<SchemaRelease, FieldTrees>();
beforeAll(() => {
  const kinds = new Map(allObjects.filter(isBuiltIn).map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }]));
  // Pod: for the release-marker fields below.
  kinds.set('v1/Pod', { apiVersion: 'v1', kind: 'Pod' });
  for (const r of RELEASES) {
    trees.set(r, new FieldTrees([...kinds.values()], r.modelsDir));
    // One batch per release (one child process for the ESM one) with every object checked against it.
    validators.get(r)!.prime(MATRIX.filter((c) => schemaReleasesFor(c.version).includes(r)).flatMap((c) => apiObjects(c).filter(isBuiltIn)));
  }
});

/** Everything the gate says about one built-in object on a line; counts what each release checked. */
function checkBuiltIn(version: string, o: any, checked?: Map<SchemaRelease, number>): string[] {
  const key = `${o.apiVersion}/${o.kind}`;
  const id = `${key} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
  const errors: string[] = [];
  for (const r of schemaReleasesFor(version)) {
    const msgs = validators.get(r)!.errors(o);
    if (msgs === null || !hasKind(r, o.apiVersion, o.kind)) {
      errors.push(`${id}: ${key} is not in the Kubernetes ${r.kubernetes} schema (${r.source})`);
      continue;
    }
    checked?.set(r, (checked.get(r) ?? 0) + 1);
    for (const m of msgs) errors.push(`${id} (Kubernetes ${r.kubernetes}): ${m}`);
    for (const path of trees.get(r)!.unknownFields(o)) {
      if (!eraAllowed({ version }, key, path)) errors.push(`${id}: unknown field ${path} (Kubernetes ${r.kubernetes})`);
    }
  }
  return errors;
}

const schemaNames = (version: string): string => schemaReleasesFor(version).map((r) => r.kubernetes).join(' and ');

describe.each(MATRIX.map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
  test(`every built-in object is valid against the Kubernetes ${schemaNames(c.version)} schema, without unknown fields`, () => {
    const errors: string[] = [];
    const checked = new Map<SchemaRelease, number>();
    for (const o of apiObjects(c)) if (isBuiltIn(o)) errors.push(...checkBuiltIn(c.version, o, checked));
    expect(errors).toEqual([]);
    // Every schema of the line really checked the stack's objects (no silent skip).
    for (const r of schemaReleasesFor(c.version)) expect(checked.get(r) ?? 0).toBeGreaterThan(5);
  });

  test('every custom resource is valid against the shipped CRD or the strict catalog schema', () => {
    const objects = apiObjects(c);
    const errors: string[] = [];
    for (const o of objects) {
      if (isBuiltIn(o)) continue;
      const r = checkCustomResource(o, objects);
      if (r.by !== 'unchecked') for (const e of r.errors) errors.push(`${o.apiVersion}/${o.kind} ${o.metadata?.name} (${r.source}): ${e}`);
    }
    expect(errors).toEqual([]);
  });
});

describe('schemas of the versions we target', () => {
  test.each(currentLines().map((v) => [v] as const))('every stack is a %s line, checked against a schema of 1.36.0 (the newest offline)', (v) => {
    expect(MATRIX.filter((c) => c.version === v).map((c) => c.stack).sort()).toEqual(Object.keys(HISTORICAL_VERSIONS).sort());
    expect(schemaReleasesFor(v)).toContain(K8S_1_36_0);
  });

  test('the current lines follow KubernetesVersion.MAX_SUPPORTED (1.36–1.38 switch on when the window widens)', () => {
    expect(currentLines()[0]).toBe(CURRENT_WINDOW_FROM);
    expect(currentLines()[currentLines().length - 1]).toBe(KubernetesVersion.parse(KubernetesVersion.MAX_SUPPORTED).toString());
    expect(currentLines('1.38')).toEqual(['1.35', '1.36', '1.37', '1.38']);
  });

  test.each([
    ['1.18', ['1.33.0']],
    ['1.33', ['1.33.0']],
    ['1.34', ['1.33.0', '1.36.0']],
    ['1.35', ['1.33.0', '1.36.0']],
    ['1.36', ['1.36.0']],
    ['1.37', ['1.36.0']],
    ['1.38', ['1.36.0']],
  ])('a %s line is checked against Kubernetes %j', (v, want) => {
    expect(schemaReleasesFor(v).map((r) => r.kubernetes)).toEqual(want);
  });

  test('fails when a line is newer than any schema decision (no silent fallback)', () => {
    const next = `1.${KubernetesVersion.parse(SCHEMA_DECIDED_UNTIL).minor + 1}`;
    expect(() => schemaReleasesFor(next)).toThrow(/no Kubernetes schema decided for 1\.39/);
    // The window never outgrows the decisions: MAX_SUPPORTED past 1.38 fails here first.
    expect(KubernetesVersion.parse(KubernetesVersion.MAX_SUPPORTED).minor).toBeLessThanOrEqual(KubernetesVersion.parse(SCHEMA_DECIDED_UNTIL).minor);
  });

  // Each schema set is the release it claims: a field that exists only from that release on is
  // known, and one that a later (or the previous) release changed is not.
  test.each([
    // Lifecycle.stopSignal: added in 1.33 (kubernetes#130556, KEP-4960). PodSpec.hostnameOverride: added in 1.34 (kubernetes#132558, KEP-4762).
    ['1.33.0', '.spec.containers[0].lifecycle.stopSignal', '.spec.hostnameOverride'],
    // PodSpec.schedulingGroup: added in 1.36 (kubernetes#136976, KEP-4671/5832), which tombstoned the 1.35 alpha PodSpec.workloadRef.
    ['1.36.0', '.spec.schedulingGroup', '.spec.workloadRef'],
  ])('the Kubernetes %s schema set is that release (knows %s, not %s)', (release, known, unknown) => {
    const r = RELEASES.find((x) => x.kubernetes === release)!;
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'marker' },
      spec: { containers: [{ name: 'c', image: 'x:1', lifecycle: { stopSignal: 'SIGTERM' } }], hostnameOverride: 'h', schedulingGroup: {}, workloadRef: {} },
    };
    const found = trees.get(r)!.unknownFields(pod);
    expect(found).not.toContain(known);
    expect(found).toContain(unknown);
  });
});

describe('what cannot be checked (docs/gate.md lists the same)', () => {
  test('no custom resource of any stack is left without a schema', () => {
    const unchecked: Record<string, string> = {};
    for (const c of MATRIX) {
      const objects = apiObjects(c);
      for (const o of objects) {
        if (isBuiltIn(o)) continue;
        const r = checkCustomResource(o, objects);
        if (r.by === 'unchecked') unchecked[`${o.apiVersion}/${o.kind}`] = r.reason;
      }
    }
    expect(unchecked).toEqual({});
  });

  test('the kubeadm files hold only kubeadm/kubelet/kube-proxy config documents (no OpenAPI schema offline)', () => {
    const kinds = new Set<string>();
    for (const c of MATRIX) {
      for (const ch of synthCase(c)) if (ch.file.endsWith('.kubeadm.conf')) for (const o of ch.objects) kinds.add(`${o.apiVersion}/${o.kind}`);
    }
    expect([...kinds].sort()).toEqual([
      'kubeadm.k8s.io/v1beta2/ClusterConfiguration',
      'kubeadm.k8s.io/v1beta2/InitConfiguration',
      'kubeadm.k8s.io/v1beta2/JoinConfiguration',
      'kubeadm.k8s.io/v1beta3/ClusterConfiguration',
      'kubeadm.k8s.io/v1beta3/InitConfiguration',
      'kubeadm.k8s.io/v1beta3/JoinConfiguration',
      'kubeadm.k8s.io/v1beta4/ClusterConfiguration',
      'kubeadm.k8s.io/v1beta4/InitConfiguration',
      'kubeadm.k8s.io/v1beta4/JoinConfiguration',
      'kubelet.config.k8s.io/v1beta1/KubeletConfiguration',
      'kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration',
    ]);
  });

  test('every API object kind of the matrix is either a kubernetes-models kind or a custom resource we check', () => {
    const builtin = new Set<string>();
    const custom = new Set<string>();
    for (const o of allObjects) (isBuiltIn(o) ? builtin : custom).add(`${o.apiVersion}/${o.kind}`);
    expect([...custom].sort()).toEqual([
      'gateway.envoyproxy.io/v1alpha1/EnvoyProxy',
      'gateway.networking.k8s.io/v1/Gateway',
      'gateway.networking.k8s.io/v1/GatewayClass',
      'gateway.networking.k8s.io/v1/HTTPRoute',
      'operator.tigera.io/v1/Installation',
    ]);
    expect(builtin.has('networking.k8s.io/v1beta1/Ingress')).toBe(true);
  });
});

describe('the checks can fail', () => {
  const deployment = () => JSON.parse(JSON.stringify(allObjects.find((o) => o.kind === 'Deployment')));

  test('fails when a container has an unknown field', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].imagePullPolice = 'Always';
    d.spec.template.metadata.labelz = {};
    for (const r of RELEASES) expect(trees.get(r)!.unknownFields(d)).toEqual(['.spec.template.metadata.labelz', '.spec.template.spec.containers[0].imagePullPolice']);
  });

  test.each(['1.35', '1.36', '1.38'])('fails when a Deployment on a %s line has an unknown field or a wrong type', (v) => {
    const d = deployment();
    d.spec.replicas = 'two';
    d.spec.template.spec.containers[0].imagePullPolice = 'Always';
    const errors = checkBuiltIn(v, d).join('\n');
    expect(errors).toMatch(/\(Kubernetes 1\.36\.0\): .*replicas must be integer/);
    expect(errors).toMatch(/unknown field \.spec\.template\.spec\.containers\[0\]\.imagePullPolice \(Kubernetes 1\.36\.0\)/);
  });

  test('fails when a 1.35 line uses a field only 1.36 has (PodSpec.schedulingGroup); a 1.36 line may', () => {
    const d = deployment();
    d.spec.template.spec.schedulingGroup = { podGroupName: 'g' };
    expect(checkBuiltIn('1.35', d)).toEqual([expect.stringMatching(/unknown field \.spec\.template\.spec\.schedulingGroup \(Kubernetes 1\.33\.0\)$/)]);
    expect(checkBuiltIn('1.36', d)).toEqual([]);
  });

  test('fails when the 1.36.0 schema has no such kind (a kind the ESM release lacks is an error, not a skip)', () => {
    const bogus = { apiVersion: 'apps/v1', kind: 'DeploymentX', metadata: { name: 'x' } };
    expect(validators.get(K8S_1_36_0)!.errors(bogus)).toBeNull();
    expect(checkBuiltIn('1.36', bogus)).toEqual(['apps/v1/DeploymentX x: apps/v1/DeploymentX is not in the Kubernetes 1.36.0 schema (kubernetes-models@5.1.0)']);
  });

  test('fails when a models folder has an import that does not resolve (no silently open subtree)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'field-tree-'));
    try {
      mkdirSync(join(dir, 'v1'));
      writeFileSync(join(dir, 'v1', 'Foo.d.ts'), 'import { IBar } from "./Missing.js";\nexport interface IFoo { "apiVersion": "v1"; "kind": "Foo"; "spec"?: IBar; }\n');
      expect(() => new FieldTrees([{ apiVersion: 'v1', kind: 'Foo' }], dir)).toThrow(/IFoo\.spec is `any`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails when a CRD schema has a misspelt keyword deep inside', () => {
    const crd = JSON.parse(JSON.stringify(allObjects.find((o) => o.kind === 'CustomResourceDefinition' && o.spec.versions[0].schema.openAPIV3Schema.properties)));
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.propertise = {};
    for (const r of RELEASES) expect(trees.get(r)!.unknownFields(crd)).toEqual(['.spec.versions[0].schema.openAPIV3Schema.properties["spec"].propertise']);
  });

  test('fails when the singular alpha spec.ipFamily appears on a line from 1.20 on', () => {
    const svc = apiObjects({ stack: 'calico-manifest-ipvs', version: '1.18' }).find((o) => o.kind === 'Service');
    expect(trees.get(K8S_1_33_0)!.unknownFields(svc)).toEqual(['.spec.ipFamily']);
    expect(eraAllowed({ version: '1.18' }, 'v1/Service', '.spec.ipFamily')).toBe(true);
    expect(eraAllowed({ version: '1.21' }, 'v1/Service', '.spec.ipFamily')).toBe(false);
    expect(checkBuiltIn('1.21', svc)).toEqual([expect.stringMatching(/unknown field \.spec\.ipFamily \(Kubernetes 1\.33\.0\)$/)]);
  });

  test('fails when the schema is violated (kubernetes-models 4.5.1, Kubernetes 1.33.0)', () => {
    const d = deployment();
    d.spec.replicas = 'two';
    expect(validators.get(K8S_1_33_0)!.errors(d)).toEqual([expect.stringMatching(/replicas/)]);
  });

  test('fails when a custom resource has an unknown field (shipped CRD, made strict)', () => {
    const inst = allObjects.find((o) => o.kind === 'Installation');
    const shipped = apiObjects({ stack: 'calico-operator-nftables', version: '1.33' });
    const bad = { ...inst, spec: { ...inst.spec, calicoNetwork: { ...inst.spec.calicoNetwork, ipPoolz: [] } } };
    const r = checkCustomResource(bad, shipped);
    expect(r.by).toBe('crd');
    expect(r.by !== 'unchecked' && r.errors.join('\n')).toMatch(/calicoNetwork must NOT have additional properties: ipPoolz/);
  });

  test('fails when a Gateway has an unknown field (vendored catalog schema)', () => {
    const gw = allObjects.find((o) => o.kind === 'Gateway');
    const r = checkCustomResource({ ...gw, spec: { ...gw.spec, listenerz: [] } }, []);
    expect(r.by).toBe('catalog-schema');
    expect(r.by !== 'unchecked' && r.errors.join('\n')).toMatch(/listenerz/);
  });
});
