/**
 * Calico v3.32 (projectcalico/calico release manifests): operator mode (tigera-operator.yaml +
 * operator-crds.yaml + custom-resources.yaml) and manifest mode (calico.yaml).
 *
 * derive(<upstream>/calico/<tag>) writes lib/upstream/calico/<tag>/:
 * - operator-crds.json — the 32 CRDs of operator-crds.yaml, whole (schemas with descriptions);
 * - tigera-operator.json — every object of tigera-operator.yaml (namespace, RBAC, Deployment);
 * - calico.json — every object of calico.yaml except its CRDs, plus `crds`: the names of the CRDs
 *   it ships (each must be identical to the one in operator-crds.yaml, so the data holds them once);
 * - custom-resources.json — the Installation/APIServer/… a user applies after the operator;
 * - release.json — the Calico tag, the operator tag and every image the artifacts pin.
 *
 * check(<upstream>) renders both modes from a dual-stack and an IPv6-only plan and compares them
 * with the artifacts of the pinned tag (lib/upstream/calico/tag.ts CALICO_UPSTREAM_TAG).
 *
 * Bumping: derive the new tag, then point lib/upstream/calico/tag.ts and the JSON imports of
 * lib/upstream/calico/index.ts at it (and DEFAULT_CALICO_VERSION in lib/cni/versions.ts).
 */
import { basename, join } from 'path';
import { isDeepStrictEqual } from 'util';
import { copyLicense, loadYamlDocs, objectKey, sha256, sourceBlock, UpstreamObject, writeDerived } from '../lib/artifact';
import { compareInstall, InstallComparison } from '../lib/compare';
import { CALICO_WAIVERS } from '../edits/calico';
import { CalicoMode } from '../../../lib/cni/options';
import { ClusterNetwork } from '../../../lib/plan/network';
import { CALICO_UPSTREAM_TAG } from '../../../lib/upstream/calico/tag';

export const name = 'calico';
export const defaultArtifact = `calico/${CALICO_UPSTREAM_TAG}`;
export const waivers = CALICO_WAIVERS;

function imagesOf(objects: readonly UpstreamObject[]): string[] {
  const out = new Set<string>();
  for (const o of objects) {
    const pod = (o.spec as { template?: { spec?: { containers?: { image: string }[]; initContainers?: { image: string }[] } } } | undefined)?.template?.spec;
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) out.add(c.image);
  }
  return [...out].sort();
}

export function derive(artifactPath: string): void {
  const tag = basename(artifactPath);
  const file = (f: string) => join(artifactPath, f);
  const crds = loadYamlDocs(file('operator-crds.yaml'));
  const nonCrd = crds.filter((o) => o.kind !== 'CustomResourceDefinition');
  if (nonCrd.length > 0) throw new Error(`operator-crds.yaml holds non-CRD objects: ${nonCrd.map(objectKey).join(', ')}`);
  const operator = loadYamlDocs(file('tigera-operator.yaml'));
  const manifest = loadYamlDocs(file('calico.yaml'));
  const manifestCrds = manifest.filter((o) => o.kind === 'CustomResourceDefinition');
  for (const c of manifestCrds) {
    const same = crds.find((x) => x.metadata.name === c.metadata.name);
    if (!same || !isDeepStrictEqual(same, c)) throw new Error(`calico.yaml CRD ${c.metadata.name} differs from operator-crds.yaml's: store it separately`);
  }
  const customResources = loadYamlDocs(file('custom-resources.yaml'));
  const deployment = operator.find((o) => o.kind === 'Deployment' && o.metadata.name === 'tigera-operator');
  const operatorImage = imagesOf(deployment ? [deployment] : [])[0];
  if (!operatorImage) throw new Error('tigera-operator.yaml has no tigera-operator Deployment');
  const written = [
    writeDerived(name, tag, 'operator-crds', { source: sourceBlock(file('operator-crds.yaml'), tag), crds }),
    writeDerived(name, tag, 'tigera-operator', { source: sourceBlock(file('tigera-operator.yaml'), tag), objects: operator }),
    writeDerived(name, tag, 'calico', {
      source: sourceBlock(file('calico.yaml'), tag),
      crds: manifestCrds.map((c) => c.metadata.name),
      objects: manifest.filter((o) => o.kind !== 'CustomResourceDefinition'),
    }),
    writeDerived(name, tag, 'custom-resources', { source: sourceBlock(file('custom-resources.yaml'), tag), objects: customResources }),
    writeDerived(name, tag, 'release', {
      source: sourceBlock(file('tigera-operator.yaml'), tag),
      calico: tag,
      operator: operatorImage.slice(operatorImage.lastIndexOf(':') + 1),
      images: [...imagesOf(operator), ...imagesOf(manifest)].sort(),
    }),
    copyLicense(name, join(artifactPath, '..', 'LICENSE.md')),
  ];
  for (const f of written) process.stdout.write(`wrote ${f}\n`);
}

