import { commonNginxConf, commonNginxObjectList, renderCommonNginx } from '../../lib/ingress/render-demo-app';
import { checkRestricted, IPV6_ONLY, plan, validateAll } from './helpers';

describe('common-nginx (field report §6/§7)', () => {
  test('1.33: Deployment, ConfigMap, dual-stack Service, Ingress v1 — all valid and restricted', () => {
    const o = renderCommonNginx(plan(), { gateway: { name: 'dual-stack' } });
    const all = commonNginxObjectList(o);
    expect(all.map((x) => `${x.apiVersion}/${x.kind}`)).toEqual(['v1/ConfigMap', 'apps/v1/Deployment', 'v1/Service', 'networking.k8s.io/v1/Ingress', 'gateway.networking.k8s.io/v1/HTTPRoute']);
    expect(validateAll(all)).toBe(5);
    checkRestricted(all);
    expect((o.service as any).spec).toMatchObject({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: [{ port: 80, targetPort: 'http' }] });
    expect((o.ingress as any).spec.rules[0].host).toBe('common-nginx.test.com');
    expect((o.deployment as any).spec.template.spec.containers[0].image).toMatch(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-alpine$/);
  });

  test('1.18: singular ipFamily and Ingress v1beta1, the versions of the field report', () => {
    const o = renderCommonNginx(plan({ kubernetesVersion: '1.18' }));
    expect((o.service as any).spec.ipFamily).toBe('IPv4');
    expect((o.service as any).spec.ipFamilies).toBeUndefined();
    expect(o.ingress!.apiVersion).toBe('networking.k8s.io/v1beta1');
    expect((o.ingress as any).spec.rules[0].http.paths[0].backend).toEqual({ serviceName: 'common-nginx', servicePort: 80 });
    validateAll(commonNginxObjectList(o));
  });

  test('nginx listens on every family of the plan', () => {
    expect(commonNginxConf(plan())).toContain('    listen 0.0.0.0:8080;\n    listen [::]:8080;\n');
    expect(commonNginxConf(plan(IPV6_ONLY))).toContain('    listen [::]:8080;\n    server_name');
    expect(commonNginxConf(plan(IPV6_ONLY))).not.toContain('0.0.0.0');
  });

  test('no Ingress when ingressClassName is false', () => {
    expect(renderCommonNginx(plan(), { ingressClassName: false }).ingress).toBeUndefined();
  });
});
