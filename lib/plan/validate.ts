/**
 * The public validators (names fixed by DESIGN §3): one per upstream component, each returning
 * `Finding[]` — accepted ⇔ no `error`. They run the same rule functions as the plan
 * (lib/plan/rules/*), on raw input, and never throw: junk becomes findings naming the field.
 */
import type { Cidr } from '../net/cidr';
import { Finding, finding, quote } from './findings';
import { plainCopy } from './input';
import { validateServiceClusterIPRange, ServiceClusterIPRangeOptions } from './rules/apiserver';
import { ClusterCIDROptions, validateClusterCIDR } from './rules/controller-manager';
import { KubeadmNetworking, KubeadmNetworkingOptions, validateKubeadmNetworking } from './rules/kubeadm';
import { KubeProxyConfigurationOptions, validateKubeProxyConfiguration } from './rules/kube-proxy';
import { defaultServiceIpFamilies as defaultFamilies, ServiceIpFamilyDefaults, ServiceValidationOptions, validateService } from './rules/service';

/**
 * Never throws. The rules run on the input as given (plain data, the normal case, costs nothing
 * extra); when reading it throws — a getter, a Proxy trap — the input and the options are copied
 * into plain data (lib/plan/input.ts), every unreadable value becoming a finding at its path, and
 * the rules run again on the copy. A rule bug on the copy still comes back as a finding.
 */
function guarded<V, O>(what: string, base: string, fn: (value: V, opts?: O) => Finding[]): (value: V, opts?: O) => Finding[] {
  return (value: V, opts?: O) => {
    try {
      return fn(value, opts);
    } catch {
      // fall through: read the input defensively
    }
    try {
      const f: Finding[] = [];
      const v = plainCopy(value, base, f) as V;
      const o = opts === undefined ? undefined : (plainCopy(opts, 'opts', f) as O);
      return [...f, ...fn(v, o)];
    } catch (e) {
      return [finding.error('internal-error', what, `the validator failed on this input (${quote(e instanceof Error ? e.message : String(e))})`, 'report this input to k8s-dualstack')];
    }
  };
}

/** Validators that reach the same accept/reject verdict as the real components, version by version. */
export const validate = {
  /** kube-apiserver `--service-cluster-ip-range` (with `--advertise-address`, `--endpoint-reconciler-type`). */
  serviceClusterIPRange: guarded('--service-cluster-ip-range', '--service-cluster-ip-range', (value: unknown, opts?: ServiceClusterIPRangeOptions) => validateServiceClusterIPRange(value, opts)),
  /** kube-controller-manager `--cluster-cidr` with the node mask flags. */
  clusterCIDR: guarded('--cluster-cidr', '--cluster-cidr', (value: unknown, opts?: ClusterCIDROptions) => validateClusterCIDR(value, opts)),
  /** A kube-proxy `KubeProxyConfiguration` (kubeproxy.config.k8s.io/v1alpha1) document. */
  kubeProxyConfiguration: guarded('KubeProxyConfiguration', '', (config: unknown, opts?: KubeProxyConfigurationOptions) => validateKubeProxyConfiguration(config, opts)),
  /** kubeadm `ClusterConfiguration.networking`. */
  kubeadmNetworking: guarded('networking', 'networking', (networking: KubeadmNetworking | unknown, opts?: KubeadmNetworkingOptions) => validateKubeadmNetworking(networking, opts)),
  /** A core/v1 Service on create (API validation, and allocation when `serviceCidrs` is given). */
  service: guarded('Service', '', (service: unknown, opts?: ServiceValidationOptions) => validateService(service, opts)),
};

/**
 * The families and policy the API server would default for a Service (see rules/service.ts), or
 * undefined when it would refuse the Service. Never throws: when reading the input throws, it is
 * read again as plain data (unreadable values absent), and an input that still breaks it answers undefined.
 */
export function defaultServiceIpFamilies(service: unknown, serviceCidrs: readonly (Cidr | string)[] | string): ServiceIpFamilyDefaults | undefined {
  try {
    return defaultFamilies(service, serviceCidrs);
  } catch {
    // fall through: read the input defensively
  }
  try {
    const f: Finding[] = [];
    const s = plainCopy(service, '', f);
    const c = plainCopy(serviceCidrs, 'serviceCidrs', f) as readonly (Cidr | string)[] | string;
    if (f.some((x) => x.severity === 'error')) return undefined;
    return defaultFamilies(s, c);
  } catch {
    return undefined;
  }
}
