import { ingressNginxObjectList, renderIngressNginx } from '../../lib/ingress/render-ingress-nginx';
import { ServiceExposure } from '../../lib/ingress/common';
import { ingressNginxFindings } from '../../lib/ingress/rules';
import { INGRESS_NGINX_CERTGEN_IMAGE, INGRESS_NGINX_IMAGE } from '../../lib/ingress/versions';
import baremetal from '../../lib/upstream/ingress-nginx/controller-v1.15.1/baremetal-deploy.json';
import { checkRestricted, IPV4_ONLY, plan, validateAll } from './helpers';

describe('renderIngressNginx', () => {
  const o = renderIngressNginx(plan());
  const all = ingressNginxObjectList(o);

  test('every object is schema-valid, restricted, no wildcard RBAC', () => {
    expect(validateAll(all)).toBe(all.length);
    checkRestricted(all);
  });

  test('controller: pinned v1.15.1, uid 101, NET_BIND_SERVICE, class args, no webhook', () => {
    const c = (o.deployment as any).spec.template.spec.containers[0];
    expect(c.image).toMatch(/^registry\.k8s\.io\/ingress-nginx\/controller:v1\.15\.1@sha256:/);
    expect(c.securityContext).toMatchObject({ runAsUser: 101, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.args).toEqual(['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller']);
    expect(c.args.some((a: string) => a.startsWith('--validating-webhook'))).toBe(false);
    expect(o.admission).toEqual([]);
  });

  test('controller Service: NodePort 30080/30443 with the plan families (field report §7.1, now on both)', () => {
    expect((o.service as any).spec).toMatchObject({
      type: 'NodePort',
      ipFamilyPolicy: 'PreferDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      ports: [
        { name: 'http', port: 80, nodePort: 30080 },
        { name: 'https', port: 443, nodePort: 30443 },
      ],
    });
  });

  test('Deployment ingress-nginx-controller on a NodePort Service: no --publish-service, so Ingress status lists the nodes\' addresses (both families)', () => {
    const c = (o.deployment as any).spec.template.spec.containers[0];
    expect(c.args.some((a: string) => a.startsWith('--publish-service'))).toBe(false);
    // The controller finds its nodes through POD_NAME / POD_NAMESPACE and its pods' labels.
    expect(c.env.map((e: any) => e.name)).toEqual(['POD_NAME', 'POD_NAMESPACE', 'LD_PRELOAD']);
  });

  test('Deployment ingress-nginx-controller behind a LoadBalancer: --publish-service, as cloud-deploy.yaml', () => {
    const c = (renderIngressNginx(plan(), { exposure: ServiceExposure.LOAD_BALANCER }).deployment as any).spec.template.spec.containers[0];
    expect(c.args).toContain('--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller');
  });

  test('LoadBalancer exposure: externalTrafficPolicy Local as upstream', () => {
    const s = renderIngressNginx(plan(), { exposure: ServiceExposure.LOAD_BALANCER }).service as any;
    expect(s.spec.externalTrafficPolicy).toBe('Local');
    expect((o.service as any).spec.externalTrafficPolicy).toBeUndefined();
  });

  test('ClusterRole and Role ingress-nginx: upstream\'s rules, verbatim', () => {
    const up = baremetal.objects.filter((x: any) => x.metadata.name === 'ingress-nginx' && (x.kind === 'ClusterRole' || x.kind === 'Role')) as any[];
    expect((o.clusterRole as any).rules).toEqual(up.find((x) => x.kind === 'ClusterRole').rules);
    expect((o.role as any).rules).toEqual(up.find((x) => x.kind === 'Role').rules);
  });

  test('the controller and cert-gen images are the digests of the derived manifest', () => {
    const images = baremetal.objects.flatMap((x: any) => x.spec?.template?.spec?.containers ?? []).map((c: any) => c.image);
    expect(images).toContain(INGRESS_NGINX_IMAGE);
    expect(images).toContain(INGRESS_NGINX_CERTGEN_IMAGE);
  });

  test('LoadBalancer exposure drops the nodePorts', () => {
    const s = renderIngressNginx(plan(), { exposure: ServiceExposure.LOAD_BALANCER }).service as any;
    expect(s.spec.type).toBe('LoadBalancer');
    expect(s.spec.ports.map((p: any) => p.nodePort)).toEqual([undefined, undefined]);
  });

  test('IPv4-only plan: SingleStack Service, IPv6 disabled in nginx', () => {
    const v4 = renderIngressNginx(plan(IPV4_ONLY));
    expect((v4.service as any).spec).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    expect((v4.configMap as any).data['disable-ipv6']).toBe('true');
    expect((o.configMap as any).data).toBeUndefined();
  });

  test('Namespace ingress-nginx with pod-security labels, IngressClass nginx', () => {
    expect(o.namespace.metadata.name).toBe('ingress-nginx');
    expect((o.namespace.metadata as any).labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect((o.ingressClass as any).spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
  });

  test('admission webhook on: webhook config, admission Service, the two cert Jobs with a TTL', () => {
    const w = renderIngressNginx(plan(), { admissionWebhook: true });
    const objs = ingressNginxObjectList(w);
    expect(validateAll(objs)).toBe(objs.length);
    checkRestricted(objs);
    expect(w.admission.map((x) => `${x.kind}/${x.metadata.name}`)).toEqual([
      'ServiceAccount/ingress-nginx-admission',
      'ClusterRole/ingress-nginx-admission',
      'ClusterRoleBinding/ingress-nginx-admission',
      'Role/ingress-nginx-admission',
      'RoleBinding/ingress-nginx-admission',
      'Service/ingress-nginx-controller-admission',
      'Job/ingress-nginx-admission-create',
      'Job/ingress-nginx-admission-patch',
      'ValidatingWebhookConfiguration/ingress-nginx-admission',
    ]);
    const svc = w.admission.find((x) => x.kind === 'Service') as any;
    expect(svc.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    for (const j of w.admission.filter((x) => x.kind === 'Job') as any[]) expect(j.spec.ttlSecondsAfterFinished).toBe(600);
    const c = (w.deployment as any).spec.template.spec.containers[0];
    expect(c.args).toContain('--validating-webhook=:8443');
  });
});

describe('ingressNginxFindings', () => {
  test('always warns that ingress-nginx is retired, naming the alternatives', () => {
    const f = ingressNginxFindings(plan(), {}, 'ingressNginx');
    expect(f.map((x) => `${x.severity}:${x.code}`)).toEqual(['warning:ingress-nginx-retired']);
    expect(f[0].message).toContain('March 2026');
    expect(f[0].message).toContain('v1.15.1');
    expect(f[0].fix).toMatch(/Envoy Gateway/);
    expect(f[0].fix).toMatch(/NGINX Gateway Fabric/);
    expect(f[0].fix).toMatch(/Kong/);
  });

  test('fails when the target is 1.18 (the controller needs EndpointSlice v1)', () => {
    const f = ingressNginxFindings(plan({ kubernetesVersion: '1.18' }));
    expect(f.map((x) => x.code)).toEqual(['ingress-nginx-retired', 'ingress-controller-kubernetes-too-old']);
    expect(f[1].fix).toMatch(/DualStackService/);
  });
});
