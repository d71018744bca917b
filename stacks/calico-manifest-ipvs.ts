import { CalicoMode, Cni, CONTROLLERS_MIN_KUBERNETES, DualStackClusterProps, gateNeedsExplicitOn, IngressController, IpFamily, KubeProxyMode, KubernetesVersion } from '../lib';

/**
 * The field report's cluster (field report §3–§7): its addressing and its choices — Calico in
 * manifest mode, kube-proxy ipvs, ingress-nginx on NodePort 30080/30443 and Kong — on a current
 * Kubernetes version (the default line, 1.36). It synthesizes with the warnings its choices deserve
 * (fc00::/48 is in the undefined half of fc00::/7, fd00::/108 has an all-zero global ID, ipvs is
 * deprecated from 1.35 — the report's choice, kept —, ingress-nginx is retired).
 */
export function calicoManifestIpvs(kubernetesVersion: string = KubernetesVersion.DEFAULT): DualStackClusterProps {
  const version = KubernetesVersion.parse(kubernetesVersion);
  // The report's era: older than the ingress controllers we pin.
  const era = version.before(CONTROLLERS_MIN_KUBERNETES);
  return {
    network: {
      kubernetesVersion,
      // The report enabled the gate on every component (§4); versions before 1.21 still need it.
      featureGates: gateNeedsExplicitOn('IPv6DualStack', version) ? { IPv6DualStack: true } : undefined,
      serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
      podCidrs: ['172.16.0.0/16', 'fc00::/48'],
      nodeMaskIPv4: 24,
      nodeMaskIPv6: 64,
      nodes: [
        {
          name: 'node53',
          ipv4: '192.168.101.53/24',
          ipv6: '2003:ac18::30a:2/64',
          ipv6DefaultGateway: '2003:ac18::30a:254',
          controlPlane: true,
        },
      ],
    },
    cni: Cni.calico({ mode: CalicoMode.MANIFEST }),
    kubeProxy: { mode: KubeProxyMode.IPVS },
    // ingress-nginx v1.15.1 and Kong Ingress Controller 3.x need Kubernetes ≥ 1.21: the 1.18
    // rendering keeps the report's application only — its Service on IPv6 through the singular
    // ipFamily (§6.1) and its v1beta1 Ingress of class nginx, for the ingress-nginx of that era
    // (controller v0.41, §7.1) installed separately.
    ingress: era
      ? []
      : [
          IngressController.nginx({ nodePorts: { http: 30080, https: 30443 } }),
          // The report ran Kong on 30080/30443 after removing ingress-nginx; side by side they need their own.
          IngressController.kong({ nodePorts: { http: 31080, https: 31443 } }),
        ],
    app: era ? { ingressClassName: 'nginx', ipFamily: IpFamily.IPV6 } : true,
  };
}
