/**
 * Gate §5, a platform team's view (its own script: `jest -c test/gate/jest.package.config.js`,
 * ~30 s, mostly `npm install` extracting @pulumi/* — too slow for the < 30 s `npm test` gate).
 *
 * The real build (`tsc -p tsconfig.build.json` into dist-lib/), `npm pack`, then a fresh project
 * outside the repository installs the tarball OFFLINE from the npm cache, synthesizes every
 * ready stack with the installed package and gets the same objects as the in-repo synth; and
 * `cdk8s synth` in that project runs the policy plugin from the installed package.
 *
 * Offline caveat: the fresh project pins `@types/node` to the version the repository uses. Some
 * dependency of @pulumi/* asks for `@types/node: "*"`, which npm resolves to the newest version in
 * the cached packument; its `undici-types` tarball was never installed here, so `--offline`
 * fails with ENOTCACHED without the pin (with a network, no pin is needed).
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { synthCase } from './support/stacks';

const REPO = join(__dirname, '..', '..');
const STACKS = ['calico-manifest-ipvs', 'calico-operator-ipvs', 'flannel-iptables', 'ipv6-primary', 'ipv4-only'];
const TYPES_NODE = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).devDependencies['@types/node'];

let tmp: string;
let tarball: string;
let packed: string[];
let project: string;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, K8S_DUALSTACK_QUIET: '1', ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gate-package-'));
  // The real build, as `npm run build` does it.
  run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], REPO);
  const info = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], REPO))[0];
  tarball = join(tmp, info.filename);
  packed = info.files.map((f: { path: string }) => f.path).sort();

  project = join(tmp, 'platform-team');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'platform-team', version: '1.0.0', private: true, devDependencies: { '@types/node': TYPES_NODE } }, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
}, 180000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the compiled JavaScript and type declarations only', () => {
  const other = packed.filter((p) => !/^dist-lib\/lib\/.+\.(js|d\.ts)$/.test(p));
  expect(other).toEqual(['README.md', 'package.json'].filter((f) => packed.includes(f)));
  expect(packed.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  expect(packed.filter((p) => /(^|\/)(test|bench|stacks)\//.test(p))).toEqual([]);
  for (const f of ['dist-lib/lib/index.js', 'dist-lib/lib/index.d.ts', 'dist-lib/lib/pulumi/index.js', 'dist-lib/lib/cli/main.js', 'dist-lib/lib/policy/plugin.js']) expect(packed).toContain(f);
  // every .js has its declaration
  for (const js of packed.filter((p) => p.endsWith('.js'))) expect(packed).toContain(js.replace(/\.js$/, '.d.ts'));
});

test('the installed package loads from a fresh project', () => {
  const out = run(process.execPath, ['-e', `
    const k = require('k8s-dualstack');
    const p = require('k8s-dualstack/pulumi');
    console.log(JSON.stringify({
      cluster: typeof k.DualStackCluster, plan: typeof k.ClusterNetwork.plan, cidr: k.Cidr.parse('fd00::/108').toString(),
      validate: Object.keys(k.validate).sort(), pulumi: Object.keys(p).length > 0,
    }));`], project);
  expect(JSON.parse(out)).toEqual({ cluster: 'function', plan: 'function', cidr: 'fd00::/108', validate: ['clusterCIDR', 'kubeProxyConfiguration', 'kubeadmNetworking', 'service', 'serviceClusterIPRange'], pulumi: true });
});

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

test('every stack synthesized with the installed package equals the in-repo synth', () => {
  copyStacks(join(project, 'stacks'));
  const out = join(project, 'out');
  run(process.execPath, ['-e', `const { STACKS } = require('./stacks/registry.js'); for (const [n, s] of Object.entries(STACKS)) s(require('path').join(${JSON.stringify(out)}, n));`], project);
  for (const stack of STACKS) {
    const inRepo = synthCase({ stack, version: '1.33' });
    // The object files (charts and kubeadm files; node scripts and apply.sh are not YAML), in file order.
    const objectFiles = readdirSync(join(out, stack), { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(/[\\/]/).join('/'))
      .filter((f) => /\.(k8s\.yaml|kubeadm\.conf)$/.test(f))
      .sort();
    expect(objectFiles).toEqual(inRepo.map((c) => c.file));
    for (const chart of inRepo) {
      const installed = parseAllDocuments(readFileSync(join(out, stack, chart.file), 'utf8')).map((d) => d.toJS());
      expect({ stack, file: chart.file, objects: installed }).toEqual({ stack, file: chart.file, objects: JSON.parse(JSON.stringify(chart.objects)) });
    }
  }
});

describe('cdk8s synth with the policy plugin from the installed package', () => {
  const CDK8S = join(REPO, 'node_modules', '.bin', 'cdk8s');

  function synthWith(dir: string, app: string): { status: number | null; output: string } {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app.js'), app);
    writeFileSync(
      join(dir, 'cdk8s.yaml'),
      [
        'language: typescript',
        'app: node app.js',
        'output: dist',
        'validations:',
        `  - package: ${join(project, 'node_modules', 'k8s-dualstack', 'dist-lib', 'lib', 'policy', 'plugin.js')}`,
        '    version: 0.1.0',
        '    class: PolicyValidation',
        '    properties:',
        '      kubernetesVersion: "1.33"',
        '',
      ].join('\n'),
    );
    const r = spawnSync(CDK8S, ['synth', '--no-check-upgrade'], { cwd: dir, env: { ...process.env, K8S_DUALSTACK_QUIET: '1', NODE_PATH: join(project, 'node_modules') }, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  }

  test('a ready stack passes the policy', () => {
    const r = synthWith(join(project, 'cdk8s-ok'), `
      const { STACKS } = require(${JSON.stringify(join(project, 'stacks', 'registry.js'))});
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

