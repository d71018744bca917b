import { imageTagProblem } from '../k8s/images';
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';
import { DEFAULT_NODE_PORT_RANGE } from '../ingress/rules';
import type { ClusterNetwork } from '../plan/network';
import { SmokeTestOptions } from './options';
import { resolveSmokeTest, supportsJobTtl, usesAlphaServiceApi } from './render';
import { FEATURE_GATES } from '../plan/timeline/gates';
import { DNS1123_LABEL } from '../plan/rules/common';
import { SERVICE_FAMILY_FIELDS_SINCE } from '../plan/timeline/facts';

const PATH = 'smokeTest';

/** DNS-1123 label (RFC 1123): what Namespace and Service names must be. */
const DNS_LABEL = DNS1123_LABEL;

/** The longest suffix the renderer appends to `name` (`-web-ipv6`), so names stay ≤ 63. */
const LONGEST_SUFFIX = '-web-ipv6'.length;

/** Default `--service-node-port-range` of kube-apiserver (pkg/kubeapiserver/options/options.go). */
const NODE_PORT_RANGE = { min: DEFAULT_NODE_PORT_RANGE[0], max: DEFAULT_NODE_PORT_RANGE[1] };

/** An image is pinned when it carries a digest, or a tag that is not `latest` (lib/k8s/images.ts). */
export function isPinnedImage(image: string): boolean {
  return imageTagProblem(image) === undefined;
}

