/**
 * The objects of flannel's kube-flannel.yml at the pinned release, as derived (mechanically, by
 * `npm run derive:upstream -- flannel flannel/v0.28.9/kube-flannel.yml`) into lib/upstream/flannel.
 * The renderer starts from these and applies only the edits listed in docs/upstream-edits.md.
 */
import type { KubeObject } from '../../k8s/objects';
import manifest from '../../upstream/flannel/v0.28.9/kube-flannel.json';

/** The release the data was derived from (its `source.tag`). */
export const FLANNEL_UPSTREAM_TAG: string = manifest.source.tag;

/** A deep copy of one upstream object (the renderer edits its copy, never the data). */
export function flannelUpstream(kind: string, name: string): Record<string, any> {
  const o = (manifest.objects as unknown as KubeObject[]).find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`lib/upstream/flannel/${FLANNEL_UPSTREAM_TAG}/kube-flannel.json has no ${kind} "${name}": re-derive it`);
  return JSON.parse(JSON.stringify(o));
}
