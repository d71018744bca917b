import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { SMOKE_TEST_SCRIPT } from '../../lib/verify/check-script';


interface CheckResult {
  ok: boolean;
  check: string;
  detail: string;
}

/** The exports of the check script (plain JavaScript, so typed here by hand). */
interface CheckScript {
  familyOf(text: string): string | undefined;
  httpUrl(address: string, port: number): string;
  formatResult(r: CheckResult): string;
  parseConfig(env: Record<string, string | undefined>): any;
  checkNodes(nodes: unknown, config: any): CheckResult[];
  checkPods(pods: unknown, config: any, label: string): CheckResult[];
  checkServices(services: unknown[], config: any): { results: CheckResult[]; carriers: Record<string, { service: string; address: string }> };
  checkEndpointSlices(slices: unknown, config: any, name: string): CheckResult[];
  targetSettled(snapshot: any, config: any): boolean;
  evaluateSnapshot(snapshot: any, config: any): { results: CheckResult[]; carriers: any };
  plannedProbes(snapshot: any, config: any, carriers: any): any[];
  evaluateProbe(probe: any, outcome: any): CheckResult;
  summary(results: CheckResult[]): { passed: number; failed: number; line: string };
  run(config: any, io: any): Promise<CheckResult[]>;
  httpGet(httpModule: unknown, url: string, family: string, timeoutMs: number): Promise<number>;
}

const dir = mkdtempSync(join(tmpdir(), 'dualstack-smoke-'));
const scriptPath = join(dir, 'check.js');
writeFileSync(scriptPath, SMOKE_TEST_SCRIPT);
// The very text the ConfigMap carries, loaded as the Job's node would load it.
const script: CheckScript = require(scriptPath);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string): any {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
}

const DUAL_ENV = {
  EXPECT_FAMILIES: 'IPv4,IPv6',
  TARGET_NAMESPACE: 'dualstack-smoke',
  TARGET_SERVICES: 'dualstack-smoke-web',
  TARGET_PORT: '80',
  CLUSTER_DOMAIN: 'cluster.local',
  ENDPOINTSLICE_API: 'discovery.k8s.io/v1',
  CHECK_NODE_PORT: 'false',
  NODE_ADDRESSES: '',
  WAIT_SECONDS: '0',
  HTTP_TIMEOUT_SECONDS: '5',
  POD_NAME: 'dualstack-smoke-x7k2p',
  POD_NAMESPACE: 'dualstack-smoke',
};
const dual = () => script.parseConfig(DUAL_ENV);
const ipv4Only = () => script.parseConfig({ ...DUAL_ENV, EXPECT_FAMILIES: 'IPv4' });
const lines = (rs: CheckResult[]) => rs.map((r) => script.formatResult(r));

describe('the generated script text', () => {
  test('passes node --check', () => {
    expect(() => execFileSync(process.execPath, ['--check', scriptPath], { stdio: 'pipe' })).not.toThrow();
  });

  test('uses only Node built-in modules', () => {
    const required = [...SMOKE_TEST_SCRIPT.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]).sort();
    expect([...new Set(required)]).toEqual(['dns', 'fs', 'http', 'https', 'net']);
  });

  test('prints a FAIL line and exits 2 on a bad EXPECT_FAMILIES, without touching the API', () => {
    let out = '';
    let code = 0;
    try {
      execFileSync(process.execPath, [scriptPath], { env: { PATH: process.env.PATH, EXPECT_FAMILIES: 'IPv5' }, stdio: 'pipe' });
    } catch (e: any) {
      out = String(e.stdout);
      code = e.status;
    }
    expect(code).toBe(2);
    expect(out.trim()).toBe('FAIL config: EXPECT_FAMILIES: "IPv5" is not IPv4 or IPv6');
  });
});