function isInt(n: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/**
 * What the smoke test has to say about its options against the plan. Pure; the construct surfaces
 * it with attachFindings, and DualStackCluster / the CLI can call it too.
 */
export function smokeTestFindings(plan: ClusterNetwork, options: SmokeTestOptions = {}): Finding[] {
  const out: Finding[] = [];
  const r = resolveSmokeTest(options);
  const t = r.target;

  if (plan.families.length === 0) {
    out.push(finding.error('smoke-test-no-families', `${PATH}.network`, 'the plan has no IP family (no valid podCidrs or serviceCidrs), so there is nothing to expect', 'fix the plan errors first'));
  }
  if (typeof r.name !== 'string' || !DNS_LABEL.test(r.name) || r.name.length > 63 - LONGEST_SUFFIX) {
    out.push(
      finding.error(
        'smoke-test-name',
        `${PATH}.name`,
        `${quote(r.name)} is not a DNS-1123 label of at most ${63 - LONGEST_SUFFIX} characters (suffixes such as "-web-ipv6" are appended)`,
        'use lowercase letters, digits and "-", e.g. "dualstack-smoke"',
      ),
    );
  }
  if (typeof r.namespace !== 'string' || !DNS_LABEL.test(r.namespace) || r.namespace.length > 63) {
    out.push(finding.error('smoke-test-namespace', `${PATH}.namespace`, `${quote(r.namespace)} is not a DNS-1123 label (a namespace name)`, 'use e.g. "dualstack-smoke"'));
  }
  if (!isPinnedImage(r.image)) {
    out.push(finding.error('smoke-test-image-unpinned', `${PATH}.image`, `${quote(r.image)} has no version tag or uses "latest"`, 'pin a version tag, e.g. "node:22.21.1-alpine3.22"'));
  }
  for (const [field, value, min] of [
    ['ttlSecondsAfterFinished', r.ttlSecondsAfterFinished, 0],
    ['backoffLimit', r.backoffLimit, 0],
    ['waitSeconds', r.waitSeconds, 0],
    ['httpTimeoutSeconds', r.httpTimeoutSeconds, 1],
  ] as const) {
    if (!isInt(value, min)) {
      out.push(finding.error('smoke-test-number', `${PATH}.${field}`, `${quote(value)} is not a whole number ≥ ${min}`, `write a whole number of ${field === 'backoffLimit' ? 'retries' : 'seconds'}`));
    }
  }
  if (!isInt(t.port, 1, 65535)) {
    out.push(finding.error('smoke-test-port', `${PATH}.target.port`, `${quote(t.port)} is not a port number (1–65535)`, 'use the Service port, e.g. 80'));
  }
  if (t.deploysWorkload) {
    if (!isInt(t.replicas, 1)) {
      out.push(finding.error('smoke-test-replicas', `${PATH}.target.replicas`, `${quote(t.replicas)} is not a whole number ≥ 1`, 'use 1 or more'));
    }
    if (!isPinnedImage(t.image ?? '')) {
      out.push(finding.error('smoke-test-image-unpinned', `${PATH}.target.image`, `${quote(t.image)} has no version tag or uses "latest"`, 'pin a version tag, e.g. "nginxinc/nginx-unprivileged:1.28.0-alpine"'));
    }
    if (t.nodePort !== undefined) {
      if (!isInt(t.nodePort, 1, 65535)) {
        out.push(finding.error('smoke-test-node-port', `${PATH}.target.nodePort`, `${quote(t.nodePort)} is not a port number`, `pick a port in ${NODE_PORT_RANGE.min}–${NODE_PORT_RANGE.max}`));
      } else if (t.nodePort < NODE_PORT_RANGE.min || t.nodePort > NODE_PORT_RANGE.max) {
        out.push(
          finding.warning(
            'smoke-test-node-port-range',
            `${PATH}.target.nodePort`,
            `${t.nodePort} is outside the default --service-node-port-range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}; the API server refuses it unless the range was changed`,
            `pick a port in ${NODE_PORT_RANGE.min}–${NODE_PORT_RANGE.max}`,
            'pkg/kubeapiserver/options/options.go',
          ),
        );
      }
      if (!r.checkNodePort) {
        out.push(finding.warning('smoke-test-node-port-unused', `${PATH}.target.nodePort`, `${t.nodePort} is set but checkNodePort is false, so the Service stays ClusterIP and the port is unused`, 'set checkNodePort: true, or drop nodePort'));
      }
    }
  } else {
    if (typeof t.namespace !== 'string' || !DNS_LABEL.test(t.namespace)) {
      out.push(finding.error('smoke-test-target-namespace', `${PATH}.target.namespace`, `${quote(t.namespace)} is not a namespace name`, 'give the namespace of the Service to probe'));
    }
    if (typeof t.name !== 'string' || !DNS_LABEL.test(t.name)) {
      out.push(finding.error('smoke-test-target-name', `${PATH}.target.name`, `${quote(t.name)} is not a Service name (DNS-1123 label)`, 'give the name of the Service to probe'));
    }
  }
  if (r.checkNodePort && plan.nodes.length === 0) {
    out.push(
      finding.info(
        'smoke-test-node-port-addresses',
        `${PATH}.checkNodePort`,
        'the plan lists no nodes, so the NodePort check uses the InternalIP addresses the API reports for the first node',
        'declare nodes (with ipv4/ipv6 addresses) in the plan to probe those addresses',
      ),
    );
  }
  if (!supportsJobTtl(plan)) {
    out.push(
      finding.warning(
        'smoke-test-ttl-unsupported',
        `${PATH}.ttlSecondsAfterFinished`,
        `Kubernetes ${plan.version} has TTLAfterFinished as an alpha gate, off by default (beta and on from ${FEATURE_GATES.TTLAfterFinished.defaultOn}), and the API server refuses the field; it is left out, so the finished Job stays`,
        'delete the Job after reading its log (kubectl -n <namespace> delete job <name>), or enable the TTLAfterFinished gate in featureGates',
        'KEP-592 (pkg/features/kube_features.go)',
      ),
    );
  }
  if (usesAlphaServiceApi(plan) && plan.isDualStack && t.deploysWorkload) {
    out.push(
      finding.info(
        'smoke-test-alpha-services',
        `${PATH}.target`,
        `Kubernetes ${plan.version} has the alpha dual-stack Service API (one spec.ipFamily per Service), so the test workload gets one Service per family`,
        undefined,
        `KEP-563 (dual-stack API redesign in ${SERVICE_FAMILY_FIELDS_SINCE})`,
      ),
    );
  }
  return out;
}
