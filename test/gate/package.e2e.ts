/**
 * Gate §5, a platform team's view (its own script: `npm run test:package`, ~20–40 s).
 *
 * The real build (`tsc -p tsconfig.build.json` into dist-lib/), `npm pack`, then fresh projects
 * outside the repository install the tarball OFFLINE and use it as documented.
 *
 * Offline on a fresh clone, without relying on what the npm cache happens to hold: the test packs
 * the consumers' dependencies itself, with `npm pack` of the folders `npm ci` installed
 * (node_modules/cdk8s, node_modules/constructs, and the older minors installed under the
 * devDependency aliases `cdk8s-2-68` / `constructs-10-3`), and the projects depend on those tarball
 * files. npm then needs no packument: resolving a version range offline is what failed before
 * (`ENOTCACHED @types/node`: a `*` range resolves to the newest version in the cached packument,
 * whose tarball `npm ci` never fetched). The aliases are why the older versions are on disk at all
 * after `npm ci`, with no registry access during the test.
 *
 * The optional peers (@pulumi/*, cdk8s-plus-27) are not installed into the projects (120 + 53 MB);
 * where a test needs them, NODE_PATH points at the repository's node_modules.
 */
import { spawnSync } from 'child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { shippedVersion, synthCase } from './support/stacks';
import { STACK_PROPS } from '../../stacks/registry';

const REPO = join(__dirname, '..', '..');
const REPO_MODULES = join(REPO, 'node_modules');
const STACKS = Object.keys(STACK_PROPS);
const PKG = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const MB = 1024 * 1024;

let tmp: string;
let tarball: string;
let packed: string[];
/** A cdk8s-only consumer: k8s-dualstack + cdk8s + constructs at the versions the repository uses. */
let project: string;
/** A consumer on the oldest cdk8s / constructs minors inside the peer ranges. */
let older: string;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, K8S_DUALSTACK_QUIET: '1', ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `npm pack` an installed package folder (bundled dependencies included); returns the tarball path. */
function packInstalled(folder: string, into: string): { file: string; name: string; version: string } {
  const info = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into, join(REPO_MODULES, folder)], REPO))[0];
  return { file: join(into, info.filename), name: info.name, version: info.version };
}

function consumer(dir: string, deps: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'platform-team', version: '1.0.0', private: true, dependencies: deps }, null, 2));
  // --offline, and a registry that cannot answer: any lookup fails instead of reaching the network.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir, { npm_config_registry: 'http://127.0.0.1:9/' });
  return dir;
}