/** The plans the check renders: dual-stack (IPv4 primary, declared node networks) and IPv6-only. */
export function checkPlans(): { readonly name: string; readonly plan: ClusterNetwork }[] {
  return [
    {
      name: 'dual-stack',
      plan: ClusterNetwork.plan({
        podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
        serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112'],
        nodeNetworks: ['192.168.10.0/24', '2001:db8:10::/64'],
      }),
    },
    { name: 'ipv6-only', plan: ClusterNetwork.plan({ podCidrs: ['fd00:10:244::/56'], serviceCidrs: ['fd00:10:96::/112'], nodeNetworks: ['2001:db8:10::/64'] }) },
  ];
}

export function check(artifactRoot: string): InstallComparison {
  const dir = join(artifactRoot, 'calico', CALICO_UPSTREAM_TAG);
  // Loaded here, not at the top: the renderers import the derived data, which `derive` may be
  // writing for the first time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderCalicoManifestParts, renderOperatorParts } = require('../../../lib/cni/calico') as typeof import('../../../lib/cni/calico');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { calicoUpstream } = require('../../../lib/upstream/calico') as typeof import('../../../lib/upstream/calico');
  const operatorUpstream = [
    ...loadYamlDocs(join(dir, 'tigera-operator.yaml')),
    ...loadYamlDocs(join(dir, 'operator-crds.yaml')),
    ...loadYamlDocs(join(dir, 'custom-resources.yaml')),
  ];
  const manifestUpstream = loadYamlDocs(join(dir, 'calico.yaml'));
  let compared = 0;
  const seen = new Set<string>();
  const differences: InstallComparison['differences'] = [];
  // The committed data must come from these very artifacts (else: re-derive).
  for (const s of calicoUpstream().sources) {
    const actual = sha256(join(artifactRoot, s.artifact));
    if (actual !== s.sha256) differences.push({ object: `data:lib/upstream/calico/${s.tag}`, path: s.artifact, upstream: actual, ours: s.sha256, message: 'the artifact changed since the data was derived: run derive:upstream' });
  }
  // Both modes render some objects under the same names (the crd.projectcalico.org CRDs): the
  // object id carries the mode. A difference both plans show is reported once.
  const add = (mode: string, r: InstallComparison) => {
    compared += r.compared;
    for (const d of r.differences) {
      const tagged = { ...d, object: `${mode}:${d.object}` };
      const key = `${tagged.object} ${tagged.path}`;
      if (!seen.has(key)) differences.push(tagged);
      seen.add(key);
    }
  };
  for (const { plan } of checkPlans()) {
    const op = renderOperatorParts(plan, { mode: CalicoMode.OPERATOR });
    add('operator', compareInstall(operatorUpstream, [...op.crds, ...op.install, ...op.customResources] as UpstreamObject[]));
    const mf = renderCalicoManifestParts(plan, { mode: CalicoMode.MANIFEST });
    add('manifest', compareInstall(manifestUpstream, [...mf.crds, ...mf.install] as UpstreamObject[]));
  }
  return { compared, differences };
}
