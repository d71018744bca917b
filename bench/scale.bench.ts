/**
 * Scaling: one chart with N dual-stack Services, each with an Ingress host (lib/ingress
 * DualStackService + DualStackIngress on a 1.33 dual-stack ClusterNetwork plan), constructed and
 * synthesized to YAML in memory (`app.synthYaml()`: dependencies, validations — our findings
 * included — resolve, YAML), for N = 10, 100, 1,000. Growth should be linear.
 * Method: after one warm-up of every size, ROUNDS rounds; in each round every size is measured in
 * turn (so drift hits all sizes alike); one sample repeats a size ⌈1000 / N⌉ times so every sample
 * does about the same work, and reports the time per stack. Medians of the samples.
 * A measurement, never a failure (exits non-zero only if the output is wrong).
 */
import { App, Chart } from 'cdk8s';
import { loadavg } from 'os';
import { performance } from 'perf_hooks';
import { DualStackIngress, DualStackService } from '../lib/ingress';
import { ClusterNetwork } from '../lib/plan';

const SIZES = [10, 100, 1000];
const ROUNDS = Number(process.argv[2] ?? 7);

const network = ClusterNetwork.of({
  kubernetesVersion: '1.33',
  podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
  serviceCidrs: ['10.96.0.0/16', 'fd00:10:96::/112'],
  expectedServices: 1000,
});

function stack(n: number): { yaml: string; constructMs: number; synthMs: number } {
  const t0 = performance.now();
  const app = new App();
  const chart = new Chart(app, 'scale', { namespace: 'bench' });
  for (let i = 0; i < n; i++) {
    const name = `web-${i}`;
    new DualStackService(chart, `svc-${i}`, { network, name, selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    new DualStackIngress(chart, `ing-${i}`, { network, name, host: `${name}.apps.example.test`, serviceName: name, servicePort: 80, ingressClassName: 'nginx' });
  }
  const t1 = performance.now();
  const yaml = app.synthYaml();
  return { yaml, constructMs: t1 - t0, synthMs: performance.now() - t1 };
}

function check(n: number, yaml: string): void {
  const services = yaml.match(/^kind: Service$/gm)?.length ?? 0;
  const ingresses = yaml.match(/^kind: Ingress$/gm)?.length ?? 0;
  const dual = yaml.match(/^ {2}ipFamilyPolicy: PreferDualStack$/gm)?.length ?? 0;
  if (services !== n || ingresses !== n || dual !== n) {
    process.stderr.write(`scale bench: ${n} Services expected, got ${services} Services, ${ingresses} Ingresses, ${dual} PreferDualStack\n`);
    process.exit(1);
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const bytes = new Map<number, number>();
for (const n of SIZES) {
  const { yaml } = stack(n); // warm-up
  check(n, yaml);
  bytes.set(n, yaml.length);
}

const samples = new Map<number, { total: number[]; construct: number[]; synth: number[] }>(SIZES.map((n) => [n, { total: [], construct: [], synth: [] }]));
for (let r = 0; r < ROUNDS; r++) {
  for (const n of SIZES) {
    const reps = Math.ceil(1000 / n);
    let c = 0;
    let s = 0;
    for (let k = 0; k < reps; k++) {
      const one = stack(n);
      c += one.constructMs;
      s += one.synthMs;
    }
    const x = samples.get(n)!;
    x.construct.push(c / reps);
    x.synth.push(s / reps);
    x.total.push((c + s) / reps);
  }
}

console.log(`N dual-stack Services + N Ingress hosts, one chart, construct + app.synthYaml() in memory; median of ${ROUNDS} rounds (node ${process.version}; 1-min load average ${loadavg()[0].toFixed(2)} at the end):`);
const t = new Map(SIZES.map((n) => [n, median(samples.get(n)!.total)]));
for (const n of SIZES) {
  const x = samples.get(n)!;
  console.log(
    `  ${String(n).padStart(5)} Services: ${t.get(n)!.toFixed(2)} ms (construct ${median(x.construct).toFixed(2)}, synth ${median(x.synth).toFixed(2)}; ${(bytes.get(n)! / 1024).toFixed(0)} KiB YAML) — ${((t.get(n)! / n) * 100).toFixed(2)} ms per 100 Services`,
  );
}
// 1.00 = linear; above 1 = superlinear.
const r1 = t.get(100)! / t.get(10)! / 10;
const r2 = t.get(1000)! / t.get(100)! / 10;
console.log(`  growth, normalized (1.00 = linear): t(100)/t(10)/10 = ${r1.toFixed(2)}, t(1000)/t(100)/10 = ${r2.toFixed(2)}`);