describe('helpers', () => {
  test.each([
    ['10.96.0.1', 'IPv4'],
    ['fd00::9955', 'IPv6'],
    ['172.16.0.0/24', 'IPv4'],
    ['fc00:0:0:1::/64', 'IPv6'],
    ['node53', undefined],
    ['10.96.0.1/x', undefined],
    ['', undefined],
  ])('familyOf(%p) is %p', (text, family) => {
    expect(script.familyOf(text)).toBe(family);
  });

  test('brackets IPv6 literals in URLs (RFC 3986), not IPv4 ones', () => {
    expect(script.httpUrl('fd00::9955', 80)).toBe('http://[fd00::9955]:80/');
    expect(script.httpUrl('10.96.153.85', 80)).toBe('http://10.96.153.85:80/');
  });

  test('parses the environment the Job sets', () => {
    expect(dual()).toEqual({
      families: ['IPv4', 'IPv6'],
      namespace: 'dualstack-smoke',
      services: ['dualstack-smoke-web'],
      port: 80,
      clusterDomain: 'cluster.local',
      endpointSliceApi: 'discovery.k8s.io/v1',
      checkNodePort: false,
      nodeAddresses: [],
      waitSeconds: 0,
      httpTimeoutSeconds: 5,
      apiServer: 'https://kubernetes.default.svc',
      podName: 'dualstack-smoke-x7k2p',
      podNamespace: 'dualstack-smoke',
    });
  });

  test.each([
    [{ EXPECT_FAMILIES: '' }, 'EXPECT_FAMILIES=""'],
    [{ EXPECT_FAMILIES: 'IPv6,IPv6' }, 'names one family twice'],
    [{ TARGET_SERVICES: '' }, 'TARGET_SERVICES is empty'],
    [{ TARGET_PORT: '70000' }, 'TARGET_PORT="70000" is not a port number'],
    [{ NODE_ADDRESSES: 'node53' }, 'NODE_ADDRESSES: "node53" is not an IP address'],
    [{ WAIT_SECONDS: 'soon' }, 'WAIT_SECONDS="soon"'],
  ])('fails when the environment is %p', (override, message) => {
    expect(() => script.parseConfig({ ...DUAL_ENV, ...override })).toThrow(message);
  });
});

describe('node checks (recorded NodeLists)', () => {
  test('both families present: one PASS line per node and check', () => {
    expect(lines(script.checkNodes(fixture('nodes-dual-stack'), dual()))).toEqual([
      'PASS node-pod-cidrs node53: spec.podCIDRs = 172.16.0.0/24, fc00::/64 (IPv4, IPv6)',
      'PASS node-addresses node53: status.addresses = 192.168.101.53, 2003:ac18::30a:2',
      'PASS node-pod-cidrs node54: spec.podCIDRs = 172.16.1.0/24, fc00:0:0:1::/64 (IPv4, IPv6)',
      'PASS node-addresses node54: status.addresses = 192.168.101.54, 2003:ac18::30a:3',
    ]);
  });

  test('fails when a node has no IPv6 podCIDR, naming the node and the missing family', () => {
    const rs = script.checkNodes(fixture('nodes-missing-ipv6'), dual());
    const failed = rs.filter((r) => !r.ok);
    expect(failed.map((r) => r.check)).toEqual(['node-pod-cidrs node54', 'node-addresses node54']);
    expect(script.formatResult(failed[0])).toMatch(/^FAIL node-pod-cidrs node54: spec\.podCIDRs = 172\.16\.1\.0\/24 has no IPv6 CIDR \(/);
    expect(failed[1].detail).toContain('has no IPv6 address (give kubelet --node-ip with one address per family');
    expect(rs.filter((r) => r.ok).map((r) => r.check)).toEqual(['node-pod-cidrs node53', 'node-addresses node53']);
  });

  test('a single-stack plan expects one family: the IPv4-only nodes pass', () => {
    const rs = script.checkNodes(fixture('nodes-ipv4-only'), ipv4Only());
    expect(lines(rs)).toEqual([
      'PASS node-pod-cidrs worker-1: spec.podCIDRs = 10.244.0.0/24 (IPv4)',
      'PASS node-addresses worker-1: status.addresses = 10.0.0.11',
    ]);
  });

  test('fails when a dual-stack plan meets IPv4-only nodes', () => {
    const rs = script.checkNodes(fixture('nodes-ipv4-only'), dual());
    expect(rs.every((r) => !r.ok)).toBe(true);
  });

  test('fails when the API lists no node', () => {
    expect(lines(script.checkNodes({ kind: 'NodeList', items: [] }, dual()))).toEqual(['FAIL nodes: the API listed no nodes']);
  });

  test('reads the pre-1.16 singular spec.podCIDR when podCIDRs is absent', () => {
    const list = { items: [{ metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } }] };
    expect(script.checkNodes(list, ipv4Only()).every((r) => r.ok)).toBe(true);
  });
});

