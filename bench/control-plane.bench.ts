/** Rendering cost of the control-plane, kube-proxy and host renderers for a large cluster. */
import { performance } from 'perf_hooks';
import { kubeadmYaml, renderKubeadmConfig } from '../lib/control-plane/render-kubeadm';
import { renderExistingClusterFlags } from '../lib/control-plane/render-existing';
import { renderKubeProxyConfigMap } from '../lib/kube-proxy/render';
import { NodeDistro, renderNodeScript } from '../lib/host/node-script';
import { ClusterNetwork } from '../lib/plan/network';

const nodes = Array.from({ length: 1000 }, (_, i) => ({
  name: `node${i}`,
  ipv4: `10.${Math.floor(i / 250)}.${i % 250}.10/16`,
  ipv6: `2003:ac18::${(i + 1).toString(16)}/64`,
  ipv6DefaultGateway: '2003:ac18::ffff',
  controlPlane: i === 0,
}));
const t0 = performance.now();
const plan = ClusterNetwork.plan({ kubernetesVersion: '1.33', podCidrs: ['172.16.0.0/12', 'fc00::/48'], serviceCidrs: ['10.96.0.0/12', 'fd00::/108'], nodes });
const t1 = performance.now();
const yaml = kubeadmYaml(renderKubeadmConfig(plan));
const t2 = performance.now();
renderExistingClusterFlags(plan);
renderKubeProxyConfigMap(plan);
const t3 = performance.now();
for (const n of plan.nodes) renderNodeScript(plan, n, NodeDistro.RHEL);
const t4 = performance.now();
console.log(`plan of 1000 nodes: ${(t1 - t0).toFixed(1)} ms`);
console.log(`kubeadm config (1 init + 999 joins, ${yaml.length} bytes): ${(t2 - t1).toFixed(1)} ms`);
console.log(`existing-cluster flags + kube-proxy ConfigMap: ${(t3 - t2).toFixed(1)} ms`);
console.log(`1000 node scripts: ${(t4 - t3).toFixed(1)} ms`);
