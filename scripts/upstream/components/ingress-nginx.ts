/**
 * ingress-nginx controller-v1.15.1 (the last release): baremetal-deploy.yaml (NodePort) and
 * cloud-deploy.yaml (LoadBalancer) → lib/upstream/ingress-nginx/<tag>/{baremetal,cloud}-deploy.json,
 * every object as upstream has it. lib/ingress/render-ingress-nginx.ts builds from them.
 */
import { basename, dirname, join } from 'path';
import { ServiceExposure } from '../../../lib/ingress/common';
import { INGRESS_NGINX_VERSION } from '../../../lib/ingress/versions';
import { result } from '../lib/thirdparty-compare';
import { copyLicense, resolveArtifact, sourceBlock, staleData, writeDerived } from '../lib/thirdparty-data';
import { compareObjectSets } from '../lib/thirdparty-objects';
import { referencePlan } from '../lib/thirdparty-plan';
import type { Difference, UpstreamComponent } from '../lib/thirdparty-types';
import { loadDocs, Obj } from '../lib/thirdparty-yaml';
import { INGRESS_NGINX_EDITS } from '../edits/ingress-nginx';

const NAME = 'ingress-nginx';
/** artifact file → the exposure whose objects it holds. */
const VARIANTS: readonly [string, ServiceExposure][] = [
  ['baremetal-deploy.yaml', ServiceExposure.NODE_PORT],
  ['cloud-deploy.yaml', ServiceExposure.LOAD_BALANCER],
];
const jsonName = (yaml: string) => yaml.replace(/\.yaml$/, '.json');

function derivation(dirAbs: string, file: string): unknown {
  const abs = join(dirAbs, file);
  return { source: sourceBlock(abs, basename(dirAbs)), objects: loadDocs(abs) };
}

export const component: UpstreamComponent = {
  name: NAME,
  derive(artifactPath) {
    const dirAbs = resolveArtifact(artifactPath);
    for (const [file] of VARIANTS) process.stdout.write(`wrote ${writeDerived(NAME, basename(dirAbs), jsonName(file), derivation(dirAbs, file))}\n`);
    copyLicense(NAME, join(dirname(dirAbs), 'LICENSE'));
  },
  check(root) {
    const tag = `controller-${INGRESS_NGINX_VERSION}`;
    const dirAbs = join(root, NAME, tag);
    // Required here, not imported: the renderer reads the derived data, which a first derive has yet to write.
    const r = require('../../../lib/ingress/render-ingress-nginx') as typeof import('../../../lib/ingress/render-ingress-nginx');
    const diffs: Difference[] = [];
    const compared: string[] = [];
    for (const [file, exposure] of VARIANTS) {
      diffs.push(...staleData(NAME, tag, jsonName(file), derivation(dirAbs, file)));
      // The admission webhook is an option (off by default); compare with it on, so its objects are checked too.
      const ours = r.ingressNginxObjectList(r.renderIngressNginx(referencePlan(), { exposure, admissionWebhook: true }));
      const res = compareObjectSets(loadDocs(join(dirAbs, file)), ours as Obj[]);
      // One artifact per exposure: name the variant in the object so each edit is listed where it applies.
      diffs.push(...res.diffs.map((d) => ({ ...d, object: `${file}: ${d.object}` })));
      compared.push(...res.compared.map((k) => `${file}: ${k}`));
    }
    // And the defaults (webhook off) against the NodePort manifest: what that option leaves out is listed too.
    const defaults = compareObjectSets(loadDocs(join(dirAbs, VARIANTS[0][0])), r.ingressNginxObjectList(r.renderIngressNginx(referencePlan())) as Obj[]);
    const label = `${VARIANTS[0][0]} (defaults)`;
    diffs.push(...defaults.diffs.map((d) => ({ ...d, object: `${label}: ${d.object}` })));
    compared.push(...defaults.compared.map((k) => `${label}: ${k}`));
    return result(NAME, diffs, INGRESS_NGINX_EDITS, compared);
  },
};

export default component;
