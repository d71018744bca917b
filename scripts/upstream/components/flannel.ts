/**
 * flannel: kube-flannel.yml of the pinned release → lib/upstream/flannel/<tag>/kube-flannel.json
 * (every object; the ConfigMap without net-conf.json, which the plan writes). lib/cni/flannel/render.ts
 * builds the install from it.
 */
import { basename, dirname, join } from 'path';
import { DEFAULT_FLANNEL_VERSION } from '../../../lib/cni/versions';
import { result } from '../lib/thirdparty-compare';
import { copyLicense, resolveArtifact, sourceBlock, staleData, writeDerived } from '../lib/thirdparty-data';
import { compareObjectSets } from '../lib/thirdparty-objects';
import { referencePlan } from '../lib/thirdparty-plan';
import type { UpstreamComponent } from '../lib/thirdparty-types';
import { loadDocs, Obj } from '../lib/thirdparty-yaml';
import { FLANNEL_EDITS } from '../edits/flannel';

const NAME = 'flannel';
const FILE = 'kube-flannel.json';
/** The key of the ConfigMap that is ours: networks and subnet lengths come from the plan. */
const OURS_KEY = 'net-conf.json';

function derivation(artifactAbs: string): { tag: string; data: unknown } {
  const tag = basename(dirname(artifactAbs));
  const objects = loadDocs(artifactAbs).map((o: Obj) => {
    if (o.kind !== 'ConfigMap' || !o.data) return o;
    const { [OURS_KEY]: _ours, ...data } = o.data;
    return { ...o, data };
  });
  return { tag, data: { source: sourceBlock(artifactAbs, tag, `ConfigMap data "${OURS_KEY}" left out: the plan writes it`), objects } };
}

export const component: UpstreamComponent = {
  name: NAME,
  derive(artifactPath) {
    const abs = resolveArtifact(artifactPath);
    const { tag, data } = derivation(abs);
    process.stdout.write(`wrote ${writeDerived(NAME, tag, FILE, data)}\n`);
    copyLicense(NAME, join(dirname(dirname(abs)), 'LICENSE'));
  },
  check(root) {
    const abs = join(root, NAME, DEFAULT_FLANNEL_VERSION, 'kube-flannel.yml');
    const { tag, data } = derivation(abs);
    // Required here, not imported: the renderer reads the derived data, which a first derive has yet to write.
    const { renderFlannel } = require('../../../lib/cni/flannel/render') as typeof import('../../../lib/cni/flannel/render');
    const { diffs, compared } = compareObjectSets(loadDocs(abs), renderFlannel(referencePlan()) as Obj[]);
    return result(NAME, [...staleData(NAME, tag, FILE, data), ...diffs], FLANNEL_EDITS, compared);
  },
};

export default component;
