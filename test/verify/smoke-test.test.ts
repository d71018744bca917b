import { createHash } from 'crypto';
import { ApiObject, Testing } from 'cdk8s';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ClusterNetwork } from '../../lib/plan/network';
import {
  DualStackSmokeTest,
  renderSmokeTest,
  renderSmokeTestObjects,
  SMOKE_TEST_IMAGES,
  SMOKE_TEST_SCRIPT,
  SMOKE_TEST_SCRIPT_KEY,
  SmokeTestOptions,
  smokeTestFindings,
  SmokeTestKubeObject,
  SmokeTestTarget,
} from '../../lib/verify';
import { renderNginxConf } from '../../lib/verify/render';
import { FIELD_REPORT, FIELD_REPORT_1_18, IPV4_ONLY, IPV6_PRIMARY } from './fixtures/plans';


const fieldReport = ClusterNetwork.of(FIELD_REPORT);
const fieldReport118 = ClusterNetwork.plan(FIELD_REPORT_1_18);
const ipv4Only = ClusterNetwork.of(IPV4_ONLY);
const ipv6Primary = ClusterNetwork.of(IPV6_PRIMARY);

function envOf(job: SmokeTestKubeObject): Record<string, string> {
  const env = (job as any).spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
  return Object.fromEntries(env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string]));
}

function validate(obj: SmokeTestKubeObject): void {
  const o = obj as any;
  switch (`${o.apiVersion}/${o.kind}`) {
    case 'v1/Namespace':
      return new Namespace(o).validate();
    case 'v1/ServiceAccount':
      return new ServiceAccount(o).validate();
    case 'v1/ConfigMap':
      return new ConfigMap(o).validate();
    case 'v1/Service':
      return new Service(o).validate();
    case 'apps/v1/Deployment':
      return new Deployment(o).validate();
    case 'batch/v1/Job':
      return new Job(o).validate();
    case 'rbac.authorization.k8s.io/v1/ClusterRole':
      return new ClusterRole(o).validate();
    case 'rbac.authorization.k8s.io/v1/ClusterRoleBinding':
      return new ClusterRoleBinding(o).validate();
    case 'rbac.authorization.k8s.io/v1/Role':
      return new Role(o).validate();
    case 'rbac.authorization.k8s.io/v1/RoleBinding':
      return new RoleBinding(o).validate();
    default:
      throw new Error(`no schema for ${o.apiVersion}/${o.kind}`);
  }
}

