import { Cni, DualStackClusterProps, IngressController, KubeProxyMode } from '../lib';

/**
 * The recommended modern setup: Calico through the tigera-operator with its nftables dataplane,
 * kube-proxy nftables (GA since 1.33; ipvs is deprecated from 1.35, KEP-5495), Gateway API (Envoy
 * Gateway) in front of the application, on the default Kubernetes line (1.36). IPv6 ranges come from one RFC 4193 /48
 * (fd4b:8872:9025::/48, random global ID): pods a /56 (256 nodes of /64), Services a /112 (the
 * legacy allocator's effective size), nodes a /64.
 */
export function calicoOperatorNftables(): DualStackClusterProps {
  return {
    network: {
      podCidrs: ['10.244.0.0/16', 'fd4b:8872:9025::/56'],
      serviceCidrs: ['10.96.0.0/16', 'fd4b:8872:9025:100::/112'],
      nodes: [
        { name: 'cp-1', ipv4: '192.168.10.11/24', ipv6: 'fd4b:8872:9025:200::11/64', ipv6DefaultGateway: 'fd4b:8872:9025:200::1', controlPlane: true },
        { name: 'worker-1', ipv4: '192.168.10.21/24', ipv6: 'fd4b:8872:9025:200::21/64', ipv6DefaultGateway: 'fd4b:8872:9025:200::1' },
        { name: 'worker-2', ipv4: '192.168.10.22/24', ipv6: 'fd4b:8872:9025:200::22/64', ipv6DefaultGateway: 'fd4b:8872:9025:200::1' },
      ],
    },
    cni: Cni.calico(),
    kubeProxy: { mode: KubeProxyMode.NFTABLES },
    ingress: [IngressController.gateway()],
    app: true,
  };
}
