import { lintFiles } from '../../lib/cli/lint';
import { runCli } from './support/fake-io';
import { PLAN_VALIDATORS } from '../../lib/cli/validators';

const FIXED = () => Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0x9a]);

describe('validate over a kube-proxy ConfigMap', () => {
  const r = runCli(['validate', 'kube-proxy-configmap.yaml']);

  test('fails when clusterCIDR holds an invalid CIDR: exit 1, file, document and path inside config.conf', () => {
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('document 0: ConfigMap kube-system/kube-proxy — checked as KubeProxyConfiguration in data["config.conf"]');
    expect(r.stdout).toMatch(/error \[[a-z-]+\] kube-proxy-configmap\.yaml#0 data\["config\.conf"\]\.clusterCIDR(\[1\])?: .*fc00::\/480/);
  });

  test('--format json locates every finding by file, document and path', () => {
    const json = JSON.parse(runCli(['validate', 'kube-proxy-configmap.yaml', '--format', 'json']).stdout);
    expect(json.ok).toBe(false);
    const err = json.findings.find((f: { severity: string }) => f.severity === 'error');
    expect(err).toMatchObject({ file: 'kube-proxy-configmap.yaml', document: 0 });
    expect(err.path).toMatch(/^data\["config\.conf"\]\.clusterCIDR/);
    expect(err.message.startsWith(`${err.path}: `)).toBe(true);
    expect(json.documents).toEqual([
      { file: 'kube-proxy-configmap.yaml', document: 0, at: '', apiVersion: 'v1', kind: 'ConfigMap', name: 'kube-system/kube-proxy', checkedAs: 'KubeProxyConfiguration in data["config.conf"]' },
    ]);
  });
});

describe('validate over a multi-document kubeadm config', () => {
  const json = JSON.parse(runCli(['validate', 'kubeadm-config.yaml', '--format', 'json']).stdout);
  const at = (doc: number) => json.findings.filter((f: { document: number }) => f.document === doc);

  test('reads each document as its kind', () => {
    expect(json.documents.map((d: { checkedAs: string | null }) => d.checkedAs)).toEqual(['kubeadm ClusterConfiguration', 'KubeProxyConfiguration', null]);
  });

  test('fails when serviceSubnet has a typo: the path is networking.serviceSubnet', () => {
    const errs = at(0).filter((f: { severity: string }) => f.severity === 'error');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.some((f: { path: string; message: string }) => /^networking\.serviceSubnet\b/.test(f.path) && f.message.includes('1O8'))).toBe(true);
    expect(json.findings.filter((f: { path: string }) => f.path.includes('networking.networking'))).toEqual([]);
  });

  test("warns that kube-proxy's clusterCIDR misses the cluster's IPv6 pod network", () => {
    expect(at(1)).toContainEqual(
      expect.objectContaining({ severity: 'warning', code: 'kube-proxy-cluster-cidr-mismatch', path: 'clusterCIDR', fix: 'write "10.244.0.0/16,fd00:10:244::/56"', file: 'kubeadm-config.yaml', document: 1 }),
    );
  });

  test('an unknown kind is an info line, not an error', () => {
    expect(at(2)).toEqual([expect.objectContaining({ severity: 'info', code: 'document-not-checked', file: 'kubeadm-config.yaml', document: 2 })]);
    expect(runCli(['validate', 'kubeadm-config.yaml']).stdout).toContain('document 2: Deployment unrelated\n    info: not checked');
  });

  test('--pod-cidrs replaces the cluster context', () => {
    const j = JSON.parse(runCli(['validate', 'kubeadm-config.yaml', '--pod-cidrs', '10.244.0.0/16', '--format', 'json']).stdout);
    expect(j.findings.filter((f: { code: string }) => f.code === 'kube-proxy-cluster-cidr-mismatch')).toEqual([]);
  });
});

