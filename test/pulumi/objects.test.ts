import {
  classifyManifests,
  computeDependencies,
  computeTiers,
  configMapsReadBy,
  isConfigGroup,
  ManifestError,
  objectKey,
  resourceName,
  splitApiVersion,
  withConfigHashes,
  CONFIG_HASH_ANNOTATION,
} from '../../lib/pulumi/objects';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...extra,
});

describe('objectKey / resourceName', () => {
  test.each([
    [{ group: '', kind: 'ConfigMap', namespace: 'kube-system', name: 'kube-proxy' }, 'ConfigMap/kube-system/kube-proxy'],
    [{ group: 'apps', kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' }, 'DaemonSet.apps/kube-system/calico-node'],
    [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', namespace: '', name: 'calico-node' }, 'ClusterRole.rbac.authorization.k8s.io/calico-node'],
    [{ group: '', kind: 'Namespace', namespace: '', name: 'calico-system' }, 'Namespace/calico-system'],
  ])('%j → %s', (id, key) => {
    expect(objectKey(id)).toBe(key);
  });

  test('the version is not part of the key: v1beta1 → v1 is the same object', () => {
    const [a] = classifyManifests([obj('policy/v1beta1', 'PodDisruptionBudget', 'x', 'y')]).objects;
    const [b] = classifyManifests([obj('policy/v1', 'PodDisruptionBudget', 'x', 'y')]).objects;
    expect(resourceName('c', a.key)).toBe(resourceName('c', b.key));
  });

  test.each([
    ['v1', { group: '', version: 'v1' }],
    ['apps/v1', { group: 'apps', version: 'v1' }],
    ['operator.tigera.io/v1', { group: 'operator.tigera.io', version: 'v1' }],
  ])('splitApiVersion(%s)', (av, expected) => {
    expect(splitApiVersion(av)).toEqual(expected);
  });
});

describe('classifyManifests', () => {
  test.each([
    ['kubeadm.k8s.io', true],
    ['kubelet.config.k8s.io', true],
    ['kubeproxy.config.k8s.io', true],
    ['apiserver.config.k8s.io', true],
    ['apps', false],
    ['networking.k8s.io', false],
    ['operator.tigera.io', false],
  ])('isConfigGroup(%s) = %s', (group, expected) => {
    expect(isConfigGroup(group)).toBe(expected);
  });

  test('documents without metadata.name or of a config group are documents, keyed by group and kind', () => {
    const c = classifyManifests([
      { apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'InitConfiguration' },
      { apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'JoinConfiguration' },
      { apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'JoinConfiguration' },
      { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', metadata: { name: 'generated-by-cdk8s' } },
      null,
      obj('v1', 'ConfigMap', 'a', 'b'),
    ]);
    expect(c.documents.map((d) => d.key)).toEqual([
      'kubeadm.k8s.io/InitConfiguration',
      'kubeadm.k8s.io/JoinConfiguration',
      'kubeadm.k8s.io/JoinConfiguration#2',
      'kubeproxy.config.k8s.io/KubeProxyConfiguration',
    ]);
    expect(c.objects.map((o) => o.key)).toEqual(['ConfigMap/b/a']);
  });

  test('fails when documents lack apiVersion or kind, or repeat an object, listing all of them', () => {
    expect(() => classifyManifests([{ kind: 'ConfigMap' }, 'text', obj('v1', 'ConfigMap', 'a', 'b'), obj('v1', 'ConfigMap', 'a', 'b')])).toThrow(ManifestError);
    try {
      classifyManifests([{ kind: 'ConfigMap' }, 'text', obj('v1', 'ConfigMap', 'a', 'b'), obj('v1', 'ConfigMap', 'a', 'b')]);
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(4);
    }
  });
});

describe('computeDependencies', () => {
  const objects = classifyManifests([
    obj('apps/v1', 'DaemonSet', 'calico-node', 'calico-system'),
    obj('operator.tigera.io/v1', 'Installation', 'default'),
    obj('operator.tigera.io/v1', 'APIServer', 'default'),
    obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'installations.operator.tigera.io', undefined, { spec: { group: 'operator.tigera.io', names: { kind: 'Installation' } } }),
    obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'apiservers.operator.tigera.io', undefined, { spec: { group: 'operator.tigera.io', names: { kind: 'APIServer' } } }),
    obj('crd.projectcalico.org/v1', 'IPPool', 'other-group'),
    obj('v1', 'Namespace', 'calico-system'),
    obj('v1', 'ConfigMap', 'cni-config', 'calico-system'),
    obj('v1', 'ConfigMap', 'elsewhere', 'kube-system'),
    obj('v1', 'Secret', 'typha-certs', 'calico-system'),
    obj('rbac.authorization.k8s.io/v1', 'Role', 'r', 'calico-system'),
    obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rb', 'calico-system', { roleRef: { kind: 'Role', name: 'r' } }),
    obj('v1', 'Service', 'calico-typha', 'calico-system'),
  ]).objects;
  const deps = computeDependencies(objects);

  test('a custom resource waits for the CRD of its group and kind only', () => {
    expect(deps.get('Installation.operator.tigera.io/default')).toEqual(['CustomResourceDefinition.apiextensions.k8s.io/installations.operator.tigera.io']);
    expect(deps.get('APIServer.operator.tigera.io/default')).toEqual(['CustomResourceDefinition.apiextensions.k8s.io/apiservers.operator.tigera.io']);
    expect(deps.get('IPPool.crd.projectcalico.org/other-group')).toEqual([]);
  });

  test('a workload waits for its Namespace and the config and RBAC of its namespace, not of others', () => {
    expect(deps.get('DaemonSet.apps/calico-system/calico-node')).toEqual([
      'ConfigMap/calico-system/cni-config',
      'Namespace/calico-system',
      'Role.rbac.authorization.k8s.io/calico-system/r',
      'RoleBinding.rbac.authorization.k8s.io/calico-system/rb',
      'Secret/calico-system/typha-certs',
    ]);
  });

  test('a binding waits for its role; a Service only for its Namespace', () => {
    expect(deps.get('RoleBinding.rbac.authorization.k8s.io/calico-system/rb')).toEqual(['Namespace/calico-system', 'Role.rbac.authorization.k8s.io/calico-system/r']);
    expect(deps.get('Service/calico-system/calico-typha')).toEqual(['Namespace/calico-system']);
    expect(deps.get('ConfigMap/kube-system/elsewhere')).toEqual([]);
  });

  test('tiers do not depend on document order', () => {
    const reversed = [...objects].reverse();
    const sortTiers = (t: string[][]) => t.map((x) => [...x].sort());
    expect(sortTiers(computeTiers(reversed, computeDependencies(reversed)))).toEqual(sortTiers(computeTiers(objects, deps)));
    expect(computeTiers(objects, deps)).toHaveLength(4); // Namespace → Role → RoleBinding → DaemonSet
  });
});

describe('config hashes', () => {
  test('configMapsReadBy finds volumes, projected volumes, envFrom and env references', () => {
    expect(
      configMapsReadBy({
        volumes: [{ configMap: { name: 'a' } }, { projected: { sources: [{ configMap: { name: 'b' } }, { secret: { name: 's' } }] } }],
        initContainers: [{ envFrom: [{ configMapRef: { name: 'c' } }] }],
        containers: [{ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'd', key: 'k' } } }] }],
      }),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  test('only rolling workloads that read a ConfigMap of the manifests get the annotation', () => {
    const ds = (name: string, cm: string) =>
      obj('apps/v1', 'DaemonSet', name, 'ns', { spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [], volumes: [{ name: 'v', configMap: { name: cm } }] } } } });
    const out = withConfigHashes(classifyManifests([obj('v1', 'ConfigMap', 'present', 'ns', { data: { a: '1' } }), ds('reads', 'present'), ds('reads-missing', 'absent')]).objects);
    const annotations = (i: number) => (out[i].object as any).spec.template.metadata.annotations;
    expect(Object.keys(annotations(1))).toEqual([CONFIG_HASH_ANNOTATION]);
    expect((out[1].object as any).spec.template.metadata.labels).toEqual({ a: 'b' });
    expect(annotations(2)).toBeUndefined();
  });
});
