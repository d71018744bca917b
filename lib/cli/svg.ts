import type { Cidr } from '../net/cidr';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { formatCount } from './format';

/**
 * `plan --svg FILE`: each family's address space with the pod, service and node ranges.
 *
 * Two views per family, both stated in the legend:
 * - "where": the ranges placed linearly in the family's whole space (positions to scale; a range
 *   narrower than 3 px is widened to 3 px so it stays visible — at linear scale fd00::/108 is
 *   2^-108 of the IPv6 space);
 * - "size": each range as the bits of an address, prefix bits (grey) on the left and host bits
 *   on the right, so bar length is log2 of the range size; the pod range is split at the node
 *   mask into node-index bits and per-node pod bits, and a service range the legacy allocator
 *   caps shows the 2^16 mark.
 * Output is deterministic: fixed layout, fixed decimals, the plan's order.
 */
export function renderPlanSvg(plan: ClusterNetwork): string {
  const W = 1000;
  const X0 = 190;
  const RW = 520;
  const XA = X0 + RW + 16;
  const ROW = 26;
  const C = { prefix: '#d9d9d9', pod: '#4e79a7', nodeIndex: '#a0cbe8', service: '#f28e2b', node: '#59a14f', text: '#222', grid: '#888' };
  const body: string[] = [];
  let y = 28;
  body.push(text(16, y, `Cluster network plan — Kubernetes ${plan.version}${plan.isDualStack ? `, dual-stack (primary ${plan.primaryFamily})` : ''}`, 16, 'bold'));
  y += 18;

  for (const fam of plan.capacity.families) {
    const bits = fam.family === IpFamily.IPV4 ? 32 : 128;
    const ranges: Array<{ label: string; cidr: Cidr; color: string }> = [];
    if (fam.podCidr) ranges.push({ label: 'pods', cidr: fam.podCidr, color: C.pod });
    if (fam.serviceCidr) ranges.push({ label: 'services', cidr: fam.serviceCidr, color: C.service });
    for (const n of plan.nodeNetworksOf(fam.family)) ranges.push({ label: 'nodes', cidr: n, color: C.node });

    y += 26;
    body.push(text(16, y, `${fam.family}${fam.family === plan.primaryFamily && plan.isDualStack ? ' (primary)' : ''}`, 14, 'bold'));
    y += 14;

    // Linear "where" strip over the whole family space.
    body.push(text(16, y + 13, 'where (linear)', 12));
    body.push(rect(X0, y, RW, 18, '#f4f4f4', C.grid));
    for (const r of ranges) {
      const x = X0 + fraction(r.cidr.network.value, bits) * RW;
      const w = Math.max(3, fraction(r.cidr.size, bits) * RW);
      body.push(rect(x, y, w, 18, r.color));
    }
    body.push(text(X0, y + 30, fam.family === IpFamily.IPV4 ? '0.0.0.0' : '::', 10));
    body.push(text(X0 + RW, y + 30, fam.family === IpFamily.IPV4 ? '255.255.255.255' : 'ffff:…:ffff', 10, 'normal', 'end'));
    y += 36;

    // Bit-layout "size" rows: log2 scale.
    const bitW = RW / bits;
    for (const r of ranges) {
      y += ROW;
      const top = y - 14;
      body.push(text(16, y, `${r.label} ${r.cidr}`, 12));
      body.push(rect(X0, top, r.cidr.prefix * bitW, 18, C.prefix));
      if (r.label === 'pods' && fam.nodeMask >= r.cidr.prefix) {
        body.push(rect(X0 + r.cidr.prefix * bitW, top, (fam.nodeMask - r.cidr.prefix) * bitW, 18, C.nodeIndex));
        body.push(rect(X0 + fam.nodeMask * bitW, top, (bits - fam.nodeMask) * bitW, 18, r.color));
        body.push(text(XA, y, `${formatCount(fam.nodesPossible)} nodes × /${fam.nodeMask} (${fam.podsPerNode} pods each)`, 11));
      } else {
        body.push(rect(X0 + r.cidr.prefix * bitW, top, r.cidr.hostBits * bitW, 18, r.color));
        if (r.label === 'services') {
          body.push(text(XA, y, `${formatCount(fam.clusterIPs)} ClusterIPs${fam.legacyAllocatorCapped ? ' (legacy cap 2^16)' : ''}`, 11));
          if (fam.legacyAllocatorCapped) {
            const xc = X0 + (bits - 16) * bitW;
            body.push(`<line x1="${n(xc)}" y1="${n(top - 3)}" x2="${n(xc)}" y2="${n(top + 21)}" stroke="#c00" stroke-width="1.5" stroke-dasharray="3,2"/>`);
          }
        } else {
          body.push(text(XA, y, `${formatCount(r.cidr.size)} addresses`, 11));
        }
      }
    }
    y += 12;
    body.push(text(X0, y + 4, `bit 0`, 10));
    body.push(text(X0 + RW, y + 4, `bit ${bits}`, 10, 'normal', 'end'));
    y += 6;
  }

  // Legend.
  y += 30;
  const legend: Array<[string, string]> = [
    [C.pod, 'pod range (per-node pod bits)'],
    [C.nodeIndex, 'node-index bits (pod prefix → node mask)'],
    [C.service, 'service range'],
    [C.node, 'node network'],
    [C.prefix, 'prefix (network) bits'],
  ];
  legend.forEach(([color, label], i) => {
    const x = 16 + (i % 3) * 320;
    const ly = y + Math.floor(i / 3) * 20;
    body.push(rect(x, ly - 11, 14, 14, color));
    body.push(text(x + 20, ly, label, 11));
  });
  y += 48;
  const notes = [
    '"where": ranges placed at their linear position in the family\'s whole address space; ranges narrower than 3 px are widened to 3 px.',
    '"size" rows are a log2 scale: an address drawn as its bits, prefix bits grey on the left, host bits coloured on the right,',
    'so bar length is log2 of the range size (a linear scale is useless for IPv6: a /108 is 2^-108 of the space).',
    'A dashed red mark on a service row is the legacy ClusterIP allocator cap (2^16 addresses).',
  ];
  for (const line of notes) {
    body.push(text(16, y, line, 11));
    y += 16;
  }
  const H = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="monospace" fill="${C.text}">`,
    `<title>k8s-dualstack address plan</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** value / 2^bits as a number in [0, 1], with 1e-9 resolution (enough for pixels). */
function fraction(value: bigint, bits: number): number {
  return Number((value * 1_000_000_000n) >> BigInt(bits)) / 1e9;
}

function n(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1);
}

function rect(x: number, y: number, w: number, h: number, fill: string, stroke?: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${stroke ? ` stroke="${stroke}"` : ''}/>`;
}

function text(x: number, y: number, s: string, size: number, weight = 'normal', anchor = 'start'): string {
  const esc = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}"${weight !== 'normal' ? ` font-weight="${weight}"` : ''}${anchor !== 'start' ? ` text-anchor="${anchor}"` : ''}>${esc}</text>`;
}
