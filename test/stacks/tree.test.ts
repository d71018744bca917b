import { STACK_PROPS } from '../../stacks/registry';
import { calicoManifestIpvs } from '../../stacks/calico-manifest-ipvs';
import { KUBECTL_EXTENSIONS, parseFiles, synthTree } from './synth';

/** kubeadm's SplitConfigDocuments (cmd/kubeadm/app/util/marshal.go) refuses a file that names a kind twice. */
const repeatedKinds = (docs: readonly any[]) => docs.map((d) => d.kind).filter((k, i, all) => all.indexOf(k) !== i);
const identity = (o: any) => `${o.apiVersion.split('/').slice(0, -1).join('/')}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

const CASES: [string, () => any][] = [...Object.entries(STACK_PROPS), ['calico-manifest-ipvs@1.18', () => calicoManifestIpvs('1.18')]];

describe.each(CASES)('output tree of %s', (_name, props) => {
  const tree = synthTree(props());
  const paths = Object.keys(tree);
  const kubectlFiles = paths.filter((p) => KUBECTL_EXTENSIONS.some((e) => p.endsWith(e)));
  const kubectl = parseFiles(Object.fromEntries(kubectlFiles.map((p) => [p, tree[p].text])));
  const kubeadm = parseFiles(Object.fromEntries(paths.filter((p) => p.endsWith('.kubeadm.conf')).map((p) => [p, tree[p].text])));

  test('kubectl apply -f <dir> (also -R) reads only the charts: every .json/.yaml/.yml file is a top-level .k8s.yaml chart', () => {
    expect(kubectlFiles.every((p) => !p.includes('/') && p.endsWith('.k8s.yaml'))).toBe(true);
    expect(kubectlFiles.length).toBeGreaterThan(0);
  });

  test('no kubeadm file repeats a kind; exactly one init file with the init documents (no KubeProxyConfiguration when the CNI replaces kube-proxy)', () => {
    for (const [file, docs] of Object.entries(kubeadm)) expect([file, repeatedKinds(docs)]).toEqual([file, []]);
    const init = ['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', ...(props().cni?.replacesKubeProxy ? [] : ['KubeProxyConfiguration'])];
    expect(kubeadm['0001-kubeadm/init.kubeadm.conf'].map((d) => d.kind)).toEqual(init);
    for (const [file, docs] of Object.entries(kubeadm)) if (file.includes('/join-')) expect(docs.map((d) => d.kind)).toEqual(['JoinConfiguration']);
  });

  test('no kubectl file holds a kubeadm document, and no object is written twice (kubectl applies each identity once)', () => {
    const all = Object.values(kubectl).flat();
    expect(all.filter((o) => o.apiVersion.startsWith('kubeadm.k8s.io/') || !o.metadata?.name)).toEqual([]);
    const ids = all.map(identity);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('CRDs are in a file of their own, before every file holding a resource of their groups', () => {
    const crdFiles = Object.entries(kubectl).filter(([, docs]) => docs.some((d) => d.kind === 'CustomResourceDefinition'));
    if (crdFiles.length === 0) return;
    expect(crdFiles.map(([f]) => f)).toEqual(['0002-crds.k8s.yaml']);
    const [crdFile, crds] = crdFiles[0];
    expect(crds.every((d) => d.kind === 'CustomResourceDefinition')).toBe(true);
    const groups = new Set(crds.map((d) => d.spec.group));
    for (const [file, docs] of Object.entries(kubectl)) {
      if (file === crdFile) continue;
      const custom = docs.filter((d) => groups.has(groupOf(d.apiVersion)));
      if (custom.length > 0) {
        expect(file).toBe('0006-custom-resources.k8s.yaml');
        expect(file > crdFile).toBe(true);
      }
    }
  });

  test('node scripts for every declared node and distro, executable, step 0', () => {
    const nodes = (props().network.nodes ?? []).map((n: any) => n.name);
    const scripts = paths.filter((p) => p.startsWith('0000-node/'));
    expect(scripts).toEqual(nodes.flatMap((n: string) => [`0000-node/${n}.debian.sh`, `0000-node/${n}.rhel.sh`]).sort());
    for (const s of scripts) expect(tree[s].executable).toBe(true);
    expect(tree['apply.sh'].executable).toBe(true);
  });
});
