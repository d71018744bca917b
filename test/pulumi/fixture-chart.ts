import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';

/**
 * A small chart with one object of each ordering role: Namespace, CRD + custom resource of its
 * group, ConfigMap, ServiceAccount, ClusterRole + binding, Deployment, DaemonSet (reading the
 * ConfigMap), Service, and two configuration documents (kubeadm without metadata, a
 * KubeletConfiguration to which cdk8s gave a generated name).
 */
export function fixtureChart(options: { extra?: boolean; configData?: string } = {}): Chart {
  const app = new App();
  const chart = new Chart(app, 'fixture');
  const ns = 'dualstack-demo';
  const labels = { app: 'demo' };
  const podSpec = {
    serviceAccountName: 'demo',
    containers: [{ name: 'demo', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
    volumes: [{ name: 'config', configMap: { name: 'demo-config' } }],
  };
  new ApiObject(chart, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
  new ApiObject(chart, 'crd', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'ippools.example.dualstack.io' },
    spec: {
      group: 'example.dualstack.io',
      names: { kind: 'IPPool', plural: 'ippools', singular: 'ippool', listKind: 'IPPoolList' },
      scope: 'Cluster',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
  new ApiObject(chart, 'pool', { apiVersion: 'example.dualstack.io/v1', kind: 'IPPool', metadata: { name: 'default-ipv6' }, spec: { cidr: 'fd00:10:244::/56' } } as any);
  new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo-config', namespace: ns }, data: { 'config.yaml': options.configData ?? 'families: [IPv4, IPv6]\n' } } as any);
  new ApiObject(chart, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'demo', namespace: ns } });
  new ApiObject(chart, 'role', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'demo-read-nodes' },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }],
  } as any);
  new ApiObject(chart, 'binding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'demo-read-nodes' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'demo-read-nodes' },
    subjects: [{ kind: 'ServiceAccount', name: 'demo', namespace: ns }],
  } as any);
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demo', namespace: ns },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
  } as any);
  new ApiObject(chart, 'daemonset', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'demo-agent', namespace: ns },
    spec: { selector: { matchLabels: { app: 'demo-agent' } }, template: { metadata: { labels: { app: 'demo-agent' } }, spec: podSpec } },
  } as any);
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'demo', namespace: ns },
    spec: { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'], selector: labels, ports: [{ port: 80 }] },
  } as any);
  const kubeadm = new ApiObject(chart, 'kubeadm', { apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'ClusterConfiguration', networking: { podSubnet: '10.244.0.0/16,fd00:10:244::/56' } } as any);
  // kubeadm's documents carry no metadata; cdk8s always writes a name, so drop it as a renderer would.
  kubeadm.addJsonPatch(JsonPatch.remove('/metadata'));
  new ApiObject(chart, 'kubelet', { apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', maxPods: 110 } as any);
  if (options.extra) {
    new ApiObject(chart, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: ns }, data: { a: 'b' } } as any);
  }
  return chart;
}