/** Bytes of the files under `dir` (apparent sizes, as npm reports unpacked sizes). */
function bytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += bytes(p);
    else if (e.isFile()) n += lstatSync(p).size;
  }
  return n;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gate-package-'));
  // The real build, as `npm run build` does it.
  run(process.execPath, [join(REPO_MODULES, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], REPO);
  const info = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], REPO))[0];
  tarball = join(tmp, info.filename);
  packed = info.files.map((f: { path: string }) => f.path).sort();

  const deps = join(tmp, 'deps');
  mkdirSync(deps);
  const cdk8s = packInstalled('cdk8s', deps);
  const constructs = packInstalled('constructs', deps);
  const oldCdk8s = packInstalled('cdk8s-2-68', deps);
  const oldConstructs = packInstalled('constructs-10-3', deps);
  expect([cdk8s.version, constructs.version]).toEqual([PKG.devDependencies.cdk8s, PKG.devDependencies.constructs]);
  expect([oldCdk8s.name, oldConstructs.name]).toEqual(['cdk8s', 'constructs']);

  project = consumer(join(tmp, 'platform-team'), { 'k8s-dualstack': `file:${tarball}`, cdk8s: `file:${cdk8s.file}`, constructs: `file:${constructs.file}` });
  older = consumer(join(tmp, 'older-minor'), { 'k8s-dualstack': `file:${tarball}`, cdk8s: `file:${oldCdk8s.file}`, constructs: `file:${oldConstructs.file}` });
  copyStacks(join(project, 'my-stacks'));
}, 300000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the compiled library, the ready stacks, the policy entry and the license', () => {
  const other = packed.filter((p) => !/^dist-lib\/lib\/.+\.(js|d\.ts|json)$/.test(p) && !/^dist-lib\/stacks\/[^/]+\.(js|d\.ts)$/.test(p));
  // The licenses of the upstream projects whose release data lib/upstream holds ship beside it.
  const upstreamLicenses = readdirSync(join(REPO, 'lib', 'upstream')).filter((d) => existsSync(join(REPO, 'lib', 'upstream', d, 'LICENSE'))).map((d) => `lib/upstream/${d}/LICENSE`);
  expect(upstreamLicenses.length).toBeGreaterThan(0);
  expect(other).toEqual(['LICENSE', 'README.md', ...upstreamLicenses, 'package.json', 'policy/package.json'].sort());
  expect(packed.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  expect(packed.filter((p) => /(^|\/)(test|bench|scripts)\//.test(p) || p.startsWith('dist-lib/stacks/pulumi/'))).toEqual([]);
  for (const f of ['dist-lib/lib/index.js', 'dist-lib/lib/render.js', 'dist-lib/lib/pulumi/index.js', 'dist-lib/lib/cli/main.js', 'dist-lib/lib/policy/index.js', 'dist-lib/stacks/registry.js']) {
    expect(packed).toContain(f);
  }
  for (const js of packed.filter((p) => p.endsWith('.js'))) expect(packed).toContain(js.replace(/\.js$/, '.d.ts'));
  expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(PKG.license).toBe('Apache-2.0');
  for (const field of ['repository', 'homepage', 'bugs']) expect(PKG[field]).toBeDefined();
});

describe('a cdk8s-only consumer', () => {
  test('installs only k8s-dualstack beside cdk8s and constructs, at most 10 MB more', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['cdk8s', 'constructs', 'k8s-dualstack']);
    const beyond = bytes(join(project, 'node_modules')) - bytes(join(project, 'node_modules', 'cdk8s')) - bytes(join(project, 'node_modules', 'constructs'));
    expect(beyond / MB).toBeLessThanOrEqual(10);
  });

  test('one copy of yaml: the one cdk8s bundles', () => {
    const out = run(process.execPath, ['-e', `
      const k = require('k8s-dualstack/render');
      const yamlFiles = Object.keys(require.cache).filter((f) => /[\\\\/]yaml[\\\\/]/.test(f));
      console.log(JSON.stringify({ text: k.kubeadmYaml([{ a: 1 }]), yaml: [...new Set(yamlFiles.map((f) => f.replace(/[\\\\/]yaml[\\\\/].*/, '')))] }));`], project);
    expect(JSON.parse(out)).toEqual({ text: 'a: 1\n', yaml: [join(project, 'node_modules', 'cdk8s', 'node_modules')] });
  });

  test('the root and the subpaths load; the Pulumi subpath only with its optional peers', () => {
    const out = run(process.execPath, ['-e', `
      const k = require('k8s-dualstack');
      const policy = require('k8s-dualstack/policy');
      const render = require('k8s-dualstack/render');
      const cli = require('k8s-dualstack/cli');
      let pulumi; try { require('k8s-dualstack/pulumi'); pulumi = 'loaded'; } catch (e) { pulumi = e.code + ' ' + /@pulumi\\/[a-z]+/.exec(e.message)[0]; }
      console.log(JSON.stringify({
        cluster: typeof k.DualStackCluster, plan: typeof k.ClusterNetwork.plan, cidr: k.Cidr.parse('fd00::/108').toString(),
        validate: Object.keys(k.validate).sort(), policy: typeof policy.PolicyValidation, render: typeof render.renderDualStackService,
        cli: typeof cli.run, shellQuote: 'shellQuote' in k || 'shellQuote' in render, pulumi,
      }));`], project);
    expect(JSON.parse(out)).toEqual({
      cluster: 'function', plan: 'function', cidr: 'fd00::/108', validate: ['clusterCIDR', 'kubeProxyConfiguration', 'kubeadmNetworking', 'service', 'serviceClusterIPRange'],
      policy: 'function', render: 'function', cli: 'function', shellQuote: false, pulumi: expect.stringMatching(/^MODULE_NOT_FOUND @pulumi\/(pulumi|kubernetes)$/),
    });
    const withPeers = run(process.execPath, ['-e', "console.log(Object.keys(require('k8s-dualstack/pulumi')).length > 0)"], project, { NODE_PATH: REPO_MODULES });
    expect(withPeers.trim()).toBe('true');
  });

  test('`k8s-dualstack synth` from the installed bin writes every ready stack, equal to the in-repo synth', () => {
    const out = join(project, 'out');
    const log = run(join(project, 'node_modules', '.bin', 'k8s-dualstack'), ['synth', '--out', 'out'], project);
    expect(log.trim().split('\n').map((l) => l.split(' ')[1]).sort()).toEqual([...STACKS].sort());
    for (const stack of STACKS) {
      const inRepo = synthCase({ stack, version: shippedVersion(stack) });
      // The object files (charts and kubeadm files; node scripts and apply.sh are not YAML), in file order.
      const objectFiles = treeOf(join(out, stack)).filter((f) => /\.(k8s\.yaml|kubeadm\.conf)$/.test(f));
      expect(objectFiles).toEqual(inRepo.map((c) => c.file));
      for (const chart of inRepo) {
        const installed = parseAllDocuments(readFileSync(join(out, stack, chart.file), 'utf8')).map((d) => d.toJS());
        expect({ stack, file: chart.file, objects: installed }).toEqual({ stack, file: chart.file, objects: JSON.parse(JSON.stringify(chart.objects)) });
      }
    }
  });

  test('`k8s-dualstack synth --app` runs the user\'s own registry written against the installed package', () => {
    const log = run(join(project, 'node_modules', '.bin', 'k8s-dualstack'), ['synth', '--app', 'my-stacks/registry.js', '--out', 'mine', 'flannel-iptables'], project);
    expect(log).toMatch(/synthesized flannel-iptables/);
    expect(treeOf(join(project, 'mine', 'flannel-iptables'))).toEqual(treeOf(join(project, 'out', 'flannel-iptables')));
    for (const f of treeOf(join(project, 'mine', 'flannel-iptables'))) {
      expect(readFileSync(join(project, 'mine', 'flannel-iptables', f), 'utf8')).toBe(readFileSync(join(project, 'out', 'flannel-iptables', f), 'utf8'));
    }
  });
});

