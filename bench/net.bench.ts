/**
 * Benchmark (not a test): parse + canonical format + contains over 100,000 random IPv4 and
 * 100,000 random IPv6 strings, for lib/net, ipaddr.js and ip-address, in the same process, on the
 * same inputs. The inputs come from a fixed-seed generator, so every run measures the same work.
 *
 *   npx tsc -p tsconfig.build.json && node dist-lib/bench/net.bench.js
 *
 * Prints one line per library and family (ops/s, best of the timed rounds) and the ratios.
 * It never fails on a time: figures depend on the machine.
 */
import { Address4, Address6 } from 'ip-address';
import * as ipaddr from 'ipaddr.js';
import { Address, Cidr } from '../lib/net';

const COUNT = 100_000;
const SEED = 0x5eed_2024;
const WARMUP_ROUNDS = 3;
const TIMED_ROUNDS = 7;

/** mulberry32: small, fast, and the same sequence on every machine for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const V4_CIDR = '10.0.0.0/8';
const V6_CIDR = '2001:db8::/32';

/** IPv4 dotted quads; a quarter fall inside V4_CIDR so `contains` answers both ways. */
function makeV4(rand: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const o = [0, 0, 0, 0].map(() => Math.floor(rand() * 256));
    if (rand() < 0.25) o[0] = 10;
    out.push(o.join('.'));
  }
  return out;
}

/**
 * IPv6 text in the forms people write: RFC 5952 compressed (half), leading zeros dropped but no
 * "::" (a quarter), fully expanded upper case (a quarter). Groups are often zero so "::" runs of
 * every length and position occur; a quarter fall inside V6_CIDR.
 */
function makeV6(rand: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const g: number[] = [];
    for (let k = 0; k < 8; k++) g.push(rand() < 0.35 ? 0 : Math.floor(rand() * 65536));
    if (rand() < 0.25) {
      g[0] = 0x2001;
      g[1] = 0x0db8;
    }
    const form = rand();
    if (form < 0.5) out.push(compress(g));
    else if (form < 0.75) out.push(g.map((x) => x.toString(16)).join(':'));
    else out.push(g.map((x) => x.toString(16).padStart(4, '0').toUpperCase()).join(':'));
  }
  return out;
}

/** An independent RFC 5952 writer for the inputs (not lib/net's, so the inputs don't depend on it). */
function compress(g: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

type Runner = (inputs: string[]) => number;

interface Library {
  readonly name: string;
  readonly v4: Runner;
  readonly v6: Runner;
  /** The canonical text of one input, for the cross-check. */
  readonly format: (text: string) => string;
}

const ourV4 = Cidr.parse(V4_CIDR);
const ourV6 = Cidr.parse(V6_CIDR);
const ipaddrV4 = ipaddr.parseCIDR(V4_CIDR);
const ipaddrV6 = ipaddr.parseCIDR(V6_CIDR);
const ipAddressV4 = new Address4(V4_CIDR);
const ipAddressV6 = new Address6(V6_CIDR);

// Each runner returns a checksum of what it computed, so no work can be optimised away.
const LIBRARIES: Library[] = [
  {
    name: 'lib/net',
    v4: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = Address.parse(inputs[i]);
        sum += a.toString().length + (ourV4.contains(a) ? 1 : 0);
      }
      return sum;
    },
    v6: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = Address.parse(inputs[i]);
        sum += a.toString().length + (ourV6.contains(a) ? 1 : 0);
      }
      return sum;
    },
    format: (t) => Address.parse(t).toString(),
  },
  {
    name: 'ipaddr.js@2.5.0',
    v4: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = ipaddr.parse(inputs[i]);
        sum += a.toString().length + (a.match(ipaddrV4) ? 1 : 0);
      }
      return sum;
    },
    v6: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = ipaddr.parse(inputs[i]);
        sum += a.toString().length + (a.match(ipaddrV6) ? 1 : 0);
      }
      return sum;
    },
    format: (t) => ipaddr.parse(t).toString(),
  },
  {
    name: 'ip-address@10.7.6',
    v4: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = new Address4(inputs[i]);
        sum += a.correctForm().length + (a.isInSubnet(ipAddressV4) ? 1 : 0);
      }
      return sum;
    },
    v6: (inputs) => {
      let sum = 0;
      for (let i = 0; i < inputs.length; i++) {
        const a = new Address6(inputs[i]);
        sum += a.correctForm().length + (a.isInSubnet(ipAddressV6) ? 1 : 0);
      }
      return sum;
    },
    format: (t) => (t.includes(':') ? new Address6(t).correctForm() : new Address4(t).correctForm()),
  },
];

function time(run: Runner, inputs: string[]): { seconds: number; checksum: number } {
  const t0 = process.hrtime.bigint();
  const checksum = run(inputs);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, checksum };
}

function main(): void {
  const rand = prng(SEED);
  const families: Array<{ name: 'IPv4' | 'IPv6'; inputs: string[]; key: 'v4' | 'v6' }> = [
    { name: 'IPv4', inputs: makeV4(rand), key: 'v4' },
    { name: 'IPv6', inputs: makeV6(rand), key: 'v6' },
  ];

  // Cross-check: same inputs, same canonical text, same containment count, or the race is void.
  for (const f of families) {
    let differ = 0;
    let example = '';
    for (const t of f.inputs) {
      const ours = LIBRARIES[0].format(t);
      for (const lib of LIBRARIES.slice(1)) {
        if (lib.format(t) !== ours) {
          differ++;
          if (!example) example = `${t}: lib/net ${ours}, ${lib.name} ${lib.format(t)}`;
        }
      }
    }
    const sums = LIBRARIES.map((l) => l[f.key](f.inputs));
    const agree = sums.every((s) => s === sums[0]);
    console.log(
      `${f.name}: ${f.inputs.length} inputs (seed 0x${SEED.toString(16)}); canonical text ${differ === 0 ? 'identical' : `differs in ${differ} cases, e.g. ${example}`}; checksums ${agree ? 'agree' : `differ ${sums.join(' / ')}`}`,
    );
  }

  console.log(`node ${process.version}, ${WARMUP_ROUNDS} warm-up rounds, best of ${TIMED_ROUNDS} timed rounds (interleaved)`);
  for (const f of families) {
    for (let r = 0; r < WARMUP_ROUNDS; r++) for (const lib of LIBRARIES) lib[f.key](f.inputs);
    const best = new Map<string, number>();
    for (let r = 0; r < TIMED_ROUNDS; r++) {
      // Rotate the order each round so no library always runs right after the same one.
      for (let k = 0; k < LIBRARIES.length; k++) {
        const lib = LIBRARIES[(k + r) % LIBRARIES.length];
        const { seconds } = time(lib[f.key], f.inputs);
        const ops = f.inputs.length / seconds;
        best.set(lib.name, Math.max(best.get(lib.name) ?? 0, ops));
      }
    }
    const ours = best.get('lib/net')!;
    for (const lib of LIBRARIES) {
      const ops = best.get(lib.name)!;
      const ratio = lib.name === 'lib/net' ? '' : `  lib/net is ${(ours / ops).toFixed(2)}x`;
      console.log(`${f.name}  ${lib.name.padEnd(18)} ${Math.round(ops).toLocaleString('en-US').padStart(12)} ops/s${ratio}`);
    }
  }
}

main();
