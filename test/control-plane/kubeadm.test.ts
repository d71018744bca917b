import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ControlPlaneConfig } from '../../lib/control-plane/control-plane-config';
import { KubeadmApiVersion, kubeadmApiVersion } from '../../lib/control-plane/api-version';
import {
  KubeadmDefaults,
  kubeadmYaml,
  renderClusterConfiguration,
  renderInitConfiguration,
  renderJoinConfigurations,
  renderKubeadmConfig,
  renderKubeletConfiguration,
} from '../../lib/control-plane/render-kubeadm';
import { renderExistingClusterFlags, renderExistingClusterText } from '../../lib/control-plane/render-existing';
import { controlPlaneFindings } from '../../lib/control-plane/rules';
import { ApiObject } from 'cdk8s';
import { ClusterNetwork } from '../../lib/plan/network';
import { KubernetesVersion } from '../../lib/plan/version';
import { fieldReportSpec, NODE53, NODE54, VERSION_LINES } from './fixture';

const plan = (v = '1.33', extra = {}) => ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: v, nodes: [NODE53, NODE54], ...extra }));
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);

describe('kubeadm API version by target', () => {
  test.each([
    ['1.16', KubeadmApiVersion.V1BETA2],
    ['1.20', KubeadmApiVersion.V1BETA2],
    ['1.21', KubeadmApiVersion.V1BETA2],
    ['1.22', KubeadmApiVersion.V1BETA3],
    ['1.27', KubeadmApiVersion.V1BETA3],
    ['1.30', KubeadmApiVersion.V1BETA3],
    ['1.31', KubeadmApiVersion.V1BETA4],
    ['1.33', KubeadmApiVersion.V1BETA4],
  ])('%s -> %s', (v, api) => {
    expect(kubeadmApiVersion(KubernetesVersion.parse(v))).toBe(api);
    expect(renderInitConfiguration(plan(v)).apiVersion).toBe(api);
  });
});

describe('InitConfiguration', () => {
  test('advertises the control-plane node primary address and passes both node IPs, v1beta4 list form', () => {
    expect(renderInitConfiguration(plan('1.33'))).toEqual({
      apiVersion: 'kubeadm.k8s.io/v1beta4',
      kind: 'InitConfiguration',
      localAPIEndpoint: { advertiseAddress: '192.168.101.53', bindPort: 6443 },
      nodeRegistration: { name: 'node53', kubeletExtraArgs: [{ name: 'node-ip', value: '192.168.101.53,2003:ac18::30a:2' }] },
    });
  });
  test('v1beta3 writes kubeletExtraArgs as a map', () => {
    expect(renderInitConfiguration(plan('1.27')).nodeRegistration).toEqual({ name: 'node53', kubeletExtraArgs: { 'node-ip': '192.168.101.53,2003:ac18::30a:2' } });
  });
  test('IPv6-primary plan: IPv6 advertise address and IPv6 first in node-ip', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ podCidrs: ['fc00::/48', '172.16.0.0/16'], serviceCidrs: ['fd00::/108', '10.96.0.0/12'] }));
    const init = renderInitConfiguration(p);
    expect(init.localAPIEndpoint).toEqual({ advertiseAddress: '2003:ac18::30a:2', bindPort: 6443 });
    expect(init.nodeRegistration).toEqual({ name: 'node53', kubeletExtraArgs: [{ name: 'node-ip', value: '2003:ac18::30a:2,192.168.101.53' }] });
  });
  test('before 1.20 kubelet takes one node IP: the primary only', () => {
    expect(renderInitConfiguration(plan('1.16')).nodeRegistration).toEqual({ name: 'node53', kubeletExtraArgs: { 'node-ip': '192.168.101.53' } });
    expect(codes(controlPlaneFindings(plan('1.16')))).toContain('kubelet-node-ip-single');
    expect(codes(controlPlaneFindings(plan('1.20')))).not.toContain('kubelet-node-ip-single');
  });
  test('a supplied bootstrap token is created at init', () => {
    expect(renderInitConfiguration(plan(), { bootstrapToken: 'abcdef.0123456789abcdef' }).bootstrapTokens).toEqual([{ token: 'abcdef.0123456789abcdef' }]);
  });
});

