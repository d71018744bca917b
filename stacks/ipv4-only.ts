import { Cni, DualStackClusterProps } from '../lib';

/** Single-stack IPv4 still works: the same constructs, one family (the smoke test checks only IPv4). */
export function ipv4Only(): DualStackClusterProps {
  return {
    network: {
      podCidrs: ['10.244.0.0/16'],
      serviceCidrs: ['10.96.0.0/16'],
      nodes: [
        { name: 'cp-1', ipv4: '192.168.40.11/24', controlPlane: true },
        { name: 'worker-1', ipv4: '192.168.40.21/24' },
      ],
    },
    cni: Cni.calico(),
    app: true,
  };
}
