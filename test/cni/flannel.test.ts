import { FlannelBackend, renderFlannel } from '../../lib/cni';
import { DEFAULT_FLANNEL_CNI_PLUGIN_VERSION, DEFAULT_FLANNEL_VERSION } from '../../lib/cni/versions';
import manifest from '../../lib/upstream/flannel/v0.28.9/kube-flannel.json';
import { ClusterNetwork } from '../../lib/plan';
import { containers, fieldReportPlan, IPV6_ONLY, rbacRules, validateKnown } from './helpers';

const netConf = (objs: any[]) => JSON.parse(objs.find((o) => o.kind === 'ConfigMap').data['net-conf.json']);
const flanneld = (objs: any[]) => objs.find((o) => o.kind === 'DaemonSet').spec.template.spec.containers[0];

describe('flannel', () => {
  const objects: any[] = renderFlannel(fieldReportPlan());

  test('net-conf.json carries the plan networks and node masks exactly', () => {
    expect(netConf(objects)).toEqual({
      Network: '172.16.0.0/16',
      IPv6Network: 'fc00::/48',
      EnableIPv4: true,
      EnableIPv6: true,
      SubnetLen: 24,
      IPv6SubnetLen: 64,
      Backend: { Type: 'vxlan' },
    });
  });

  test('IPv6-only: EnableIPv4 false and no IPv4 network', () => {
    expect(netConf(renderFlannel(ClusterNetwork.plan(IPV6_ONLY), { backend: FlannelBackend.WIREGUARD }))).toEqual({
      IPv6Network: 'fd12:3456:789a::/48',
      EnableIPv4: false,
      EnableIPv6: true,
      IPv6SubnetLen: 64,
      Backend: { Type: 'wireguard' },
    });
  });

  test('flanneld args: upstream\'s --ip-masq --kube-subnet-mgr --healthz-port=8081 plus interface options', () => {
    expect(flanneld(objects).args).toEqual(['--ip-masq', '--kube-subnet-mgr', '--healthz-port=8081']);
    const objs = renderFlannel(fieldReportPlan(), { iface: ['eth0', '192.168.101.53'], ifaceCanReach: '2003:ac18::30a:254', publicIPv6: '2003:ac18::30a:2' });
    expect(flanneld(objs).args).toEqual([
      '--ip-masq',
      '--kube-subnet-mgr',
      '--healthz-port=8081',
      '--iface=eth0',
      '--iface=192.168.101.53',
      '--iface-can-reach=2003:ac18::30a:254',
      '--public-ipv6=2003:ac18::30a:2',
    ]);
  });

  test('NET_ADMIN and NET_RAW instead of privileged; namespace privileged; reason annotated', () => {
    expect(flanneld(objects).securityContext).toEqual({ privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } });
    expect(containers(objects).some(({ c }) => c.securityContext?.privileged)).toBe(false);
    expect(objects[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    const ds = objects.find((o) => o.kind === 'DaemonSet');
    expect(ds.spec.template.spec.hostNetwork).toBe(true);
    expect(ds.spec.template.metadata.annotations['k8s-dualstack.io/privilege-reason']).toMatch(/NET_ADMIN/);
  });

  test('RBAC as upstream: get pods; get/list/watch nodes; patch nodes/status', () => {
    expect(rbacRules(objects)).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
    ]);
  });

  test('pinned images, requests everywhere, all objects valid', () => {
    expect(containers(objects).map(({ c }) => c.image)).toEqual([
      'ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
      'ghcr.io/flannel-io/flannel:v0.28.9',
      'ghcr.io/flannel-io/flannel:v0.28.9',
    ]);
    for (const { c } of containers(objects)) expect(c.resources.requests).toBeDefined();
    expect(validateKnown(objects)).toEqual([]);
  });

  test('the pins are the images of the derived kube-flannel.yml (v0.28.9 with CNI plugin v1.9.1-flannel3)', () => {
    const up = manifest.objects.find((o: any) => o.kind === 'DaemonSet') as any;
    const images = [...up.spec.template.spec.initContainers, ...up.spec.template.spec.containers].map((c: any) => c.image);
    expect(images).toEqual([`ghcr.io/flannel-io/flannel-cni-plugin:${DEFAULT_FLANNEL_CNI_PLUGIN_VERSION}`, `ghcr.io/flannel-io/flannel:${DEFAULT_FLANNEL_VERSION}`, `ghcr.io/flannel-io/flannel:${DEFAULT_FLANNEL_VERSION}`]);
    expect(manifest.source.tag).toBe(DEFAULT_FLANNEL_VERSION);
  });

  test('DaemonSet kube-flannel-ds: upstream v0.28.9 install-conf and the healthz probes', () => {
    const ds = objects.find((o) => o.kind === 'DaemonSet');
    const [, installCni] = ds.spec.template.spec.initContainers;
    expect(installCni.command).toEqual(['/opt/bin/install-conf']);
    expect(installCni.args).toEqual(['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist']);
    expect(flanneld(objects).livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'healthz' });
    expect(flanneld(objects).readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'healthz' });
    expect(flanneld(objects).ports).toEqual([{ name: 'healthz', containerPort: 8081, protocol: 'TCP' }]);
  });

  test('ConfigMap kube-flannel-cfg: cni-conf.json is upstream\'s text, byte for byte', () => {
    const up = manifest.objects.find((o: any) => o.kind === 'ConfigMap') as any;
    expect(objects.find((o) => o.kind === 'ConfigMap').data['cni-conf.json']).toBe(up.data['cni-conf.json']);
    expect(up.data['net-conf.json']).toBeUndefined();
  });

  test('golden: field report, flannel', () => {
    expect(objects).toMatchSnapshot();
  });
});