describe('pod, Service and EndpointSlice checks (recorded responses)', () => {
  test('a ready pod with podIPs of both families passes', () => {
    expect(lines(script.checkPods(fixture('pods-dual-stack'), dual(), 'dualstack-smoke/dualstack-smoke-web'))).toEqual([
      'PASS pod-ips dualstack-smoke/dualstack-smoke-web-7c9d8b6f5d-8d8xm: status.podIPs = 172.16.38.198, fc00::8c05:d2da:ebc9:c2c0',
    ]);
  });

  test('fails when the ready pod has only an IPv4 podIP (pending pods are not judged)', () => {
    const rs = script.checkPods(fixture('pods-ipv4-only'), dual(), 'x');
    expect(rs).toHaveLength(1);
    expect(rs[0].ok).toBe(false);
    expect(rs[0].detail).toMatch(/^status\.podIPs = 172\.16\.38\.196 has no IPv6 address/);
    expect(script.checkPods(fixture('pods-ipv4-only'), ipv4Only(), 'x').every((r) => r.ok)).toBe(true);
  });

  test('fails when no pod is ready', () => {
    expect(lines(script.checkPods({ items: [] }, dual(), 'ns/svc'))).toEqual(['FAIL pods ns/svc: no pod matches the Service selector']);
  });

  test('a Service with ClusterIPs of both families passes and names the carrier of each family', () => {
    const { results, carriers } = script.checkServices([fixture('service-dual-stack')], dual());
    expect(lines(results)).toEqual(['PASS service-cluster-ips dualstack-smoke/dualstack-smoke-web: spec.clusterIPs = 10.96.153.85, fd00::9955']);
    expect(carriers).toEqual({
      IPv4: { service: 'dualstack-smoke-web', address: '10.96.153.85' },
      IPv6: { service: 'dualstack-smoke-web', address: 'fd00::9955' },
    });
  });

  test('fails when PreferDualStack fell back to one family', () => {
    const { results } = script.checkServices([fixture('service-ipv4-only')], dual());
    expect(results[0].ok).toBe(false);
    expect(results[0].detail).toContain('has no IPv6 ClusterIP (use ipFamilyPolicy PreferDualStack or RequireDualStack');
  });

  test('the 1.16-1.19 alpha API: one Service per family covers both families', () => {
    const v4 = { metadata: { name: 'web-ipv4' }, spec: { clusterIP: '10.96.0.20', ipFamily: 'IPv4' } };
    const v6 = { metadata: { name: 'web-ipv6' }, spec: { clusterIP: 'fd00::9955', ipFamily: 'IPv6' } };
    const config = script.parseConfig({ ...DUAL_ENV, TARGET_SERVICES: 'web-ipv4,web-ipv6' });
    const { results, carriers } = script.checkServices([v4, v6], config);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(carriers.IPv6).toEqual({ service: 'web-ipv6', address: 'fd00::9955' });
  });

  test('EndpointSlices with a ready endpoint of each family pass; fails when the IPv6 slice is missing', () => {
    const slices = fixture('endpointslices-dual-stack');
    expect(script.checkEndpointSlices(slices, dual(), 'dualstack-smoke-web')[0].ok).toBe(true);
    const v4only = { ...slices, items: slices.items.filter((s: any) => s.addressType === 'IPv4') };
    const r = script.checkEndpointSlices(v4only, dual(), 'dualstack-smoke-web')[0];
    expect(script.formatResult(r)).toMatch(/^FAIL endpointslices dualstack-smoke\/dualstack-smoke-web: ready endpoints: IPv4 172\.16\.38\.198; no ready IPv6 endpoint/);
  });
});

