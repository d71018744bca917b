// Issue 18 §3: the smoke test's check script, exactly as the ConfigMap carries it, against real
// sockets and a real DNS server. Two namespaces joined by a veth:
//   "cluster": the Kubernetes API (Node https on 10.96.0.1:443, the `kubernetes` Service address,
//              serving the recorded answers of test/verify/fixtures with the Service's ClusterIPs
//              and the checker pod's podIPs rewritten to the lab's), dnsmasq on the DNS Service
//              addresses 10.96.0.10 / fd00::a, and one Node http server on each of the test
//              Service's ClusterIPs (IPv4 and IPv6, port 80);
//   "pod":     the checker, run with the Job's environment as rendered (smokeTestEnv) and a pod's
//              view of the filesystem in a private mount namespace: the ServiceAccount token and
//              CA under /var/run/secrets/kubernetes.io/serviceaccount and a resolv.conf naming the
//              lab's DNS Service, with the search path and ndots a pod gets.
// The script finds the API at its default https://kubernetes.default.svc through that DNS, so no
// production default is changed. Every PASS line comes from the HTTPS answer, a DNS answer or an
// HTTP answer; the servers' logs prove the connections happened.
import { ChildProcess, spawn } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ClusterNetwork } from '../../lib/plan/network';
import { renderSmokeTestObjects, resolveSmokeTest, smokeTestEnv } from '../../lib/verify/render';
import { Cleanup, describeLab, labDir, labLink, must, run } from './lab';

const API_V4 = '10.96.0.1';
const DNS_V4 = '10.96.0.10';
const DNS_V6 = 'fd00::a';
const SVC_V4 = '10.96.7.80';
const SVC_V6 = 'fd00::7:80';
const POD_V4 = '10.244.7.7';
const POD_V6 = 'fc00:7::7';
const GW_V4 = '10.244.7.1';
const GW_V6 = 'fc00:7::1';
const NAMESPACE = 'dualstack-smoke';
const SERVICE = 'dualstack-smoke-web';
const FQDN = `${SERVICE}.${NAMESPACE}.svc.cluster.local`;
const CHECKER_POD = 'dualstack-smoke-x7k2p';
const TOKEN = `lab-token-${process.pid}`;

const plan = ClusterNetwork.of({
  kubernetesVersion: '1.33',
  podCidrs: ['10.244.0.0/16', 'fc00::/48'],
  serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
  nodes: [{ name: 'node53', ipv4: '192.0.2.53/24', ipv6: '2001:db8:53::2/64', controlPlane: true }],
});
// The rendered smoke test, with a short wait and HTTP timeout (options of the renderer, not edits).
const options = { waitSeconds: 0, httpTimeoutSeconds: 2 };

function fixture(name: string): any {
  return JSON.parse(readFileSync(join(__dirname, '..', 'verify', 'fixtures', `${name}.json`), 'utf8'));
}

