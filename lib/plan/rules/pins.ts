/**
 * Versions a user chooses through props, against the pin tables (lib/cni/versions.ts,
 * lib/ingress/versions.ts): a version the table does not know renders, but nothing here was checked
 * against its upstream artifacts, so it gets a warning. Plus the lifecycle facts of a pinned line.
 */
import { quote } from '../../net/errors';
import { Finding, finding } from '../findings';

/** The warning for a chosen version the pin table does not list (undefined when it does, or none was chosen). */
export function unpinnedVersionFinding(component: string, given: string | undefined, known: readonly string[], path: string, table: string): Finding | undefined {
  if (given === undefined || known.includes(given)) return undefined;
  return finding.warning(
    'version-not-in-pin-table',
    path,
    `${quote(given)} is a ${component} version the pin table does not know (${known.map((k) => quote(k)).join(', ')}): what is rendered was checked against the pinned releases' upstream artifacts only, so RBAC, CRDs, images and flags may not match this one`,
    `use ${quote(known[0])}, or add ${quote(given)} to ${table} after checking its release artifacts`,
    table,
  );
}

/** The image tag of `repo:tag@digest` (undefined without a tag). */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

/**
 * Kong Ingress Controller 3.5 receives maintenance only: new Kubernetes work lands in the unified
 * Kong Operator (Kong/kubernetes-ingress-controller#7850, README "KIC and Kong Operator"), and the
 * open-source Kong gateway image ends at the 3.9.x line (Kong/docker-kong#738: no OSS images past
 * 3.9; 3.9 still maintained).
 */
export function kongLifecycleFinding(path: string, controllerVersion: string, gatewayVersion: string): Finding {
  return finding.info(
    'kong-maintenance-only',
    path,
    `Kong Ingress Controller ${controllerVersion} is on the maintenance-only 3.5 line (new features land in Kong Operator), and the open-source Kong gateway ${gatewayVersion} is on the last OSS line, 3.9.x`,
    'plan a move to Kong Operator (github.com/Kong/kong-operator, the successor of KIC and Kong Gateway Operator), or to a Gateway API implementation such as Envoy Gateway (DualStackGateway here)',
    'Kong/kubernetes-ingress-controller#7850; Kong/docker-kong#738',
  );
}