describe('probes', () => {
  const snapshot = () => ({
    nodes: fixture('nodes-dual-stack'),
    self: fixture('pod-checker'),
    services: [fixture('service-dual-stack')],
    pods: fixture('pods-dual-stack').items,
    slices: fixture('endpointslices-dual-stack'),
    errors: [],
  });

  test('DNS A/AAAA for the Service name, then HTTP to each ClusterIP, IPv6 bracketed', () => {
    const s = snapshot();
    const { carriers } = script.evaluateSnapshot(s, dual());
    expect(script.plannedProbes(s, dual(), carriers).map((p) => p.check)).toEqual([
      'dns-A dualstack-smoke-web.dualstack-smoke.svc.cluster.local',
      'dns-AAAA dualstack-smoke-web.dualstack-smoke.svc.cluster.local',
      'http-IPv4 dualstack-smoke-web http://10.96.153.85:80/',
      'http-IPv6 dualstack-smoke-web http://[fd00::9955]:80/',
    ]);
  });

  test('NodePort probes use the plan-declared node addresses of every family', () => {
    const s = snapshot();
    const config = script.parseConfig({ ...DUAL_ENV, CHECK_NODE_PORT: 'true', NODE_ADDRESSES: '192.168.101.53,2003:ac18::30a:2' });
    const probes = script.plannedProbes(s, config, script.evaluateSnapshot(s, config).carriers);
    expect(probes.filter((p) => p.check.startsWith('nodeport')).map((p) => p.check)).toEqual([
      'nodeport-IPv4 http://192.168.101.53:30080/',
      'nodeport-IPv6 http://[2003:ac18::30a:2]:30080/',
    ]);
  });

  test('without plan nodes, NodePort probes use the first node InternalIPs from the API', () => {
    const s = snapshot();
    const config = script.parseConfig({ ...DUAL_ENV, CHECK_NODE_PORT: 'true' });
    const probes = script.plannedProbes(s, config, {}).filter((p) => p.check.startsWith('nodeport'));
    expect(probes.map((p) => p.url)).toEqual(['http://192.168.101.53:30080/', 'http://[2003:ac18::30a:2]:30080/']);
  });

  test('fails when the NodePort check meets a Service without a nodePort', () => {
    const s = { ...snapshot(), services: [fixture('service-ipv4-only')] };
    const config = script.parseConfig({ ...DUAL_ENV, EXPECT_FAMILIES: 'IPv4', CHECK_NODE_PORT: 'true' });
    const missing = script.plannedProbes(s, config, {}).filter((p) => p.kind === 'missing');
    expect(lines(missing.map((p) => script.evaluateProbe(p, undefined)))).toEqual([
      'FAIL nodeport: no port 80 of dualstack-smoke-web has a nodePort (make the Service type NodePort)',
    ]);
  });

  test.each([
    [{ kind: 'dns', check: 'dns-AAAA x', expect: 'fd00::9955' }, { answers: ['fd00::9955'] }, 'PASS dns-AAAA x: answers fd00::9955'],
    [{ kind: 'dns', check: 'dns-AAAA x', expect: 'fd00::9955' }, { answers: [] }, 'FAIL dns-AAAA x: answers (none); expected the ClusterIP fd00::9955'],
    [{ kind: 'dns', check: 'dns-A x', expect: '10.96.0.5' }, { error: 'ENODATA queryA' }, 'FAIL dns-A x: ENODATA queryA'],
    [{ kind: 'http', check: 'http-IPv6 u' }, { status: 200 }, 'PASS http-IPv6 u: HTTP 200'],
    [{ kind: 'http', check: 'http-IPv6 u' }, { status: 502 }, 'FAIL http-IPv6 u: HTTP 502'],
    [{ kind: 'http', check: 'http-IPv6 u' }, { error: 'ECONNREFUSED connect' }, 'FAIL http-IPv6 u: ECONNREFUSED connect'],
  ])('evaluates probe %p with outcome %p', (probe, outcome, line) => {
    expect(script.formatResult(script.evaluateProbe(probe, outcome))).toBe(line);
  });
});

