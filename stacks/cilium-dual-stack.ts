import { CiliumIpamMode, CiliumRoutingMode, CiliumTunnelProtocol, Cni, DualStackClusterProps } from '../lib';

/**
 * Cilium 1.19.6, IPv4-primary dual-stack: IPAM `kubernetes` (node podCIDRs from
 * kube-controller-manager, from the plan's cluster CIDRs and masks), vxlan tunnel routing and
 * kube-proxy replacement. kubeadm skips its kube-proxy addon; the agent reaches the API server at
 * the control-plane node's IPv4 address. Without a chart (`CiliumProps.chart`) the output holds
 * the chart values and the exact `helm install` command, so the stack synthesizes offline.
 */
export function ciliumDualStack(): DualStackClusterProps {
  return {
    network: {
      podCidrs: ['10.244.0.0/16', 'fd7a:115c:a1e0::/56'],
      serviceCidrs: ['10.96.0.0/16', 'fd7a:115c:a1e0:100::/112'],
      nodes: [
        { name: 'node-1', ipv4: '192.168.30.11/24', ipv6: 'fd7a:115c:a1e0:300::11/64', ipv6DefaultGateway: 'fd7a:115c:a1e0:300::1', controlPlane: true, interface: 'eth0' },
        { name: 'node-2', ipv4: '192.168.30.12/24', ipv6: 'fd7a:115c:a1e0:300::12/64', ipv6DefaultGateway: 'fd7a:115c:a1e0:300::1', interface: 'eth0' },
      ],
    },
    cni: Cni.cilium({
      ipam: CiliumIpamMode.KUBERNETES,
      routingMode: CiliumRoutingMode.TUNNEL,
      tunnelProtocol: CiliumTunnelProtocol.VXLAN,
      kubeProxyReplacement: true,
    }),
  };
}
