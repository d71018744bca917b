/**
 * Findings about the kubeadm options of `ControlPlaneConfig` (pure; no cdk8s). Cross-component
 * network rules stay in the plan (lib/plan/rules); these read only what this area adds.
 */
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { DUAL_STACK_NODE_IP_SINCE } from './flags';
import { apiServerEndpoint, controlPlaneJoinNodes, controlPlaneUntainted, kubeadmDefaultControlPlaneTaints, KubeadmOptions, workerNodes } from './render-kubeadm';

/** k8s.io/cluster-bootstrap/token/api BootstrapTokenPattern. */
const TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
/** cmd/kubeadm/app/util/pubkeypin: `sha256:` and 64 hex digits. */
const CA_HASH = /^sha256:[0-9a-f]{64}$/;
/** cmd/kubeadm/app/phases/copycerts: the certificate key is hex of a 32-byte AES key. */
const CERTIFICATE_KEY = /^[0-9a-fA-F]{64}$/;

export function controlPlaneFindings(plan: ClusterNetwork, options: KubeadmOptions = {}, base = 'controlPlane'): Finding[] {
  const out: Finding[] = [];
  const cp = plan.controlPlaneNode;
  const primary = plan.primaryFamily;
  const cpAddress = cp && primary ? (primary === IpFamily.IPV4 ? cp.ipv4 : cp.ipv6) : undefined;
  if (!cpAddress) {
    out.push(
      finding.warning(
        'kubeadm-advertise-address-unknown',
        cp ? `nodes[${cp.index}].${primary === IpFamily.IPV6 ? 'ipv6' : 'ipv4'}` : 'nodes',
        cp ? `control-plane node ${quote(cp.name)} has no ${primary} address` : 'no node is declared, so the control-plane node is unknown',
        `declare the control-plane node with its ${primary ?? 'primary-family'} address: kubeadm otherwise advertises the address of the default-route interface, which may be of the other family`,
        'cmd/kubeadm/app/util/config/initconfiguration.go',
      ),
    );
  }
  if (plan.isDualStack && plan.version.before(DUAL_STACK_NODE_IP_SINCE)) {
    for (const n of plan.nodes) {
      if (!n.ipv4 || !n.ipv6) continue;
      out.push(
        finding.info(
          'kubelet-node-ip-single',
          `nodes[${n.index}]`,
          `kubelet ${plan.version} takes one --node-ip, so node ${quote(n.name)} registers its ${primary} address only (dual-stack --node-ip arrives in ${DUAL_STACK_NODE_IP_SINCE})`,
          `target ${DUAL_STACK_NODE_IP_SINCE} or later for dual-stack node addresses`,
          'kubernetes/kubernetes#95239',
        ),
      );
    }
  }
  const workers = workerNodes(plan);
  const controlPlaneJoins = controlPlaneJoinNodes(plan);
  if (controlPlaneUntainted(plan)) {
    const names = plan.nodes.map((n) => quote(n.name)).join(', ');
    out.push(
      finding.info(
        'kubeadm-control-plane-untainted',
        'nodes',
        plan.nodes.length === 1
          ? `node ${names} is the only node, so the InitConfiguration sets nodeRegistration.taints: [] and kubeadm leaves it untainted (its default ${kubeadmDefaultControlPlaneTaints(plan).join(' and ')} would keep every workload off the cluster)`
          : `no declared node is a worker (${names} are control-plane nodes), so the InitConfiguration sets nodeRegistration.taints: [] and kubeadm leaves the first control plane untainted (its default ${kubeadmDefaultControlPlaneTaints(plan).join(' and ')} would keep every workload off it)`,
        'declare worker nodes (nodes without controlPlane) to keep the control-plane taint',
        'cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go',
      ),
    );
  }
  if (workers.length + controlPlaneJoins.length > 0) {
    if (!apiServerEndpoint(plan, options)) {
      out.push(
        finding.error(
          'kubeadm-join-endpoint-unknown',
          `${base}.controlPlaneEndpoint`,
          'joining nodes are declared but no API server endpoint is known (no controlPlaneEndpoint and no control-plane address)',
          'set controlPlaneEndpoint ("host:port") or declare the control-plane node address',
        ),
      );
    }
    if (options.bootstrapToken === undefined || options.caCertHashes === undefined) {
      out.push(
        finding.info(
          'kubeadm-join-placeholders',
          `${base}.bootstrapToken`,
          'JoinConfiguration carries placeholders for the bootstrap token and CA hash; kubeadm refuses them until they are replaced',
          'run `kubeadm token create --print-join-command` on the control plane and put its token and sha256 hash into the JoinConfiguration (or pass bootstrapToken/caCertHashes)',
        ),
      );
    }
  }
  if (options.bootstrapToken !== undefined && !TOKEN.test(options.bootstrapToken)) {
    out.push(finding.error('kubeadm-token-format', `${base}.bootstrapToken`, 'the bootstrap token is not of the form [a-z0-9]{6}.[a-z0-9]{16} (value not shown: it is a secret)', 'generate one with `kubeadm token generate`', 'k8s.io/cluster-bootstrap/token/api/types.go'));
  }
  (options.caCertHashes ?? []).forEach((h, i) => {
    if (!CA_HASH.test(h)) {
      out.push(finding.error('kubeadm-ca-hash-format', `${base}.caCertHashes[${i}]`, `${quote(h)} is not "sha256:" followed by 64 lowercase hex digits`, 'copy the --discovery-token-ca-cert-hash value that `kubeadm token create --print-join-command` prints', 'cmd/kubeadm/app/util/pubkeypin/pubkeypin.go'));
    }
  });
  if (controlPlaneJoins.length > 0) {
    const names = controlPlaneJoins.map((n) => quote(n.name)).join(', ');
    if (!options.controlPlaneEndpoint) {
      out.push(
        finding.error(
          'kubeadm-control-plane-endpoint-required',
          `${base}.controlPlaneEndpoint`,
          `further control-plane nodes are declared (${names}) but no controlPlaneEndpoint is set; kubeadm join --control-plane refuses "a cluster that doesn't have a stable controlPlaneEndpoint address"`,
          'set controlPlaneEndpoint to a load-balanced "host:port" every control-plane node serves (it goes into the API server certificate at init)',
          'cmd/kubeadm/app/cmd/phases/join/preflight.go',
        ),
      );
    }
    if (options.certificateKey === undefined) {
      out.push(
        finding.info(
          'kubeadm-certificate-key-placeholder',
          `${base}.certificateKey`,
          `the control-plane JoinConfigurations of ${names} carry a certificate-key placeholder; kubeadm refuses it until replaced`,
          'run kubeadm init with --upload-certs and put the certificate key it prints into controlPlane.certificateKey (or pass certificateKey)',
        ),
      );
    }
  }
  if (options.certificateKey !== undefined && !CERTIFICATE_KEY.test(options.certificateKey)) {
    out.push(finding.error('kubeadm-certificate-key-format', `${base}.certificateKey`, 'the certificate key is not 64 hex digits (a 32-byte AES key; value not shown: it is a secret)', 'use the key `kubeadm init --upload-certs` or `kubeadm certs certificate-key` prints', 'cmd/kubeadm/app/phases/copycerts/copycerts.go'));
  }
  return out;
}