describe('validate over Services in a List', () => {
  const json = JSON.parse(runCli(['validate', 'services.yaml', '--format', 'json']).stdout);

  test('warns when a Service uses the removed singular spec.ipFamily (field report §6.1): the API server drops it', () => {
    const f = json.findings.find((x: { path: string }) => x.path === 'items[0].spec.ipFamily');
    expect(f).toMatchObject({ severity: 'warning', file: 'services.yaml', document: 0 });
    expect(f.fix).toContain('ipFamilies');
  });

  test('each item is its own document entry', () => {
    expect(json.documents.map((d: { at: string; name: string }) => [d.at, d.name])).toEqual([
      ['items[0]', 'default/common-nginx'],
      ['items[1]', 'default/web'],
    ]);
    expect(json.findings.filter((x: { path: string; severity: string }) => x.path.startsWith('items[1]') && x.severity === 'error')).toEqual([]);
  });
});

describe('validate over a Calico Installation', () => {
  const json = JSON.parse(runCli(['validate', 'calico-installation.yaml', '--format', 'json'], { random: FIXED }).stdout);
  const byPath = (p: string) => json.findings.filter((f: { path: string }) => f.path === p).map((f: { code: string }) => f.code);

  test.each([
    ['spec.calicoNetwork.ipPools[1].blockSize', 'calico-block-size'],
    ['spec.calicoNetwork.ipPools[1].encapsulation', 'calico-ipip-ipv6'],
    ['spec.calicoNetwork.ipPools[1].cidr', 'calico-pool-undefined-ula'],
  ])('%s → %s', (path, code) => {
    expect(byPath(path)).toContain(code);
  });

  test('an unset nodeAddressAutodetectionV6 is no finding: the operator defaults it to firstFound when an IPv6 pool exists', () => {
    expect(byPath('spec.calicoNetwork.nodeAddressAutodetectionV6')).toEqual([]);
  });

  test('suggests a ULA from the injected random source', () => {
    const f = json.findings.find((x: { code: string }) => x.code === 'calico-pool-undefined-ula');
    expect(f.fix).toContain('fd12:3456:789a::/48');
  });

  test('passes a well-formed dual-stack Installation', () => {
    const r = lintFiles(
      [
        {
          file: 'ok.yaml',
          text: 'apiVersion: operator.tigera.io/v1\nkind: Installation\nmetadata: {name: default}\nspec:\n  calicoNetwork:\n    nodeAddressAutodetectionV6: {kubernetes: NodeInternalIP}\n    ipPools:\n    - {cidr: 10.244.0.0/16, blockSize: 26, encapsulation: VXLANCrossSubnet}\n    - {cidr: fd00:10:244::/56, blockSize: 122, encapsulation: None}\n',
        },
      ],
      { validators: {}, podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] },
    );
    expect(r.findings).toEqual([]);
  });
});