/** A fake io serving recorded API responses, DNS answers and HTTP statuses. */
function fakeIo(api: Record<string, unknown>, dns: Record<string, string[]>, httpStatus: Record<string, number | Error>) {
  const calls: string[] = [];
  let clock = 0;
  return {
    calls,
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
    getJson: async (path: string) => {
      calls.push(path);
      if (!(path in api)) throw new Error('HTTP 404 not found');
      return api[path];
    },
    resolve: async (family: string, name: string) => {
      const a = dns[`${family} ${name}`];
      if (!a) throw Object.assign(new Error(`query${family === 'IPv4' ? 'A' : 'AAAA'} ENODATA ${name}`), { code: 'ENODATA' });
      return a;
    },
    httpGet: async (url: string) => {
      const s = httpStatus[url];
      if (s instanceof Error) throw s;
      if (s === undefined) throw Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: 'ECONNREFUSED' });
      return s;
    },
  };
}

const SELECTOR = encodeURIComponent('app.kubernetes.io/component=web,app.kubernetes.io/name=dualstack-smoke');
const API = {
  '/api/v1/nodes': fixture('nodes-dual-stack'),
  '/api/v1/namespaces/dualstack-smoke/pods/dualstack-smoke-x7k2p': fixture('pod-checker'),
  '/api/v1/namespaces/dualstack-smoke/services/dualstack-smoke-web': fixture('service-dual-stack'),
  [`/api/v1/namespaces/dualstack-smoke/pods?labelSelector=${SELECTOR}`]: fixture('pods-dual-stack'),
  [`/apis/discovery.k8s.io/v1/namespaces/dualstack-smoke/endpointslices?labelSelector=${encodeURIComponent('kubernetes.io/service-name=dualstack-smoke-web')}`]: fixture('endpointslices-dual-stack'),
};
const DNS = {
  'IPv4 dualstack-smoke-web.dualstack-smoke.svc.cluster.local': ['10.96.153.85'],
  'IPv6 dualstack-smoke-web.dualstack-smoke.svc.cluster.local': ['fd00::9955'],
};
const HTTP = { 'http://10.96.153.85:80/': 200, 'http://[fd00::9955]:80/': 200 };