describe('ClusterConfiguration', () => {
  test('field report networks and controller-manager masks (1.33, list extraArgs)', () => {
    expect(renderClusterConfiguration(plan('1.33'))).toEqual({
      apiVersion: 'kubeadm.k8s.io/v1beta4',
      kind: 'ClusterConfiguration',
      kubernetesVersion: 'v1.33.0',
      networking: { dnsDomain: 'cluster.local', podSubnet: '172.16.0.0/16,fc00::/48', serviceSubnet: '10.96.0.0/12,fd00::/108' },
      apiServer: { extraArgs: [{ name: 'service-cluster-ip-range', value: '10.96.0.0/12,fd00::/108' }] },
      controllerManager: {
        extraArgs: [
          { name: 'allocate-node-cidrs', value: 'true' },
          { name: 'cluster-cidr', value: '172.16.0.0/16,fc00::/48' },
          { name: 'node-cidr-mask-size-ipv4', value: '24' },
          { name: 'node-cidr-mask-size-ipv6', value: '64' },
          { name: 'service-cluster-ip-range', value: '10.96.0.0/12,fd00::/108' },
        ],
      },
    });
  });
  test('1.16: IPv6DualStack gate for kubeadm and every component, extraArgs as a map', () => {
    const c = renderClusterConfiguration(plan('1.16'));
    expect(c.featureGates).toEqual({ IPv6DualStack: true });
    expect(c.apiServer).toEqual({ extraArgs: { 'feature-gates': 'IPv6DualStack=true', 'service-cluster-ip-range': '10.96.0.0/12,fd00::/108' } });
    expect((c.controllerManager as { extraArgs: Record<string, string> }).extraArgs['feature-gates']).toBe('IPv6DualStack=true');
    expect(renderKubeletConfiguration(plan('1.16')).featureGates).toEqual({ IPv6DualStack: true });
  });
  test.each(['1.21', '1.22', '1.23', '1.24', '1.27'])('%s: no IPv6DualStack gate anywhere (default on or locked)', (v) => {
    const yaml = kubeadmYaml(renderKubeadmConfig(plan(v)));
    expect(yaml).not.toContain('IPv6DualStack');
    expect(yaml).not.toContain('featureGates');
  });
  test('single-stack uses --node-cidr-mask-size', () => {
    const p = ClusterNetwork.plan({ kubernetesVersion: '1.27', podCidrs: ['172.16.0.0/16'], serviceCidrs: ['10.96.0.0/12'], nodeMaskIPv4: 25 });
    const cm = renderClusterConfiguration(p).controllerManager as { extraArgs: Record<string, string> };
    expect(cm.extraArgs['node-cidr-mask-size']).toBe('25');
    expect(cm.extraArgs['node-cidr-mask-size-ipv4']).toBeUndefined();
  });
  test('controlPlaneEndpoint is written when given', () => {
    expect(renderClusterConfiguration(plan(), { controlPlaneEndpoint: 'k8s-api.example:6443' }).controlPlaneEndpoint).toBe('k8s-api.example:6443');
  });
});

describe('KubeletConfiguration', () => {
  test('cluster DNS is the 10th address of the primary service range', () => {
    expect(renderKubeletConfiguration(plan())).toEqual({
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      clusterDNS: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      maxPods: 110,
    });
  });
});

