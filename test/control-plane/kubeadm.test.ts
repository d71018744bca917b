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
  renderControlPlaneJoinConfigurations,
  renderKubeadmConfig,
  renderKubeadmFiles,
  renderKubeletConfiguration,
  KubeadmFileRole,
  kubeadmDefaultControlPlaneTaints,
} from '../../lib/control-plane/render-kubeadm';
import { renderExistingClusterFlags, renderExistingClusterText } from '../../lib/control-plane/render-existing';
import { controlPlaneFindings } from '../../lib/control-plane/rules';
import { ApiObject } from 'cdk8s';
import { KubeProxyMode } from '../../lib/kube-proxy/mode';
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
    expect(init.nodeRegistration).toEqual({ name: 'node53', kubeletExtraArgs: [{ name: 'node-ip', value: '2003:ac18::30a:2,192.168.101.53' }], taints: [] });
  });
  test('before 1.20 kubelet takes one node IP: the primary only', () => {
    expect(renderInitConfiguration(plan('1.16')).nodeRegistration).toEqual({ name: 'node53', kubeletExtraArgs: { 'node-ip': '192.168.101.53' } });
    expect(codes(controlPlaneFindings(plan('1.16')))).toContain('kubelet-node-ip-single');
    expect(codes(controlPlaneFindings(plan('1.20')))).not.toContain('kubelet-node-ip-single');
  });
  test.each(VERSION_LINES)('%s: a control plane that is the only node is left untainted (taints: []), with an info', (v) => {
    const p = ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: v }));
    expect((renderInitConfiguration(p).nodeRegistration as { taints?: unknown }).taints).toEqual([]);
    const info = controlPlaneFindings(p).filter((f) => f.code === 'kubeadm-control-plane-untainted');
    expect(info).toEqual([expect.objectContaining({ severity: 'info', path: 'nodes', fix: expect.stringContaining('worker') })]);
    expect(parseAllDocuments(kubeadmYaml([renderInitConfiguration(p)]))[0].toJS().nodeRegistration.taints).toEqual([]);
  });
  test.each([
    ['1.23', ['node-role.kubernetes.io/master:NoSchedule']],
    ['1.24', ['node-role.kubernetes.io/control-plane:NoSchedule', 'node-role.kubernetes.io/master:NoSchedule']],
    ['1.25', ['node-role.kubernetes.io/control-plane:NoSchedule']],
    ['1.33', ['node-role.kubernetes.io/control-plane:NoSchedule']],
  ])('%s: the info names the taints kubeadm would have set', (v, taints) => {
    const p = ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: v }));
    expect(kubeadmDefaultControlPlaneTaints(p)).toEqual(taints);
    const info = controlPlaneFindings(p).find((f) => f.code === 'kubeadm-control-plane-untainted')!;
    for (const t of taints) expect(info.message).toContain(t);
  });
  test('keeps kubeadm\'s default taint when a worker is declared, or when no node is declared', () => {
    expect(renderInitConfiguration(plan('1.33')).nodeRegistration).not.toHaveProperty('taints');
    expect(codes(controlPlaneFindings(plan('1.33')))).not.toContain('kubeadm-control-plane-untainted');
    for (const j of renderJoinConfigurations(plan('1.33'))) expect(j.nodeRegistration).not.toHaveProperty('taints');
    const none = ClusterNetwork.plan(fieldReportSpec({ nodes: [] }));
    expect(renderInitConfiguration(none)).not.toHaveProperty('nodeRegistration');
    expect(codes(controlPlaneFindings(none))).not.toContain('kubeadm-control-plane-untainted');
  });
  test('several control-plane nodes and no worker: the first is untainted', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ nodes: [NODE53, { ...NODE54, controlPlane: true }] }));
    expect((renderInitConfiguration(p).nodeRegistration as { taints?: unknown }).taints).toEqual([]);
    expect(renderJoinConfigurations(p)).toEqual([]);
    expect(codes(controlPlaneFindings(p))).toContain('kubeadm-control-plane-untainted');
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
  test('1.16: one --node-cidr-mask-size (the per-family flags arrive in 1.17), and the plan refuses the dual-stack mask', () => {
    const cm = renderClusterConfiguration(plan('1.16')).controllerManager as { extraArgs: Record<string, string> };
    expect(cm.extraArgs['node-cidr-mask-size']).toBe('24');
    expect(cm.extraArgs).not.toHaveProperty('node-cidr-mask-size-ipv4');
    expect(cm.extraArgs).not.toHaveProperty('node-cidr-mask-size-ipv6');
    const cm17 = renderClusterConfiguration(plan('1.17')).controllerManager as { extraArgs: Record<string, string> };
    expect(cm17.extraArgs).toMatchObject({ 'node-cidr-mask-size-ipv4': '24', 'node-cidr-mask-size-ipv6': '64' });
    expect(cm17.extraArgs).not.toHaveProperty('node-cidr-mask-size');
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

const NODE55 = { name: 'node55', ipv4: '192.168.101.55/24', ipv6: '2003:ac18::30a:4/64', controlPlane: true };
const ha = (v = '1.33', extra: Record<string, unknown> = {}) => ClusterNetwork.plan(fieldReportSpec({ kubernetesVersion: v, nodes: [NODE53, NODE55, NODE54], ...extra }));
const ENDPOINT = { controlPlaneEndpoint: 'k8s-api.example:6443' };

describe('control-plane JoinConfiguration', () => {
  test.each([
    ['1.18', 'kubeadm.k8s.io/v1beta2'],
    ['1.27', 'kubeadm.k8s.io/v1beta3'],
    ['1.33', 'kubeadm.k8s.io/v1beta4'],
  ])('%s: a controlPlane section with the node\'s primary address and a certificate-key placeholder (%s)', (v, api) => {
    const [doc] = renderControlPlaneJoinConfigurations(ha(v, v === '1.18' ? { featureGates: { IPv6DualStack: true } } : {}), ENDPOINT);
    expect(doc.apiVersion).toBe(api);
    expect(doc.controlPlane).toEqual({ localAPIEndpoint: { advertiseAddress: '192.168.101.55', bindPort: 6443 }, certificateKey: KubeadmDefaults.CERTIFICATE_KEY_PLACEHOLDER });
    expect((doc.discovery as any).bootstrapToken.apiServerEndpoint).toBe('k8s-api.example:6443');
    expect((doc.nodeRegistration as any).name).toBe('node55');
  });
  test('IPv6-primary: advertises the IPv6 address', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ podCidrs: ['fc00::/48', '172.16.0.0/16'], serviceCidrs: ['fd00::/108', '10.96.0.0/12'], nodes: [NODE53, NODE55, NODE54] }));
    expect(renderControlPlaneJoinConfigurations(p, ENDPOINT)[0].controlPlane).toMatchObject({ localAPIEndpoint: { advertiseAddress: '2003:ac18::30a:4' } });
  });
  test('uses the given certificate key; the placeholder is not one kubeadm accepts', () => {
    const key = 'ab'.repeat(32);
    expect(renderControlPlaneJoinConfigurations(ha(), { ...ENDPOINT, certificateKey: key })[0].controlPlane).toMatchObject({ certificateKey: key });
    expect(/^[0-9a-fA-F]{64}$/.test(KubeadmDefaults.CERTIFICATE_KEY_PLACEHOLDER)).toBe(false);
    // init encrypts the uploaded certificates with the same key; without control-plane joins it is not written.
    expect(renderInitConfiguration(ha(), { ...ENDPOINT, certificateKey: key }).certificateKey).toBe(key);
    expect(renderInitConfiguration(plan(), { certificateKey: key }).certificateKey).toBeUndefined();
  });
  test('only control-plane nodes: every one untainted, not just the first', () => {
    const p = ClusterNetwork.plan(fieldReportSpec({ nodes: [NODE53, NODE55] }));
    expect((renderControlPlaneJoinConfigurations(p, ENDPOINT)[0].nodeRegistration as any).taints).toEqual([]);
    expect((renderControlPlaneJoinConfigurations(ha(), ENDPOINT)[0].nodeRegistration as any).taints).toBeUndefined();
  });
  test('fails when further control-plane nodes have no controlPlaneEndpoint (kubeadm refuses to join them)', () => {
    const f = controlPlaneFindings(ha(), JOIN);
    expect(errors(f)).toEqual([expect.objectContaining({ code: 'kubeadm-control-plane-endpoint-required', path: 'controlPlane.controlPlaneEndpoint', message: expect.stringContaining('"node55"') })]);
    expect(errors(controlPlaneFindings(ha(), { ...JOIN, ...ENDPOINT }))).toEqual([]);
  });
  test('fails when the certificate key is not 64 hex digits, without showing it', () => {
    const f = controlPlaneFindings(ha(), { ...JOIN, ...ENDPOINT, certificateKey: 'secret-value' });
    expect(codes(errors(f))).toEqual(['kubeadm-certificate-key-format']);
    expect(JSON.stringify(f)).not.toContain('secret-value');
  });
});