/** Every file under `dir`, as sorted '/'-separated relative paths (the output tree has subfolders). */
function treeOf(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1).split(/[\\/]/).join('/'))
    .sort();
}

/** The ready stacks' own source, importing the installed package instead of ../lib. */
function copyStacks(into: string): void {
  mkdirSync(into, { recursive: true });
  for (const f of readdirSync(join(REPO, 'stacks'))) {
    if (!f.endsWith('.ts') || f === 'main.ts') continue;
    const source = readFileSync(join(REPO, 'stacks', f), 'utf8').replace(/from '\.\.\/lib'/g, "from 'k8s-dualstack'");
    expect(source).not.toMatch(/from '\.\.\//); // a stack reaching into lib/ internals would not survive packaging
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    writeFileSync(join(into, f.replace(/\.ts$/, '.js')), js);
  }
}

describe('a consumer on older cdk8s / constructs minors inside the peer ranges', () => {
  const APP = `
    import { App, Chart } from 'cdk8s';
    import * as plus from 'k8s-dualstack';
    const app = new App();
    const chart = new Chart(app, 'team');
    const network = plus.ClusterNetwork.plan({ kubernetesVersion: '1.33', podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], serviceCidrs: ['10.96.0.0/16', 'fd00:10:96::/112'], nodes: [{ name: 'n1', ipv4: '192.168.1.10/24', ipv6: 'fd00:1::10/64', controlPlane: true }] });
    new plus.DualStackService(chart, 'svc', { network, name: 'web', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] });
    const cluster = new plus.DualStackCluster(app, 'cluster', { network: { kubernetesVersion: '1.33', podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n1', ipv4: '192.168.1.10/24', controlPlane: true }] }, cni: plus.Cni.calico() });
    const fields: plus.ServiceFamilyFields = plus.DualStackService.of(chart.node.findChild('svc'), network);
    export { cluster, fields };
  `;

  function typecheck(dir: string, source: string): { status: number | null; output: string } {
    writeFileSync(join(dir, 'app.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(REPO_MODULES, '@types')] },
        files: ['app.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(REPO_MODULES, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  test('installs the older minors it asked for (one copy each)', () => {
    const version = (p: string): string => JSON.parse(readFileSync(join(older, 'node_modules', p, 'package.json'), 'utf8')).version;
    expect({ cdk8s: version('cdk8s'), constructs: version('constructs') }).toEqual({ cdk8s: '2.68.12', constructs: '10.3.0' });
    expect(readdirSync(join(older, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['cdk8s', 'constructs', 'k8s-dualstack']);
  });

  test('type-checks (the declarations need nothing but the required peers)', () => {
    expect(typecheck(older, APP)).toEqual({ status: 0, output: '' });
  });

  test('fails to type-check when a second constructs copy is mixed in (the bug a pinned dependency caused)', () => {
    const dir = join(tmp, 'two-copies');
    cpSync(older, dir, { recursive: true });
    cpSync(join(REPO_MODULES, 'constructs'), join(dir, 'node_modules', 'other-constructs'), { recursive: true });
    const bad = `
      import { Construct } from 'other-constructs';
      import { Cni, DualStackCluster } from 'k8s-dualstack';
      new DualStackCluster(new Construct(undefined as never, 'x'), 'c', { network: { kubernetesVersion: '1.33', podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/16'], nodes: [{ name: 'n1', ipv4: '192.168.1.10/24', controlPlane: true }] }, cni: Cni.calico() });
    `;
    const r = typecheck(dir, bad);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/TS2345|TS2322/);
  });
});

describe('cdk8s synth with the policy plugin from the installed package', () => {
  const CDK8S = join(REPO_MODULES, '.bin', 'cdk8s');

  function synthWith(dir: string, app: string): { status: number | null; output: string } {
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(project, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'app.js'), app);
    writeFileSync(
      join(dir, 'cdk8s.yaml'),
      [
        'language: typescript',
        'app: node app.js',
        'output: dist',
        'validations:',
        // What the README documents: the package's policy/ entry, no path into dist-lib.
        '  - package: ./node_modules/k8s-dualstack/policy',
        `    version: ${PKG.version}`,
        '    class: PolicyValidation',
        '    properties:',
        '      kubernetesVersion: "1.33"',
        '',
      ].join('\n'),
    );
    const r = spawnSync(CDK8S, ['synth', '--no-check-upgrade'], { cwd: dir, env: { ...process.env, K8S_DUALSTACK_QUIET: '1' }, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  }

  test('a ready stack passes the policy', () => {
    const r = synthWith(join(project, 'cdk8s-ok'), `
      const { STACKS } = require(${JSON.stringify(join(project, 'my-stacks', 'registry.js'))});
      STACKS['flannel-iptables'](require('path').join(process.env.CDK8S_OUTDIR, 'flannel-iptables'));`);
    expect({ status: r.status, output: r.status === 0 ? '' : r.output }).toEqual({ status: 0, output: '' });
    expect(r.output).toMatch(/Validations finished/);
  });

  test('fails when a chart breaks a rule, naming rule, resource and field', () => {
    const r = synthWith(join(project, 'cdk8s-bad'), `
      const { App, Chart, ApiObject } = require('cdk8s');
      const app = new App({ outdir: process.env.CDK8S_OUTDIR });
      const chart = new Chart(app, 'bad');
      new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
      app.synth();`);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/namespace-pod-security-label/);
    expect(r.output).toMatch(/Namespace\/apps/);
    expect(r.output).toContain('.metadata.labels["pod-security.kubernetes.io/enforce"]');
  });
});