describe('JoinConfiguration', () => {
  test('one per worker, token discovery with explicit placeholders and CA verification on', () => {
    expect(renderJoinConfigurations(plan())).toEqual([
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'JoinConfiguration',
        discovery: {
          bootstrapToken: {
            apiServerEndpoint: '192.168.101.53:6443',
            caCertHashes: [KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER],
            token: KubeadmDefaults.TOKEN_PLACEHOLDER,
            unsafeSkipCAVerification: false,
          },
        },
        nodeRegistration: { name: 'node54', kubeletExtraArgs: [{ name: 'node-ip', value: '192.168.101.54,2003:ac18::30a:3' }] },
      },
    ]);
    expect(codes(controlPlaneFindings(plan()))).toContain('kubeadm-join-placeholders');
  });
  test('placeholders are not valid kubeadm values (so a forgotten one fails loudly)', () => {
    expect(/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(KubeadmDefaults.TOKEN_PLACEHOLDER)).toBe(false);
    expect(/^sha256:[0-9a-f]{64}$/.test(KubeadmDefaults.CA_CERT_HASH_PLACEHOLDER)).toBe(false);
  });
  test('IPv6-primary endpoint is bracketed', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ podCidrs: ['fc00::/48', '172.16.0.0/16'], serviceCidrs: ['fd00::/108', '10.96.0.0/12'], nodes: [NODE53, NODE54] }));
    const d = renderJoinConfigurations(p)[0].discovery as { bootstrapToken: { apiServerEndpoint: string } };
    expect(d.bootstrapToken.apiServerEndpoint).toBe('[2003:ac18::30a:2]:6443');
  });
  test('fails when the token or CA hash is malformed', () => {
    const f = controlPlaneFindings(plan(), { bootstrapToken: 'not-a-token', caCertHashes: ['sha256:xyz'] });
    expect(codes(f)).toEqual(expect.arrayContaining(['kubeadm-token-format', 'kubeadm-ca-hash-format']));
    expect(f.find((x) => x.code === 'kubeadm-token-format')!.message).not.toContain('not-a-token');
  });
  test('accepts a well-formed token and hash', () => {
    const f = controlPlaneFindings(plan(), { bootstrapToken: 'abcdef.0123456789abcdef', caCertHashes: [`sha256:${'a'.repeat(64)}`] });
    expect(codes(f)).toEqual([]);
  });
  test('fails when workers exist but no endpoint is known', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ nodes: [{ name: 'cp', controlPlane: true }, { name: 'w1', ipv4: '192.168.101.60/24' }] }));
    expect(codes(controlPlaneFindings(p))).toEqual(expect.arrayContaining(['kubeadm-join-endpoint-unknown', 'kubeadm-advertise-address-unknown']));
  });
});

describe('documents', () => {
  test.each(VERSION_LINES)('%s: no document carries metadata; YAML parses back to the same documents', (v) => {
    const docs = renderKubeadmConfig(plan(v));
    expect(docs.map((d) => d.kind)).toEqual(['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration', 'JoinConfiguration']);
    for (const d of docs) expect(d).not.toHaveProperty('metadata');
    expect(parseAllDocuments(kubeadmYaml(docs)).map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(docs)));
  });
  test.each(VERSION_LINES)('%s: kubeadm config snapshot', (v) => {
    expect(kubeadmYaml(renderKubeadmConfig(plan(v)))).toMatchSnapshot();
  });
});

