import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { attachFindings, findingsOwned } from '../construct-findings';
import { NodePortClaim, nodePortFindings } from './rules';
import type { KubeObject } from '../k8s/objects';

/** One ApiObject per rendered object; the renderer's plain JSON passes through unchanged. */
export function apiObject(scope: Construct, id: string, obj: KubeObject): ApiObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  return new ApiObject(scope, id, { apiVersion, kind, metadata: metadata as Record<string, unknown>, ...rest });
}

const CLAIMS = new WeakMap<IConstruct, NodePortClaim[]>();

/**
 * Register a construct's nodePorts with its app (the construct tree's root), unless a construct
 * above it owns its findings (`DualStackCluster`). The first claim adds one
 * validation to the root that reports clashes between any two of our exposed controllers (nodePorts
 * are cluster-wide; the field report gave ingress-nginx and Kong the same 30080/30443).
 */
export function claimNodePorts(scope: IConstruct, claim: NodePortClaim): void {
  // Inside a cluster the cluster checks its controllers' nodePorts (clusterFindings).
  if (findingsOwned(scope)) return;
  const root = scope.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) {
    const list: NodePortClaim[] = [];
    claims = list;
    CLAIMS.set(root, list);
    // Pairs only: each construct already checks its own ports' range.
    attachFindings(root, () => (list.length > 1 ? nodePortFindings(list).filter((f) => f.code === 'node-port-clash') : []));
  }
  claims.push(claim);
}
