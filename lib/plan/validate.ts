/**
 * The public validators (names fixed by DESIGN §3): one per upstream component, each returning
 * `Finding[]` — accepted ⇔ no `error`. They run the same rule functions as the plan
 * (lib/plan/rules/*), on raw input, and never throw: junk becomes findings naming the field.
 */
import { Finding, finding } from './findings';
import { validateServiceClusterIPRange, ServiceClusterIPRangeOptions } from './rules/apiserver';
import { ClusterCIDROptions, validateClusterCIDR } from './rules/controller-manager';
import { KubeadmNetworking, KubeadmNetworkingOptions, validateKubeadmNetworking } from './rules/kubeadm';
import { KubeProxyConfigurationOptions, validateKubeProxyConfiguration } from './rules/kube-proxy';
import { defaultServiceIpFamilies, ServiceValidationOptions, validateService } from './rules/service';

/** Last line of defence: a rule bug must still come back as a finding, never as an exception. */
function guarded<A extends unknown[]>(what: string, fn: (...args: A) => Finding[]): (...args: A) => Finding[] {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      return [finding.error('internal-error', what, `the validator failed on this input (${e instanceof Error ? e.message : String(e)})`, 'report this input to k8s-dualstack')];
    }
  };
}

/** Validators that reach the same accept/reject verdict as the real components, version by version. */
export const validate = {
  /** kube-apiserver `--service-cluster-ip-range` (with `--advertise-address`, `--endpoint-reconciler-type`). */
  serviceClusterIPRange: guarded('--service-cluster-ip-range', (value: unknown, opts?: ServiceClusterIPRangeOptions) => validateServiceClusterIPRange(value, opts)),
  /** kube-controller-manager `--cluster-cidr` with the node mask flags. */
  clusterCIDR: guarded('--cluster-cidr', (value: unknown, opts?: ClusterCIDROptions) => validateClusterCIDR(value, opts)),
  /** A kube-proxy `KubeProxyConfiguration` (kubeproxy.config.k8s.io/v1alpha1) document. */
  kubeProxyConfiguration: guarded('KubeProxyConfiguration', (config: unknown, opts?: KubeProxyConfigurationOptions) => validateKubeProxyConfiguration(config, opts)),
  /** kubeadm `ClusterConfiguration.networking`. */
  kubeadmNetworking: guarded('networking', (networking: KubeadmNetworking | unknown, opts?: KubeadmNetworkingOptions) => validateKubeadmNetworking(networking, opts)),
  /** A core/v1 Service on create (API validation, and allocation when `serviceCidrs` is given). */
  service: guarded('Service', (service: unknown, opts?: ServiceValidationOptions) => validateService(service, opts)),
};

export { defaultServiceIpFamilies };