describe('existing-cluster flags (field report §4)', () => {
  test('1.16: exactly the field report flags', () => {
    const f = renderExistingClusterFlags(plan('1.16'));
    expect(f.kubeApiServer).toEqual(['--feature-gates=IPv6DualStack=true', '--service-cluster-ip-range=10.96.0.0/12,fd00::/108']);
    expect(f.kubeControllerManager).toEqual([
      '--allocate-node-cidrs=true',
      '--cluster-cidr=172.16.0.0/16,fc00::/48',
      '--feature-gates=IPv6DualStack=true',
      '--node-cidr-mask-size-ipv4=24',
      '--node-cidr-mask-size-ipv6=64',
      '--service-cluster-ip-range=10.96.0.0/12,fd00::/108',
    ]);
    expect(f.kubelet[0]).toEqual({ node: 'node53', args: ['--feature-gates=IPv6DualStack=true', '--node-ip=192.168.101.53'], kubeletExtraArgs: 'KUBELET_EXTRA_ARGS="--feature-gates=IPv6DualStack=true --node-ip=192.168.101.53"' });
  });
  test('1.33: no gate, dual node IPs', () => {
    const f = renderExistingClusterFlags(plan('1.33'));
    expect(f.kubeApiServer).toEqual(['--service-cluster-ip-range=10.96.0.0/12,fd00::/108']);
    expect(f.kubelet.map((k) => k.kubeletExtraArgs)).toEqual(['KUBELET_EXTRA_ARGS="--node-ip=192.168.101.53,2003:ac18::30a:2"', 'KUBELET_EXTRA_ARGS="--node-ip=192.168.101.54,2003:ac18::30a:3"']);
  });
  test('text names the files', () => {
    const t = renderExistingClusterText(plan('1.20'));
    expect(t).toContain('/etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(t).toContain('    - --service-cluster-ip-range=10.96.0.0/12,fd00::/108');
    expect(t).toContain('KUBELET_EXTRA_ARGS="--feature-gates=IPv6DualStack=true --node-ip=192.168.101.53,2003:ac18::30a:2"');
  });
});

describe('ControlPlaneConfig construct', () => {
  test('synth writes the kubeadm documents without metadata', () => {
    const chart = Testing.chart();
    const cp = new ControlPlaneConfig(chart, 'kubeadm', { network: plan() });
    const out = Testing.synth(chart);
    expect(out).toEqual(JSON.parse(JSON.stringify(cp.documents)));
    expect(ApiObject.of(cp).kind).toBe('InitConfiguration');
    expect(cp.toYaml()).toBe(kubeadmYaml(cp.documents));
    expect(cp.joinYaml('node54')).toContain('kind: JoinConfiguration');
    expect(cp.initYaml()).not.toContain('JoinConfiguration');
    expect(() => cp.joinYaml('node53')).toThrow(/not a worker/);
  });
  test('default snapshot', () => {
    const chart = Testing.chart();
    new ControlPlaneConfig(chart, 'kubeadm', { network: ClusterNetwork.plan(fieldReportSpec()) });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
  test('fails synth when the version string is bad (plan finding)', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: '1.x' }));
    expect(codes(p.findings)).toContain('version-format');
    const app = Testing.app();
    const chart = new Chart(app, 'kubeadm');
    new ControlPlaneConfig(chart, 'cp', { network: p });
    expect(() => app.synth()).toThrow(/version-format/);
  });
  test('fails synth when nftables is asked of a version without it, naming 1.29', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'kubeadm');
    new ControlPlaneConfig(chart, 'cp', { network: ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: '1.27' })), kubeProxy: { mode: 'nftables' as never } });
    expect(() => app.synth()).toThrow(/arrives in 1\.29/);
  });
  test('warns when the chart also holds Kubernetes objects', () => {
    const chart = Testing.chart();
    const cp = new ControlPlaneConfig(chart, 'cp', { network: plan() });
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(cp.node.validate()).toEqual([]);
    expect(codes(cp.findings())).toContain('kubeadm-documents-shared-chart');
    const alone = new ControlPlaneConfig(Testing.chart(), 'cp', { network: plan() });
    expect(codes(alone.findings())).not.toContain('kubeadm-documents-shared-chart');
  });
});

describe('every version line synthesizes without errors', () => {
  test.each(VERSION_LINES)('%s', (v) => {
    const app = Testing.app();
    const p = plan(v);
    expect(p.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const cp = new ControlPlaneConfig(new Chart(app, 'kubeadm'), 'cp', { network: p, bootstrapToken: 'abcdef.0123456789abcdef', caCertHashes: [`sha256:${'0'.repeat(64)}`] });
    expect(cp.findings().filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => app.synthYaml()).not.toThrow();
  });
});