/** The recorded API answers by request path (the paths the script builds), addresses rewritten to the lab's. */
function apiAnswers(): Record<string, unknown> {
  const service = fixture('service-dual-stack');
  service.spec.clusterIP = SVC_V4;
  service.spec.clusterIPs = [SVC_V4, SVC_V6];
  const checker = fixture('pod-checker');
  checker.status.podIP = POD_V4;
  checker.status.podIPs = [{ ip: POD_V4 }, { ip: POD_V6 }];
  const selector = encodeURIComponent('app.kubernetes.io/component=web,app.kubernetes.io/name=dualstack-smoke');
  return {
    '/api/v1/nodes': fixture('nodes-dual-stack'),
    [`/api/v1/namespaces/${NAMESPACE}/pods/${CHECKER_POD}`]: checker,
    [`/api/v1/namespaces/${NAMESPACE}/services/${SERVICE}`]: service,
    [`/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${selector}`]: fixture('pods-dual-stack'),
    [`/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${SERVICE}`)}`]: fixture('endpointslices-dual-stack'),
  };
}

/** The lab's servers: `api <dir>` (https on 10.96.0.1:443) or `http <address> <port>`; each logs one line per request. */
const SERVERS_JS = `
'use strict';
const fs = require('fs');
const [mode, a, b] = process.argv.slice(2);
if (mode === 'api') {
  const answers = JSON.parse(fs.readFileSync(a + '/answers.json', 'utf8'));
  const server = require('https').createServer({ key: fs.readFileSync(a + '/tls.key'), cert: fs.readFileSync(a + '/tls.crt') }, (req, res) => {
    const auth = req.headers.authorization === 'Bearer ' + fs.readFileSync(a + '/token', 'utf8');
    const body = answers[req.url];
    const status = !auth ? 401 : body ? 200 : 404;
    console.log('api ' + status + ' ' + req.socket.remoteAddress + ' ' + req.url);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body || { kind: 'Status', status: 'Failure', code: status }));
  });
  server.listen(443, b, () => console.log('listening'));
} else {
  const server = require('http').createServer((req, res) => {
    console.log('http ' + req.socket.remoteAddress + ' ' + req.method + ' ' + req.url);
    res.end('dualstack-smoke ' + a + '\\n');
  });
  server.listen(Number(b), a, () => console.log('listening'));
}
`;

interface Server {
  readonly child: ChildProcess;
  log(): string;
}

describeLab('smoke-test check script against real sockets and DNS', { commands: ['dnsmasq', 'openssl', 'mount'] }, () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.runAll());
  let link: ReturnType<typeof labLink>;
  let dir: string;
  let http6: Server;
  let dns: Server;
  let servers: { api: Server; http4: Server };

  /** Start a process in the cluster namespace; its output is collected for the assertions. */
  function start(argv: string[]): Server {
    let out = '';
    const child = spawn('ip', ['netns', 'exec', link.a.ns, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => { out += c; });
    child.stderr!.on('data', (c) => { out += c; });
    cleanup.add(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return { child, log: () => out };
  }

  async function started(server: Server, ready: (out: string) => boolean): Promise<Server> {
    for (let i = 0; i < 50 && !ready(server.log()); i++) await new Promise((r) => setTimeout(r, 100));
    if (!ready(server.log())) throw new Error(`lab server did not start: ${server.log()}`);
    return server;
  }

  function stop(server: Server): Promise<void> {
    return new Promise((done) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return done();
      server.child.once('exit', () => done());
      server.child.kill('SIGTERM');
    });
  }

  function startDns(withAaaa: boolean): Promise<Server> {
    const server = start([
      'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--no-poll',
      '--bind-interfaces', `--listen-address=${DNS_V4}`, `--listen-address=${DNS_V6}`, '--port=53',
      `--pid-file=${dir}/dnsmasq-${withAaaa ? 'both' : 'a'}.pid`, '--user=nobody', '--log-queries', '--log-facility=-',
      // Answer only for the cluster's own names; anything else stays unanswered here.
      '--local=/cluster.local/', '--local=/svc/',
      `--host-record=kubernetes.default.svc,${API_V4}`,
      withAaaa ? `--host-record=${FQDN},${SVC_V4},${SVC_V6}` : `--host-record=${FQDN},${SVC_V4}`,
    ]);
    return started(server, (out) => /started, version/.test(out));
  }

  beforeAll(async () => {
    link = labLink(cleanup, 'sm', [`${GW_V4}/24`, `${GW_V6}/64`, `${API_V4}/32`, `${DNS_V4}/32`, `${SVC_V4}/32`, `${DNS_V6}/128`, `${SVC_V6}/128`], [`${POD_V4}/24`, `${POD_V6}/64`]);
    must(`ip -n ${link.b.ns} route add default via ${GW_V4} && ip -n ${link.b.ns} -6 route add default via ${GW_V6}`);
    dir = labDir(cleanup, 'smoke');
    // The API server's certificate: self-signed, for the name and address the script connects to.
    must(`cd ${dir} && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=kube-apiserver `
      + `-addext subjectAltName=DNS:kubernetes.default.svc,IP:${API_V4} -keyout tls.key -out tls.crt 2>/dev/null`);
    writeFileSync(join(dir, 'token'), TOKEN);
    writeFileSync(join(dir, 'answers.json'), JSON.stringify(apiAnswers()));
    writeFileSync(join(dir, 'servers.js'), SERVERS_JS);
    // A pod's resolv.conf (kubelet: the DNS Service, the namespace's search path, ndots:5).
    writeFileSync(join(dir, 'resolv.conf'), `nameserver ${DNS_V4}\nsearch ${NAMESPACE}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`);
    // The check script exactly as the ConfigMap carries it.
    const objects = renderSmokeTestObjects(plan, options) as any;
    writeFileSync(join(dir, 'check.js'), objects.scriptConfigMap.data['check.js']);
    const api = start([process.execPath, join(dir, 'servers.js'), 'api', dir, API_V4]);
    const http4 = start([process.execPath, join(dir, 'servers.js'), 'http', SVC_V4, '80']);
    http6 = start([process.execPath, join(dir, 'servers.js'), 'http', SVC_V6, '80']);
    await Promise.all([api, http4, http6].map((s) => started(s, (out) => out.includes('listening'))));
    dns = await startDns(true);
    servers = { api, http4 };
  });

  /** The Job's environment as rendered: values as given, fieldRefs as the kubelet fills them. */
  function jobEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const e of smokeTestEnv(plan, resolveSmokeTest(options)) as Array<{ name: string; value?: string; valueFrom?: { fieldRef: { fieldPath: string } } }>) {
      if (e.value !== undefined) env[e.name] = e.value;
      else if (e.valueFrom?.fieldRef.fieldPath === 'metadata.name') env[e.name] = CHECKER_POD;
      else if (e.valueFrom?.fieldRef.fieldPath === 'metadata.namespace') env[e.name] = NAMESPACE;
    }
    return env;
  }

  /** Run the checker in the pod namespace with a pod's filesystem view; bounded by a timeout. */
  function check(): { status: number | null; lines: string[] } {
    const env = jobEnv();
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n');
    const r = run([
      `ip netns exec ${link.b.ns} unshare --mount --propagation private bash -s <<'LAB_EOF'`,
      'set -eu',
      // Where resolv.conf really is: a file, or a link into /run (systemd-resolved's stub-resolv.conf).
      'RESOLV="$(readlink -f /etc/resolv.conf)"',
      'mount -t tmpfs tmpfs /run',
      'mkdir -p /run/secrets/kubernetes.io/serviceaccount',
      `cp ${dir}/token ${dir}/tls.crt /run/secrets/kubernetes.io/serviceaccount/`,
      'mv /run/secrets/kubernetes.io/serviceaccount/tls.crt /run/secrets/kubernetes.io/serviceaccount/ca.crt',
      `case "$RESOLV" in /run/*) mkdir -p "$(dirname "$RESOLV")" && cp ${dir}/resolv.conf "$RESOLV" ;; *) mount --bind ${dir}/resolv.conf "$RESOLV" ;; esac`,
      exports,
      `exec env -u NODE_OPTIONS -u NODE_EXTRA_CA_CERTS -u HTTPS_PROXY -u HTTP_PROXY -u https_proxy -u http_proxy ${process.execPath} ${dir}/check.js`,
      'LAB_EOF',
    ].join('\n'), { timeoutMs: 20000 });
    return { status: r.status, lines: `${r.stdout}${r.stderr}`.trim().split('\n') };
  }

  /**
   * Let the servers' output in: the checker ran while this process was blocked, and their log lines
   * (written before each answer was sent) wait in the pipes until the event loop reads them.
   */
  async function drained(): Promise<void> {
    const want = () => http6.log().includes(`http ${POD_V6} GET /`) && dns.log().includes('query[AAAA]');
    for (let i = 0; i < 20 && !want(); i++) await new Promise((r) => setTimeout(r, 100));
  }

  test('every check passes, each from a real HTTPS, DNS or HTTP answer', async () => {
    const r = check();
    await drained();
    expect(r.lines).toEqual([
      `dualstack-smoke: expecting IPv4, IPv6 on ${NAMESPACE}/${SERVICE} port 80`,
      'PASS node-pod-cidrs node53: spec.podCIDRs = 172.16.0.0/24, fc00::/64 (IPv4, IPv6)',
      'PASS node-addresses node53: status.addresses = 192.168.101.53, 2003:ac18::30a:2',
      'PASS node-pod-cidrs node54: spec.podCIDRs = 172.16.1.0/24, fc00:0:0:1::/64 (IPv4, IPv6)',
      'PASS node-addresses node54: status.addresses = 192.168.101.54, 2003:ac18::30a:3',
      `PASS checker-pod-ips ${NAMESPACE}/${CHECKER_POD}: status.podIPs = ${POD_V4}, ${POD_V6}`,
      expect.stringMatching(new RegExp(`^PASS pod-ips ${NAMESPACE}/dualstack-smoke-web-`)),
      `PASS service-cluster-ips ${NAMESPACE}/${SERVICE}: spec.clusterIPs = ${SVC_V4}, ${SVC_V6}`,
      expect.stringMatching(new RegExp(`^PASS endpointslices ${NAMESPACE}/${SERVICE}: ready endpoints: IPv4 .*, IPv6 `)),
      `PASS dns-A ${FQDN}: answers ${SVC_V4}`,
      `PASS dns-AAAA ${FQDN}: answers ${SVC_V6}`,
      `PASS http-IPv4 ${SERVICE} http://${SVC_V4}:80/: HTTP 200`,
      `PASS http-IPv6 ${SERVICE} http://[${SVC_V6}]:80/: HTTP 200`,
      'SUMMARY: 12 passed, 0 failed',
    ]);
    expect(r.status).toBe(0);
    // The answers came over the wire: the API server saw the token-bearing reads from the pod, …
    expect(servers.api.log()).toContain(`api 200 ${POD_V4} /api/v1/nodes`);
    expect(servers.api.log()).toContain(`api 200 ${POD_V4} /api/v1/namespaces/${NAMESPACE}/services/${SERVICE}`);
    expect(servers.api.log()).not.toMatch(/^api (401|404)/m);
    // … dnsmasq answered the A and AAAA questions (and kubernetes.default.svc for the API), …
    expect(dns.log()).toMatch(new RegExp(`query\\[A\\] ${FQDN.replace(/\./g, '\\.')} from ${POD_V4}`));
    expect(dns.log()).toMatch(new RegExp(`query\\[AAAA\\] ${FQDN.replace(/\./g, '\\.')} from ${POD_V4}`));
    expect(dns.log()).toMatch(/query\[A\] kubernetes\.default\.svc from/);
    // … and each ClusterIP's server was reached from the pod over its own family.
    expect(servers.http4.log()).toContain(`http ${POD_V4} GET /`);
    expect(http6.log()).toContain(`http ${POD_V6} GET /`);
  });

  test('fails when the AAAA record is missing: dns-AAAA FAIL, exit 1', async () => {
    await stop(dns);
    dns = await startDns(false);
    try {
      const r = check();
      expect(r.lines).toContain(`PASS dns-A ${FQDN}: answers ${SVC_V4}`);
      expect(r.lines).toContainEqual(expect.stringMatching(new RegExp(`^FAIL dns-AAAA ${FQDN}: ENODATA `)));
      expect(r.lines).toContain('SUMMARY: 11 passed, 1 failed');
      expect(r.status).toBe(1);
    } finally {
      await stop(dns);
      dns = await startDns(true);
    }
  });

  test('fails when the IPv6 ClusterIP server is stopped: http-IPv6 FAIL, exit 1', async () => {
    await stop(http6);
    const r = check();
    expect(r.lines).toContain(`PASS http-IPv4 ${SERVICE} http://${SVC_V4}:80/: HTTP 200`);
    expect(r.lines).toContain(`FAIL http-IPv6 ${SERVICE} http://[${SVC_V6}]:80/: ECONNREFUSED connect ECONNREFUSED ${SVC_V6}:80`);
    expect(r.lines).toContain('SUMMARY: 11 passed, 1 failed');
    expect(r.status).toBe(1);
  });
});