describe('renderSmokeTest (field report plan, defaults)', () => {
  const objects = renderSmokeTest(fieldReport);
  const o = renderSmokeTestObjects(fieldReport);
  const job = o.job as any;
  const pod = job.spec.template.spec;
  const container = pod.containers[0];

  test('objects in apply order, with explicit stable names', () => {
    expect(objects.map((x) => `${x.kind}/${x.metadata.namespace ? `${x.metadata.namespace}/` : ''}${x.metadata.name}`)).toEqual([
      'Namespace/dualstack-smoke',
      'ServiceAccount/dualstack-smoke/dualstack-smoke',
      'ClusterRole/dualstack-smoke-reader',
      'ClusterRoleBinding/dualstack-smoke-reader',
      'Role/dualstack-smoke/dualstack-smoke-reader',
      'RoleBinding/dualstack-smoke/dualstack-smoke-reader',
      'ConfigMap/dualstack-smoke/dualstack-smoke-web',
      'Deployment/dualstack-smoke/dualstack-smoke-web',
      'Service/dualstack-smoke/dualstack-smoke-web',
      'ConfigMap/dualstack-smoke/dualstack-smoke-script',
      'Job/dualstack-smoke/dualstack-smoke',
    ]);
  });

  test('every object passes the Kubernetes 1.33 schema', () => {
    for (const x of objects) expect(() => validate(x)).not.toThrow();
  });

  test('the namespace enforces Pod Security restricted', () => {
    expect((o.namespace as any).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('RBAC: the ClusterRole lists nodes only; a Role in its own namespace reads the rest, no wildcard, no watch', () => {
    expect((o.clusterRole as any).rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]);
    expect(o.roles.map((x: any) => [x.metadata.namespace, x.rules])).toEqual([
      [
        'dualstack-smoke',
        [
          { apiGroups: [''], resources: ['services'], verbs: ['get'], resourceNames: ['dualstack-smoke-web'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list'] },
        ],
      ],
    ]);
    expect((o.roleBindings[0] as any).roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'dualstack-smoke-reader' });
    expect(JSON.stringify([o.clusterRole, ...o.roles])).not.toMatch(/\*|watch/);
    expect((o.clusterRoleBinding as any).roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'dualstack-smoke-reader' });
    expect((o.clusterRoleBinding as any).subjects).toEqual([{ kind: 'ServiceAccount', name: 'dualstack-smoke', namespace: 'dualstack-smoke' }]);
    expect(pod.serviceAccountName).toBe('dualstack-smoke');
  });

  test('the Job is bounded: small backoffLimit, deadline, ttlSecondsAfterFinished, never restarts', () => {
    expect(job.spec.backoffLimit).toBe(1);
    expect(job.spec.ttlSecondsAfterFinished).toBe(3600);
    expect(job.spec.activeDeadlineSeconds).toBe(480);
    expect(pod.restartPolicy).toBe('Never');
  });

  test('the Job runs under Pod Security restricted with a read-only root filesystem', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } });
  });

  test('the web pod is restricted too, with writable /tmp only', () => {
    const web = (o.deployment as any).spec.template.spec;
    expect(web.securityContext.runAsUser).toBe(101);
    expect(web.automountServiceAccountToken).toBe(false);
    expect(web.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(web.containers[0].resources.requests).toEqual({ cpu: '10m', memory: '16Mi' });
    expect(web.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/etc/nginx/nginx.conf', '/tmp']);
  });

  test('images are the pinned constants', () => {
    expect(container.image).toBe(SMOKE_TEST_IMAGES.CHECKER);
    expect((o.deployment as any).spec.template.spec.containers[0].image).toBe(SMOKE_TEST_IMAGES.WEB);
    for (const image of Object.values(SMOKE_TEST_IMAGES)) expect(image).toMatch(/:[0-9]+\.[0-9]+\.[0-9]+-alpine[0-9.]*$/);
  });

  test("the env carries the plan's families (primary first), domain and target", () => {
    expect(envOf(o.job)).toEqual({
      EXPECT_FAMILIES: 'IPv4,IPv6',
      TARGET_NAMESPACE: 'dualstack-smoke',
      TARGET_SERVICES: 'dualstack-smoke-web',
      TARGET_PORT: '80',
      CLUSTER_DOMAIN: 'cluster.local',
      ENDPOINTSLICE_API: 'discovery.k8s.io/v1',
      CHECK_NODE_PORT: 'false',
      NODE_ADDRESSES: '',
      WAIT_SECONDS: '180',
      HTTP_TIMEOUT_SECONDS: '5',
      API_SERVER: 'https://kubernetes.default.svc',
    });
  });

  test('the Service is dual-stack in the plan family order', () => {
    expect((o.services[0] as any).spec).toEqual({
      type: 'ClusterIP',
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      selector: { 'app.kubernetes.io/name': 'dualstack-smoke', 'app.kubernetes.io/component': 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect((o.deployment as any).spec.template.metadata.labels).toMatchObject((o.services[0] as any).spec.selector);
  });

  test('nginx listens on both families', () => {
    const conf = (o.webConfigMap as any).data['nginx.conf'] as string;
    expect(conf.split('\n').filter((l) => l.trim().startsWith('listen'))).toEqual(['    listen 8080;', '    listen [::]:8080;']);
  });

  test('the script ConfigMap carries the script text, and the pod template its hash', () => {
    expect((o.scriptConfigMap as any).data).toEqual({ [SMOKE_TEST_SCRIPT_KEY]: SMOKE_TEST_SCRIPT });
    expect(container.command).toEqual(['node', '/opt/dualstack-smoke/check.js']);
    expect(job.spec.template.metadata.annotations['k8s-dualstack.io/script-sha256']).toBe(createHash('sha256').update(SMOKE_TEST_SCRIPT).digest('hex'));
  });

  test('has no finding', () => {
    expect(smokeTestFindings(fieldReport)).toEqual([]);
  });

  test('rendering is deterministic', () => {
    expect(JSON.stringify(renderSmokeTest(fieldReport))).toBe(JSON.stringify(objects));
  });
});

describe('the families come from the plan', () => {
  test('single-stack IPv4: SingleStack Service, IPv4 listener, EXPECT_FAMILIES=IPv4', () => {
    const o = renderSmokeTestObjects(ipv4Only);
    expect((o.services[0] as any).spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    expect(envOf(o.job).EXPECT_FAMILIES).toBe('IPv4');
    expect(renderNginxConf(ipv4Only)).not.toContain('[::]');
    for (const x of renderSmokeTest(ipv4Only)) expect(() => validate(x)).not.toThrow();
  });

  test('IPv6 primary: ipFamilies and EXPECT_FAMILIES list IPv6 first; the DNS domain follows the plan', () => {
    const o = renderSmokeTestObjects(ipv6Primary);
    expect((o.services[0] as any).spec.ipFamilies).toEqual(['IPv6', 'IPv4']);
    expect(envOf(o.job)).toMatchObject({ EXPECT_FAMILIES: 'IPv6,IPv4', CLUSTER_DOMAIN: 'k8s.example' });
    for (const x of renderSmokeTest(ipv6Primary)) expect(() => validate(x)).not.toThrow();
  });

  test('the NodePort check probes the plan nodes and makes the Service a NodePort', () => {
    const o = renderSmokeTestObjects(fieldReport, { checkNodePort: true, target: SmokeTestTarget.testWorkload({ nodePort: 30080 }) });
    expect(envOf(o.job)).toMatchObject({ CHECK_NODE_PORT: 'true', NODE_ADDRESSES: '192.168.101.53,2003:ac18::30a:2' });
    expect((o.services[0] as any).spec.type).toBe('NodePort');
    expect((o.services[0] as any).spec.ports[0].nodePort).toBe(30080);
    expect(smokeTestFindings(fieldReport, { checkNodePort: true })).toEqual([]);
  });

  test('an existing Service as target: nothing but the checker is deployed', () => {
    const options: SmokeTestOptions = { target: SmokeTestTarget.service({ namespace: 'default', name: 'common-nginx', port: 80 }), createNamespace: true };
    const objects = renderSmokeTest(fieldReport, options);
    expect(objects.map((x) => x.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'Role', 'RoleBinding', 'RoleBinding', 'ConfigMap', 'Job']);
    expect(envOf(renderSmokeTestObjects(fieldReport, options).job)).toMatchObject({ TARGET_NAMESPACE: 'default', TARGET_SERVICES: 'common-nginx', TARGET_PORT: '80' });
  });

  test('an existing Service in another namespace: its reads in a Role there, the checker\'s own pod in a Role of its namespace', () => {
    const o = renderSmokeTestObjects(fieldReport, { target: SmokeTestTarget.service({ namespace: 'default', name: 'common-nginx', port: 80 }) });
    expect(o.roles.map((x: any) => [x.metadata.name, x.metadata.namespace, x.rules])).toEqual([
      [
        'dualstack-smoke-reader',
        'default',
        [
          { apiGroups: [''], resources: ['services'], verbs: ['get'], resourceNames: ['common-nginx'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list'] },
        ],
      ],
      ['dualstack-smoke-self', 'dualstack-smoke', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]],
    ]);
    expect(o.roleBindings.map((x: any) => [x.metadata.namespace, x.subjects])).toEqual([
      ['default', [{ kind: 'ServiceAccount', name: 'dualstack-smoke', namespace: 'dualstack-smoke' }]],
      ['dualstack-smoke', [{ kind: 'ServiceAccount', name: 'dualstack-smoke', namespace: 'dualstack-smoke' }]],
    ]);
  });

  test('every path the check script requests is one the RBAC grants (nodes cluster-wide, the rest namespaced)', () => {
    // The paths readSnapshot GETs (check-script.ts), by resource and scope.
    const script = renderSmokeTestObjects(fieldReport).scriptConfigMap as any;
    const text: string = Object.values(script.data)[0] as string;
    expect(text).toContain("get('/api/v1/nodes')");
    expect(text).toMatch(/\/namespaces\/' \+ ns \+ '\/services\//);
    expect(text).toMatch(/\/namespaces\/' \+ ns \+ '\/pods\?labelSelector=/);
    expect(text).toMatch(/\/namespaces\/' \+ ns \+ '\/endpointslices\?labelSelector=/);
    expect(text).not.toMatch(/watch=/);
  });

  test('without createNamespace there is no Namespace object', () => {
    expect(renderSmokeTest(fieldReport, { createNamespace: false, namespace: 'ops' })[0]).toMatchObject({ kind: 'ServiceAccount', metadata: { namespace: 'ops' } });
  });
});

describe('Kubernetes 1.18 (the field report era)', () => {
  const o = renderSmokeTestObjects(fieldReport118);

  test('one Service per family with the alpha spec.ipFamily', () => {
    expect(o.services.map((s: any) => [s.metadata.name, s.spec.ipFamily, s.spec.ipFamilies])).toEqual([
      ['dualstack-smoke-web-ipv4', 'IPv4', undefined],
      ['dualstack-smoke-web-ipv6', 'IPv6', undefined],
    ]);
    expect(envOf(o.job).TARGET_SERVICES).toBe('dualstack-smoke-web-ipv4,dualstack-smoke-web-ipv6');
  });

  test('no ttlSecondsAfterFinished (refused while TTLAfterFinished is an alpha gate), EndpointSlice v1beta1, seccomp annotation', () => {
    const job = o.job as any;
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(envOf(o.job).ENDPOINTSLICE_API).toBe('discovery.k8s.io/v1beta1');
    expect(job.spec.template.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']).toBe('runtime/default');
    expect(job.spec.template.spec.securityContext.seccompProfile).toBeUndefined();
  });

  test('says so in findings', () => {
    expect(smokeTestFindings(fieldReport118).map((f) => `${f.severity} ${f.code}`)).toEqual(['warning smoke-test-ttl-unsupported', 'info smoke-test-alpha-services']);
  });

  test('keeps the TTL when the plan enables the TTLAfterFinished gate', () => {
    const plan = ClusterNetwork.plan({ ...FIELD_REPORT_1_18, featureGates: { IPv6DualStack: true, TTLAfterFinished: true } });
    expect((renderSmokeTestObjects(plan).job as any).spec.ttlSecondsAfterFinished).toBe(3600);
  });
});

describe('smokeTestFindings', () => {
  test.each<[string, SmokeTestOptions, string, string]>([
    ['fails when the checker image uses latest', { image: 'node:latest' }, 'error', 'smoke-test-image-unpinned'],
    ['fails when the checker image has no tag', { image: 'registry.local:5000/node' }, 'error', 'smoke-test-image-unpinned'],
    ['fails when the web image has no tag', { target: SmokeTestTarget.testWorkload({ image: 'nginx' }) }, 'error', 'smoke-test-image-unpinned'],
    ['fails when the name is not a DNS label', { name: 'Smoke_Test' }, 'error', 'smoke-test-name'],
    ['fails when the name leaves no room for suffixes', { name: 'a'.repeat(60) }, 'error', 'smoke-test-name'],
    ['fails when the namespace is not a DNS label', { namespace: 'ops.team' }, 'error', 'smoke-test-namespace'],
    ['fails when the port is out of range', { target: SmokeTestTarget.testWorkload({ port: 0 }) }, 'error', 'smoke-test-port'],
    ['fails when replicas is zero', { target: SmokeTestTarget.testWorkload({ replicas: 0 }) }, 'error', 'smoke-test-replicas'],
    ['fails when the TTL is negative', { ttlSecondsAfterFinished: -1 }, 'error', 'smoke-test-number'],
    ['fails when the target Service has no name', { target: SmokeTestTarget.service({ namespace: 'default', name: '', port: 80 }) }, 'error', 'smoke-test-target-name'],
    ['warns when the nodePort is outside the default range', { checkNodePort: true, target: SmokeTestTarget.testWorkload({ nodePort: 8080 }) }, 'warning', 'smoke-test-node-port-range'],
    ['warns when a nodePort is set without checkNodePort', { target: SmokeTestTarget.testWorkload({ nodePort: 30080 }) }, 'warning', 'smoke-test-node-port-unused'],
  ])('%s', (_name, options, severity, code) => {
    const findings = smokeTestFindings(fieldReport, options);
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual([`${severity} ${code}`]);
    expect(findings[0].message).toMatch(/^smokeTest\./);
    expect(findings[0].fix).toBeTruthy();
  });

  test('a digest-pinned image is accepted', () => {
    expect(smokeTestFindings(fieldReport, { image: `node@sha256:${'a'.repeat(64)}` })).toEqual([]);
  });

  test('the NodePort check without plan nodes is noted', () => {
    expect(smokeTestFindings(ipv4Only, { checkNodePort: true }).map((f) => f.code)).toEqual(['smoke-test-node-port-addresses']);
  });
});

describe('DualStackSmokeTest construct', () => {
  test('synthesizes the rendered objects; the Job is the primary object', () => {
    const chart = Testing.chart();
    const smoke = new DualStackSmokeTest(chart, 'Smoke', { network: fieldReport });
    expect(Testing.synth(chart)).toEqual(renderSmokeTest(fieldReport));
    expect(ApiObject.of(smoke)).toBe(smoke.job);
    expect(smoke.services).toHaveLength(1);
    expect(smoke.deployment?.kind).toBe('Deployment');
    expect(smoke.node.validate()).toEqual([]);
  });

  test('golden: field report plan, defaults', () => {
    const chart = Testing.chart();
    new DualStackSmokeTest(chart, 'Smoke', { network: fieldReport });
    // The script text is pinned by its sha256 annotation (and tested on its own); keep the golden readable.
    const objects = Testing.synth(chart).map((x: any) =>
      x.data?.[SMOKE_TEST_SCRIPT_KEY] === SMOKE_TEST_SCRIPT ? { ...x, data: { [SMOKE_TEST_SCRIPT_KEY]: '<SMOKE_TEST_SCRIPT>' } } : x,
    );
    expect(objects).toMatchSnapshot();
  });

  test('fails validation (cdk8s synth) with every error at once', () => {
    const chart = Testing.chart();
    const smoke = new DualStackSmokeTest(chart, 'Smoke', { network: fieldReport, image: 'node', name: 'BAD' });
    const errors = smoke.node.validate();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^error \[smoke-test-name\] smokeTest\.name: "BAD"/);
    expect(errors[1]).toMatch(/^error \[smoke-test-image-unpinned\] smokeTest\.image: "node"/);
  });
});
