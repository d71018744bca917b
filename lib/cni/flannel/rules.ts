/**
 * flannel rules that need both the plan and the flannel options. Pure: no cdk8s.
 * Mirrors flannel's pkg/subnet/config.go (ParseConfig/checkNetworkConfig) and the dual-stack
 * notes of Documentation/configuration.md: only vxlan, host-gw and wireguard carry IPv6.
 */
import { Address } from '../../net/address';
import { quote } from '../../net/errors';
import { FLANNEL_DUAL_STACK_BACKENDS, FlannelBackend, FlannelOptions } from '../options';
import { DEFAULT_FLANNEL_CNI_PLUGIN_VERSION, DEFAULT_FLANNEL_VERSION, RELEASE_TAG } from '../versions';
import { unpinnedVersionFinding } from '../../plan/rules/pins';
import { Finding, finding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import { IpFamily } from '../../plan/spec';
import { CalicoRuleContext } from '../calico/rules';

const CONFIG_DOC = 'flannel Documentation/configuration.md';

export function flannelFindings(plan: ClusterNetwork, options: FlannelOptions = {}, _context: CalicoRuleContext = {}): Finding[] {
  const out: Finding[] = [];
  const backend = options.backend ?? FlannelBackend.VXLAN;
  const v6 = plan.hasFamily(IpFamily.IPV6);
  if (!Object.values(FlannelBackend).includes(backend)) {
    out.push(finding.error('flannel-backend', 'cni.flannel.backend', `${quote(backend)} is not a flannel backend`, `use one of ${Object.values(FlannelBackend).map((b) => quote(b)).join(', ')}`));
  } else if (v6 && !FLANNEL_DUAL_STACK_BACKENDS.includes(backend)) {
    out.push(
      finding.error(
        'flannel-backend-no-ipv6',
        'cni.flannel.backend',
        `${quote(backend)} cannot carry IPv6, but the plan is ${plan.isDualStack ? 'dual-stack' : 'IPv6-only'}: flannel refuses EnableIPv6 with it`,
        `use ${FLANNEL_DUAL_STACK_BACKENDS.map((b) => quote(b)).join(', ')}`,
        CONFIG_DOC,
      ),
    );
  }
  if (options.version !== undefined && !RELEASE_TAG.test(options.version)) {
    out.push(finding.error('flannel-version-format', 'cni.flannel.version', `${quote(options.version)} is not a flannel release tag`, `write a tag such as ${quote(DEFAULT_FLANNEL_VERSION)}`));
  } else {
    const w = unpinnedVersionFinding('flannel', options.version, [DEFAULT_FLANNEL_VERSION], 'cni.flannel.version', 'lib/cni/versions.ts');
    if (w) out.push(w);
  }
  const cni = unpinnedVersionFinding('flannel CNI plugin', options.cniPluginVersion, [DEFAULT_FLANNEL_CNI_PLUGIN_VERSION], 'cni.flannel.cniPluginVersion', 'lib/cni/versions.ts');
  if (cni) out.push(cni);
  if (options.ifaceCanReach !== undefined && !Address.tryParse(options.ifaceCanReach)) {
    out.push(finding.error('flannel-iface-can-reach', 'cni.flannel.ifaceCanReach', `${quote(options.ifaceCanReach)} is not an IP address`, 'give the address of a host the nodes route to (e.g. the gateway)'));
  }
  if (options.publicIPv6 !== undefined) {
    const a = Address.tryParse(options.publicIPv6);
    if (!a || a.family !== 6) {
      out.push(finding.error('flannel-public-ipv6', 'cni.flannel.publicIPv6', `${quote(options.publicIPv6)} is not an IPv6 address`, 'give the IPv6 address other nodes reach this node on'));
    }
  }
  if (v6) {
    // IPv6Network is the plan's IPv6 pod range: the plan's range-ula-fc00 warning covers fc00::/8.
    // flanneld picks its IPv6 interface from the IPv6 default route unless told otherwise.
    const withoutRoute = plan.nodes.filter((n) => !n.ipv6DefaultGateway).map((n) => n.name);
    if ((options.iface ?? []).length === 0 && !options.ifaceCanReach && !options.publicIPv6 && withoutRoute.length > 0) {
      out.push(
        finding.warning(
          'flannel-ipv6-no-default-route',
          'cni.flannel.iface',
          `nodes ${withoutRoute.map((n) => quote(n)).join(', ')} declare no IPv6 default gateway, and flanneld finds its IPv6 interface through the IPv6 default route: it exits with "failed to get default v6 interface" without one`,
          'give each node an IPv6 default route (nodes[].ipv6DefaultGateway), or set iface / ifaceCanReach',
          'flannel main.go (LookupExtIface)',
        ),
      );
    }
  }
  return out;
}