describe('run() over recorded responses', () => {
  test('the field report cluster, working: every line PASS, one line per check', async () => {
    const results = await script.run(dual(), fakeIo(API, DNS, HTTP));
    expect(lines(results)).toEqual([
      'PASS node-pod-cidrs node53: spec.podCIDRs = 172.16.0.0/24, fc00::/64 (IPv4, IPv6)',
      'PASS node-addresses node53: status.addresses = 192.168.101.53, 2003:ac18::30a:2',
      'PASS node-pod-cidrs node54: spec.podCIDRs = 172.16.1.0/24, fc00:0:0:1::/64 (IPv4, IPv6)',
      'PASS node-addresses node54: status.addresses = 192.168.101.54, 2003:ac18::30a:3',
      'PASS checker-pod-ips dualstack-smoke/dualstack-smoke-x7k2p: status.podIPs = 172.16.1.7, fc00:0:0:1::7',
      'PASS pod-ips dualstack-smoke/dualstack-smoke-web-7c9d8b6f5d-8d8xm: status.podIPs = 172.16.38.198, fc00::8c05:d2da:ebc9:c2c0',
      'PASS service-cluster-ips dualstack-smoke/dualstack-smoke-web: spec.clusterIPs = 10.96.153.85, fd00::9955',
      'PASS endpointslices dualstack-smoke/dualstack-smoke-web: ready endpoints: IPv4 172.16.38.198, IPv6 fc00::8c05:d2da:ebc9:c2c0',
      'PASS dns-A dualstack-smoke-web.dualstack-smoke.svc.cluster.local: answers 10.96.153.85',
      'PASS dns-AAAA dualstack-smoke-web.dualstack-smoke.svc.cluster.local: answers fd00::9955',
      'PASS http-IPv4 dualstack-smoke-web http://10.96.153.85:80/: HTTP 200',
      'PASS http-IPv6 dualstack-smoke-web http://[fd00::9955]:80/: HTTP 200',
    ]);
    expect(script.summary(results)).toEqual({ passed: 12, failed: 0, line: 'SUMMARY: 12 passed, 0 failed' });
  });

  test('fails when the IPv6 ClusterIP does not answer (iptables mode without an IPv6 default route)', async () => {
    const refused = Object.assign(new Error('connect ETIMEDOUT fd00::9955:80'), { code: 'ETIMEDOUT' });
    const results = await script.run(dual(), fakeIo(API, DNS, { ...HTTP, 'http://[fd00::9955]:80/': refused }));
    const failed = lines(results.filter((r) => !r.ok));
    expect(failed).toEqual(['FAIL http-IPv6 dualstack-smoke-web http://[fd00::9955]:80/: ETIMEDOUT connect ETIMEDOUT fd00::9955:80']);
    expect(script.summary(results).failed).toBe(1);
  });

  test('waits for the target to settle, then reports what is still missing', async () => {
    const io = fakeIo({ ...API, '/api/v1/namespaces/dualstack-smoke/services/dualstack-smoke-web': fixture('service-ipv4-only') }, DNS, HTTP);
    const config = script.parseConfig({ ...DUAL_ENV, WAIT_SECONDS: '20' });
    const results = await script.run(config, io);
    // Read at t=0, 5, 10, 15, 20 s: five rounds of the five API reads.
    expect(io.calls.filter((c) => c === '/api/v1/nodes')).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => r.check)).toEqual(['service-cluster-ips dualstack-smoke/dualstack-smoke-web']);
  });

  test('an API error is a FAIL line naming the path', async () => {
    const { ['/api/v1/nodes']: _nodes, ...rest } = API;
    void _nodes;
    const results = await script.run(dual(), fakeIo(rest, DNS, HTTP));
    expect(lines(results.filter((r) => !r.ok))).toEqual(['FAIL api /api/v1/nodes: HTTP 404 not found']);
  });

  test('a single-stack IPv4 plan runs IPv4 checks only', async () => {
    const api = {
      ...API,
      '/api/v1/nodes': fixture('nodes-ipv4-only'),
      '/api/v1/namespaces/dualstack-smoke/services/dualstack-smoke-web': fixture('service-ipv4-only'),
    };
    const results = await script.run(ipv4Only(), fakeIo(api, DNS, HTTP));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => r.check).filter((c) => /IPv6|AAAA/.test(c))).toEqual([]);
  });
});

describe('the real HTTP probe (loopback servers)', () => {
  let server4: http.Server;
  let server6: http.Server;
  beforeAll(async () => {
    const handler: http.RequestListener = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    server4 = http.createServer(handler);
    server6 = http.createServer(handler);
    await new Promise<void>((r) => server4.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => server6.listen(0, '::1', r));
  });
  afterAll(async () => {
    await new Promise((r) => server4.close(r));
    await new Promise((r) => server6.close(r));
  });

  test('reaches a bracketed IPv6 URL and an IPv4 URL', async () => {
    const p6 = (server6.address() as AddressInfo).port;
    const p4 = (server4.address() as AddressInfo).port;
    await expect(script.httpGet(http, script.httpUrl('::1', p6), 'IPv6', 2000)).resolves.toBe(204);
    await expect(script.httpGet(http, script.httpUrl('127.0.0.1', p4), 'IPv4', 2000)).resolves.toBe(204);
  });

  test('fails when nothing listens on the IPv6 side', async () => {
    const p4 = (server4.address() as AddressInfo).port;
    // The IPv4 server's port on ::1: the half-working dual-stack listener of the field report.
    await expect(script.httpGet(http, script.httpUrl('::1', p4), 'IPv6', 2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