describe('kubeadm files', () => {
  test('one init file and one file per joining node, control planes before workers', () => {
    const files = renderKubeadmFiles(ha(), ENDPOINT);
    expect(files.map((f) => [f.role, f.node, f.name, f.documents.map((d) => d.kind)])).toEqual([
      [KubeadmFileRole.INIT, 'node53', 'init.kubeadm.conf', ['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration']],
      [KubeadmFileRole.JOIN_CONTROL_PLANE, 'node55', 'join-control-plane-node55.kubeadm.conf', ['JoinConfiguration']],
      [KubeadmFileRole.JOIN, 'node54', 'join-node54.kubeadm.conf', ['JoinConfiguration']],
    ]);
  });
  test.each(VERSION_LINES)('%s: no file repeats a kind (cmd/kubeadm/app/util/marshal.go SplitConfigDocuments)', (v) => {
    for (const f of renderKubeadmFiles(ha(v), ENDPOINT)) {
      const kinds = f.documents.map((d) => d.kind);
      expect(new Set(kinds).size).toBe(kinds.length);
    }
  });
  test('no file name is one kubectl reads from a directory', () => {
    for (const f of renderKubeadmFiles(ha(), ENDPOINT)) expect(f.name).not.toMatch(/\.(json|ya?ml)$/);
  });
  test('file text: how to run it, then documents that parse back; --upload-certs when control planes join', () => {
    const cp = new ControlPlaneConfig(Testing.chart(), 'cp', { network: ha(), ...ENDPOINT });
    const init = cp.fileText(cp.files[0]);
    expect(init).toMatch(/^# .*\n# Run as root on node node53: kubeadm init --config init.kubeadm.conf --upload-certs\n/);
    expect(parseAllDocuments(init).map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(cp.initDocuments)));
    expect(cp.joinYaml('node55')).toContain('kubeadm join --config join-control-plane-node55.kubeadm.conf');
    const single = new ControlPlaneConfig(Testing.chart(), 'cp', { network: plan() });
    expect(single.initYaml()).toContain('kubeadm init --config init.kubeadm.conf\n');
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
  test('1.18: exactly the field report flags (per-family masks: the field report ran 1.17+)', () => {
    const f = renderExistingClusterFlags(plan('1.18'));
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
  test('1.16: one --node-cidr-mask-size instead of the per-family flags', () => {
    expect(renderExistingClusterFlags(plan('1.16')).kubeControllerManager).toEqual([
      '--allocate-node-cidrs=true',
      '--cluster-cidr=172.16.0.0/16,fc00::/48',
      '--feature-gates=IPv6DualStack=true',
      '--node-cidr-mask-size=24',
      '--service-cluster-ip-range=10.96.0.0/12,fd00::/108',
    ]);
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
    // The chart file is the init file: the joins would repeat JoinConfiguration, which kubeadm refuses.
    expect(out).toEqual(JSON.parse(JSON.stringify(cp.initDocuments)));
    expect(ApiObject.of(cp).kind).toBe('InitConfiguration');
    expect(cp.toYaml()).toBe(kubeadmYaml(cp.documents));
    expect(cp.joinYaml('node54')).toContain('kind: JoinConfiguration');
    expect(cp.initYaml()).not.toContain('JoinConfiguration');
    expect(() => cp.joinYaml('node53')).toThrow(/not a joining node/);
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

const JOIN = { bootstrapToken: 'abcdef.0123456789abcdef', caCertHashes: [`sha256:${'0'.repeat(64)}`] };
const errors = <T extends { severity: string }>(fs: readonly T[]): T[] => fs.filter((f) => f.severity === 'error');

describe('every version line synthesizes without errors', () => {
  // 1.16 cannot run this dual-stack fixture (one node mask for both families); it is checked
  // single-stack here and dual-stack in the "fails when" cases below.
  const lines = VERSION_LINES.filter((v) => v !== '1.16');
  test.each(lines)('%s', (v) => {
    const app = Testing.app();
    const p = plan(v);
    expect(p.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const cp = new ControlPlaneConfig(new Chart(app, 'kubeadm'), 'cp', { network: p, ...JOIN });
    expect(cp.findings().filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => app.synthYaml()).not.toThrow();
  });
  test('1.16 single-stack IPv4', () => {
    const app = Testing.app();
    const p = ClusterNetwork.plan({ kubernetesVersion: '1.16', podCidrs: ['172.16.0.0/16'], serviceCidrs: ['10.96.0.0/12'], nodes: [NODE53, NODE54] });
    expect(errors(p.findings)).toEqual([]);
    const cp = new ControlPlaneConfig(new Chart(app, 'kubeadm'), 'cp', { network: p, ...JOIN });
    expect(errors(cp.findings())).toEqual([]);
    expect((renderClusterConfiguration(p).controllerManager as { extraArgs: Record<string, string> }).extraArgs['node-cidr-mask-size']).toBe('24');
    expect(() => app.synthYaml()).not.toThrow();
  });
  test('fails when 1.16 is dual-stack: only the single node mask error, naming 1.17 (kube-proxy ipvs)', () => {
    const app = Testing.app();
    const p = plan('1.16');
    const cp = new ControlPlaneConfig(new Chart(app, 'kubeadm'), 'cp', { network: p, ...JOIN, kubeProxy: { mode: KubeProxyMode.IPVS } });
    expect(errors(cp.findings())).toEqual([
      expect.objectContaining({ code: 'node-mask-single-dual-stack', path: 'kubernetesVersion', message: expect.stringContaining('"fc00::/48"'), fix: expect.stringContaining('1.17 or later') }),
    ]);
    expect(() => app.synthYaml()).toThrow(/node-mask-single-dual-stack/);
  });
  test('fails when 1.16 dual-stack keeps kube-proxy iptables: also the iptables error, naming 1.18', () => {
    const cp = new ControlPlaneConfig(new Chart(Testing.app(), 'kubeadm'), 'cp', { network: plan('1.16'), ...JOIN });
    expect(codes(errors(cp.findings()))).toEqual(['node-mask-single-dual-stack', 'kube-proxy-dual-stack-iptables-unavailable']);
  });
});