describe('validate over the flannel ConfigMap', () => {
  test('warns that IPv6Network is ignored without EnableIPv6', () => {
    const r = runCli(['validate', 'flannel-configmap.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'flannel-ipv6-disabled', path: 'data["net-conf.json"].IPv6Network', file: 'flannel-configmap.yaml', document: 0 }),
    ]);
  });

  const conf = (json: object) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg}\ndata:\n  net-conf.json: '${JSON.stringify(json)}'\n`;
  test.each([
    [{ Network: '10.244.0.0/16', EnableIPv6: true, Backend: { Type: 'vxlan' } }, 'flannel-network-missing', 'data["net-conf.json"].IPv6Network'],
    [{ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'ipip' } }, 'flannel-backend-ipv6', 'data["net-conf.json"].Backend.Type'],
    [{ Network: '10.244.0.0/16', SubnetLen: 31 }, 'flannel-subnet-len', 'data["net-conf.json"].SubnetLen'],
    [{ Network: '10.244.0.0/16', SubnetLen: 17 }, 'flannel-subnet-len', 'data["net-conf.json"].SubnetLen'],
    [{ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', IPv6SubnetLen: 127, Backend: { Type: 'vxlan' } }, 'flannel-subnet-len', 'data["net-conf.json"].IPv6SubnetLen'],
  ])('fails when net-conf.json is %j', (json, code, path) => {
    const r = lintFiles([{ file: 'f.yaml', text: conf(json) }], { validators: {} });
    expect(r.findings).toContainEqual(expect.objectContaining({ severity: 'error', code, path }));
  });

  test('passes a dual-stack vxlan net-conf.json that matches the cluster', () => {
    const r = lintFiles([{ file: 'f.yaml', text: conf({ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'vxlan' } }) }], {
      validators: {},
      podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
    });
    expect(r.findings).toEqual([]);
  });
});

describe('validate: usage', () => {
  test('fails with exit 2 without a file', () => {
    expect(runCli(['validate']).code).toBe(2);
  });
  test('fails with exit 2 on a missing file', () => {
    const r = runCli(['validate', 'kube-proxy-configmap.yaml', 'missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"missing.yaml"');
  });
  test('calls the public validators when they are wired, and prefixes their paths', () => {
    const seen: unknown[] = [];
    const r = lintFiles([{ file: 'k.yaml', text: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.30.2\nnetworking: {podSubnet: 10.244.0.0/16}\n' }], {
      validators: {
        kubeadmNetworking: (networking: unknown, opts: unknown) => {
          seen.push(networking, opts);
          return [{ severity: 'error', code: 'x', path: 'podSubnet', message: 'podSubnet: bad' }];
        },
      },
    });
    expect(seen[0]).toEqual({ podSubnet: '10.244.0.0/16' });
    expect(seen[1]).toMatchObject({ kubernetesVersion: 'v1.30.2' });
    expect(r.findings).toEqual([{ severity: 'error', code: 'x', path: 'networking.podSubnet', message: 'networking.podSubnet: bad', file: 'k.yaml', document: 0 }]);
  });
});

describe('validate without the public validators (basic lib/net checks)', () => {
  test('still flags the singular spec.ipFamily, once', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ipFamily: IPv6\n  ports: [{port: 80}]\n';
    const r = lintFiles([{ file: 's.yaml', text }], { validators: {} });
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'service-ip-family-removed', path: 'spec.ipFamily', file: 's.yaml', document: 0 })]);
  });
});

describe('validate output is deterministic', () => {
  test('the ULA suggested for an fc00::/48 pool is the one plan suggests for the same range', () => {
    const a = runCli(['validate', 'calico-installation.yaml', '--format', 'json']).stdout;
    expect(runCli(['validate', 'calico-installation.yaml', '--format', 'json']).stdout).toBe(a);
    const fix = JSON.parse(a).findings.find((f: { code: string }) => f.code === 'calico-pool-undefined-ula').fix;
    const planFix = JSON.parse(runCli(['plan', '--config', 'field-report.yaml', '--format', 'json']).stdout).findings.find((f: { path: string; code: string }) => f.path === 'podCidrs[1]' && /fc00|ula/.test(f.code)).fix;
    const ula = (s: string) => /"(fd[0-9a-f:]+\/\d+)"/.exec(s)![1];
    expect(ula(fix)).toBe(ula(planFix));
  });
});

describe('a bad target version is reported at the field that holds it', () => {
  const kubeadm = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: vfoo\nnetworking:\n  podSubnet: 10.244.0.0/16\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n';

  test('fails when the ClusterConfiguration holds it: once, at kubernetesVersion (not networking.opts…)', () => {
    const r = lintFiles([{ file: 'k.yaml', text: kubeadm }], { validators: PLAN_VALIDATORS });
    expect(r.findings.filter((f) => f.code === 'version-format').map((f) => [f.document, f.path])).toEqual([[0, 'kubernetesVersion']]);
  });

  test('fails when --version holds it: at --version', () => {
    const r = lintFiles([{ file: 'k.yaml', text: kubeadm }], { validators: PLAN_VALIDATORS, kubernetesVersion: '1.x' });
    expect([...new Set(r.findings.filter((f) => f.code === 'version-format').map((f) => f.path))]).toEqual(['--version']);
  });
});
