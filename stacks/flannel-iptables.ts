import { Cni, DualStackClusterProps, FlannelBackend, KubeProxyMode } from '../lib';

/**
 * flannel (vxlan, dual-stack) with kube-proxy in iptables mode. iptables mode needs an IPv6
 * default route on every node (calico#2758, field report §6.1): the nodes declare their IPv6
 * gateways, and host preparation keeps router-advertised default routes on eth0 (accept_ra=2,
 * which IPv6 forwarding would otherwise disable). On the default Kubernetes line (1.36).
 */
export function flannelIptables(): DualStackClusterProps {
  return {
    network: {
      podCidrs: ['10.244.0.0/16', 'fd7a:115c:a1e0::/56'],
      serviceCidrs: ['10.96.0.0/16', 'fd7a:115c:a1e0:100::/112'],
      nodes: [
        { name: 'node-1', ipv4: '192.168.20.11/24', ipv6: 'fd7a:115c:a1e0:200::11/64', ipv6DefaultGateway: 'fd7a:115c:a1e0:200::1', controlPlane: true, interface: 'eth0' },
        { name: 'node-2', ipv4: '192.168.20.12/24', ipv6: 'fd7a:115c:a1e0:200::12/64', ipv6DefaultGateway: 'fd7a:115c:a1e0:200::1', interface: 'eth0' },
      ],
    },
    cni: Cni.flannel({ backend: FlannelBackend.VXLAN }),
    kubeProxy: { mode: KubeProxyMode.IPTABLES },
    hostPrep: { acceptRaInterface: 'eth0' },
    app: true,
  };
}
