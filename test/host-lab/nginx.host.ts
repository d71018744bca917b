// Issue 18 §2: Debian's nginx binary serves the demo app's server block (the `default.conf` of the
// common-nginx ConfigMap, as rendered) in a network namespace with an IPv4 and an IPv6 address;
// Node's http client fetches it over both families from a second namespace across a veth.
//
// What the lab adds around the rendered text, and why: the ConfigMap holds only the server block,
// which the nginx-unprivileged image includes from its own /etc/nginx/nginx.conf inside `http {}`.
// The lab writes a minimal main configuration in its place (pid, error log and temp paths in the
// lab directory, `include` of the extracted file). The server block itself is used unchanged: it
// listens on 8080, already an unprivileged port, so no port is rewritten.
import { ChildProcess, spawn } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderCommonNginx } from '../../lib/ingress/render-demo-app';
import { ClusterNetwork } from '../../lib/plan/network';
import { Cleanup, describeLab, Fetched, fetchIn, labDir, labLink, waitFor } from './lab';

const SERVER_V4 = '192.0.2.80';
const SERVER_V6 = '2001:db8:80::80';
const PORT = 8080;

const plan = ClusterNetwork.of({
  kubernetesVersion: '1.33',
  podCidrs: ['172.16.0.0/16', 'fc00::/48'],
  serviceCidrs: ['10.96.0.0/12', 'fd00::/108'],
  nodes: [{ name: 'lab80', ipv4: '192.0.2.53/24', ipv6: '2001:db8:80::53/64', controlPlane: true }],
});

/** The server block exactly as the ConfigMap carries it. */
function renderedServerBlock(): string {
  const data = (renderCommonNginx(plan).configMap as unknown as { data: Record<string, string> }).data;
  expect(Object.keys(data)).toEqual(['default.conf']);
  return data['default.conf'];
}

describeLab('demo nginx on both families', { commands: ['nginx'] }, () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.runAll());
  let link: ReturnType<typeof labLink>;
  beforeAll(() => {
    link = labLink(cleanup, 'ng', [`${SERVER_V4}/24`, `${SERVER_V6}/64`], ['192.0.2.81/24', '2001:db8:80::81/64']);
  });

  const URLS = [
    { url: `http://${SERVER_V4}:${PORT}/healthz`, family: 4 as const },
    { url: `http://[${SERVER_V6}]:${PORT}/healthz`, family: 6 as const },
    { url: `http://${SERVER_V4}:${PORT}/`, family: 4 as const },
    { url: `http://[${SERVER_V6}]:${PORT}/`, family: 6 as const },
  ];

  /** Start nginx with the server block in the server namespace; resolves once it answers or gives up. */
  function startNginx(serverBlock: string, tag: string): ChildProcess {
    const dir = labDir(cleanup, `nginx-${tag}`);
    mkdirSync(join(dir, 'conf.d'));
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, 'conf.d', 'default.conf'), serverBlock);
    writeFileSync(join(dir, 'nginx.conf'), [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp/${t};`),
      `  include ${dir}/conf.d/*.conf;`,
      '}',
      '',
    ].join('\n'));
    const child = spawn('ip', ['netns', 'exec', link.a.ns, 'nginx', '-e', `${dir}/error.log`, '-p', dir, '-c', `${dir}/nginx.conf`], { stdio: 'ignore' });
    // `ip netns exec` execs nginx: this pid is the nginx master; SIGQUIT would wait for requests, SIGTERM stops it at once.
    cleanup.add(() => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
    waitFor(() => fetchIn(link.b.ns, [URLS[0]], 500).every((f) => f.status === 200), 30, 100);
    return child;
  }

  function stop(child: ChildProcess): Promise<void> {
    return new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }

  const summary = (fs: Fetched[]) => fs.map((f) => `${f.url} ${f.status ?? f.error}`);

  test('the rendered server block answers over IPv4 and IPv6 (Node http client, bracketed IPv6 URL)', async () => {
    const block = renderedServerBlock();
    expect(block).toContain(`listen [::]:${PORT};`);
    const nginx = startNginx(block, 'ok');
    try {
      const got = fetchIn(link.b.ns, URLS);
      expect(summary(got)).toEqual(URLS.map((u) => `${u.url} 200`));
      expect(got[0].body).toBe('ok\n');
      expect(got[1].body).toBe('ok\n');
      expect(got[3].body).toMatch(/<title>Welcome to nginx!<\/title>/);
    } finally {
      await stop(nginx);
    }
  });

  test('fails when the IPv6 listen line is dropped: IPv6 gets no answer, IPv4 still does', async () => {
    const broken = renderedServerBlock().replace(`    listen [::]:${PORT};\n`, '');
    expect(broken).not.toContain('[::]');
    const nginx = startNginx(broken, 'v4only');
    try {
      const got = fetchIn(link.b.ns, URLS.slice(0, 2));
      expect(got[0].status).toBe(200);
      expect(got[1].status).toBeUndefined();
      expect(got[1].error).toMatch(/^ECONNREFUSED/);
    } finally {
      await stop(nginx);
    }
  });
});
