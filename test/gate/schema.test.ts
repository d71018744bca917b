/**
 * Gate §1: every object of every stack, on every version line of the matrix, is valid against the
 * Kubernetes 1.33 OpenAPI schema (kubernetes-models 4.5.1 validators) with unknown fields rejected
 * (field tree from the same definitions), and every custom resource against the CRD we ship or
 * the strict shared schema. What cannot be checked is pinned below and in docs/gate.md.
 */
import { checkCustomResource } from './support/custom-resources';
import { declarationFile, FieldTrees } from './support/field-tree';
import { apiObjects, caseName, MATRIX, StackCase, synthCase } from './support/stacks';
import { KubernetesVersion } from '../../lib/plan/version';

/** Kind → its kubernetes-models class (`validate()` throws on schema errors). */
function modelOf(apiVersion: string, kind: string): (new (o: unknown) => { validate(): void }) | undefined {
  const file = declarationFile(apiVersion, kind);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file ? require(file.replace(/\.d\.ts$/, ''))[kind] : undefined;
}

/**
 * Fields our older renderings use that the 1.33 schema no longer has, accepted only before the
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

function eraAllowed(c: StackCase, key: string, path: string): boolean {
  const v = KubernetesVersion.tryParse(c.version)!;
  return ERA_FIELDS.some((e) => e.key === key && e.path.test(path) && v.before(e.before));
}

const allObjects = MATRIX.flatMap((c) => apiObjects(c));
let trees: FieldTrees;
beforeAll(() => {
  const kinds = new Map(allObjects.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }]));
  trees = new FieldTrees([...kinds.values()]);
});

describe.each(MATRIX.map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
  test('every built-in object is valid against the 1.33 schema, without unknown fields', () => {
    const errors: string[] = [];
    let checked = 0;
    for (const o of apiObjects(c)) {
      const key = `${o.apiVersion}/${o.kind}`;
      const Model = modelOf(o.apiVersion, o.kind);
      if (!Model) continue;
      checked++;
      const id = `${key} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
      try {
        new Model(JSON.parse(JSON.stringify(o))).validate();
      } catch (e) {
        errors.push(`${id}: ${(e as Error).message}`);
      }
      for (const path of trees.unknownFields(o)) if (!eraAllowed(c, key, path)) errors.push(`${id}: unknown field ${path}`);
    }
    expect(errors).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  test('every custom resource is valid against the shipped CRD or the strict shared schema', () => {
    const objects = apiObjects(c);
    const errors: string[] = [];
    for (const o of objects) {
      if (modelOf(o.apiVersion, o.kind)) continue;
      const r = checkCustomResource(o, objects);
      if (r.by !== 'unchecked') for (const e of r.errors) errors.push(`${o.apiVersion}/${o.kind} ${o.metadata?.name} (${r.source}): ${e}`);
    }
    expect(errors).toEqual([]);
  });
});

describe('what cannot be checked (docs/gate.md lists the same)', () => {
  test('no custom resource of any stack is left without a schema', () => {
    const unchecked: Record<string, string> = {};
    for (const c of MATRIX) {
      const objects = apiObjects(c);
      for (const o of objects) {
        if (modelOf(o.apiVersion, o.kind)) continue;
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
    for (const o of allObjects) (modelOf(o.apiVersion, o.kind) ? builtin : custom).add(`${o.apiVersion}/${o.kind}`);
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
    expect(trees.unknownFields(d)).toEqual(['.spec.template.metadata.labelz', '.spec.template.spec.containers[0].imagePullPolice']);
  });

  test('fails when a CRD schema has a misspelt keyword deep inside', () => {
    const crd = JSON.parse(JSON.stringify(allObjects.find((o) => o.kind === 'CustomResourceDefinition' && o.spec.versions[0].schema.openAPIV3Schema.properties)));
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.propertise = {};
    expect(trees.unknownFields(crd)).toEqual(['.spec.versions[0].schema.openAPIV3Schema.properties["spec"].propertise']);
  });

  test('fails when the singular alpha spec.ipFamily appears on a line from 1.20 on', () => {
    const svc = apiObjects({ stack: 'calico-manifest-ipvs', version: '1.18' }).find((o) => o.kind === 'Service');
    expect(trees.unknownFields(svc)).toEqual(['.spec.ipFamily']);
    expect(eraAllowed({ stack: 'calico-manifest-ipvs', version: '1.18', shipped: false }, 'v1/Service', '.spec.ipFamily')).toBe(true);
    expect(eraAllowed({ stack: 'calico-manifest-ipvs', version: '1.21', shipped: false }, 'v1/Service', '.spec.ipFamily')).toBe(false);
  });

  test('fails when the schema is violated (kubernetes-models)', () => {
    const d = deployment();
    d.spec.replicas = 'two';
    const Model = modelOf('apps/v1', 'Deployment')!;
    expect(() => new Model(d).validate()).toThrow(/replicas/);
  });

  test('fails when a custom resource has an unknown field (shipped CRD, made strict)', () => {
    const inst = allObjects.find((o) => o.kind === 'Installation');
    const shipped = apiObjects({ stack: 'calico-operator-ipvs', version: '1.33' });
    const bad = { ...inst, spec: { ...inst.spec, calicoNetwork: { ...inst.spec.calicoNetwork, ipPoolz: [] } } };
    const r = checkCustomResource(bad, shipped);
    expect(r.by).toBe('crd');
    expect(r.by !== 'unchecked' && r.errors.join('\n')).toMatch(/calicoNetwork must NOT have additional properties: ipPoolz/);
  });

  test('fails when a Gateway has an unknown field (shared schema)', () => {
    const gw = allObjects.find((o) => o.kind === 'Gateway');
    const r = checkCustomResource({ ...gw, spec: { ...gw.spec, listenerz: [] } }, []);
    expect(r.by).toBe('shared-schema');
    expect(r.by !== 'unchecked' && r.errors.join('\n')).toMatch(/listenerz/);
  });
});
