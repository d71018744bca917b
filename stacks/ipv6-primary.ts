import { Cni, DualStackClusterProps, IngressController, KubeProxyMode } from '../lib';

/**
 * IPv6-first dual-stack: IPv6 pod and Service ranges listed first (so Services default to IPv6
 * and kubernetes.default is fd6e:…::1), kube-proxy nftables (GA in 1.33), Gateway API in front, on
 * the default Kubernetes line (1.36).
 */
export function ipv6Primary(): DualStackClusterProps {
  return {
    network: {
      podCidrs: ['fd6e:4d2c:71b0::/56', '10.244.0.0/16'],
      serviceCidrs: ['fd6e:4d2c:71b0:100::/112', '10.96.0.0/16'],
      nodes: [
        { name: 'cp-1', ipv6: 'fd6e:4d2c:71b0:200::11/64', ipv4: '192.168.30.11/24', ipv6DefaultGateway: 'fd6e:4d2c:71b0:200::1', controlPlane: true, kernelVersion: '6.1' },
        { name: 'worker-1', ipv6: 'fd6e:4d2c:71b0:200::21/64', ipv4: '192.168.30.21/24', ipv6DefaultGateway: 'fd6e:4d2c:71b0:200::1', kernelVersion: '6.1' },
      ],
    },
    cni: Cni.calico(),
    kubeProxy: { mode: KubeProxyMode.NFTABLES },
    ingress: [IngressController.gateway()],
    app: true,
  };
}
