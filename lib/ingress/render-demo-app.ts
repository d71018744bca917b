/**
 * The field report's test application `common-nginx` (§6/§7: Deployment, Service port 80, Ingress
 * for host common-nginx.test.com), made dual-stack and restricted: an unprivileged nginx on 8080 that
 * listens on every family of the plan, a Service with the plan's families, and an Ingress (version
 * of the target) and/or an HTTPRoute. The verification Job curls it through each family.
 */
import { formatHostPort } from '../net/host-port';
import type { ClusterNetwork } from '../plan/network';
import { IpFamily } from '../plan/spec';
import { KubeObject } from '../k8s/objects';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, seccompFor } from '../k8s/security';
import { MANAGED_BY, requests, wildcardAddress } from './common';
import { renderHttpRoute } from './render-gateway';
import { renderDualStackIngress } from './render-ingress';
import { renderDualStackService, ServiceFamilyOptions } from './service-families';
import { NGINX_UNPRIVILEGED_IMAGE } from './versions';

/** Where the demo app is published. */
export interface DemoAppGatewayRef {
  readonly name: string;
  /** @default - the app's namespace */
  readonly namespace?: string;
}

export interface CommonNginxOptions extends ServiceFamilyOptions {
  /** @default "common-nginx" */
  readonly name?: string;
  /** @default "default" */
  readonly namespace?: string;
  /** @default 3 (field report) */
  readonly replicas?: number;
  /** @default "common-nginx.test.com" */
  readonly host?: string;
  /**
   * The IngressClass of the Ingress; `false` renders no Ingress.
   * @default "nginx"
   */
  readonly ingressClassName?: string | false;
  /**
   * Publish through this Gateway with an HTTPRoute as well.
   * @default - no HTTPRoute
   */
  readonly gateway?: DemoAppGatewayRef;
  /** @default NGINX_UNPRIVILEGED_IMAGE */
  readonly image?: string;
}

export const COMMON_NGINX_DEFAULTS = {
  name: 'common-nginx',
  namespace: 'default',
  replicas: 3,
  host: 'common-nginx.test.com',
  ingressClassName: 'nginx',
  containerPort: 8080,
  servicePort: 80,
  /** uid/gid of `nginx` in the unprivileged image. */
  uid: 101,
} as const;

/** The server block: one `listen` per family of the plan (host:port text from formatHostPort), and /healthz. */
export function commonNginxConf(plan: ClusterNetwork, port: number = COMMON_NGINX_DEFAULTS.containerPort): string {
  const families = plan.families.length > 0 ? plan.families : [IpFamily.IPV4];
  return [
    'server {',
    ...families.map((f) => `    listen ${formatHostPort(wildcardAddress(f), port)};`),
    '    server_name _;',
    '    location = /healthz {',
    '        access_log off;',
    '        return 200 "ok\\n";',
    '    }',
    '    location / {',
    '        root /usr/share/nginx/html;',
    '        index index.html;',
    '    }',
    '}',
    '',
  ].join('\n');
}

export interface CommonNginxObjects {
  readonly configMap: KubeObject;
  readonly deployment: KubeObject;
  readonly service: KubeObject;
  readonly ingress?: KubeObject;
  readonly httpRoute?: KubeObject;
}

export function renderCommonNginx(plan: ClusterNetwork, options: CommonNginxOptions = {}): CommonNginxObjects {
  const d = COMMON_NGINX_DEFAULTS;
  const name = options.name ?? d.name;
  const ns = options.namespace ?? d.namespace;
  const host = options.host ?? d.host;
  const labels = { app: name, ...MANAGED_BY };
  const seccomp = seccompFor(plan.version);
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-conf`, namespace: ns, labels }, data: { 'default.conf': commonNginxConf(plan) } };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: options.replicas ?? d.replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: seccomp.field ? { labels } : { labels, annotations: seccomp.annotations },
        spec: {
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext({ runAsUser: d.uid, runAsGroup: d.uid, seccompProfile: seccomp.field }),
          containers: [
            {
              name: 'nginx',
              image: options.image ?? NGINX_UNPRIVILEGED_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: d.containerPort, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
              // Our own workload: limits as well as requests (the same as the smoke test's web server).
              resources: { ...requests('10m', '16Mi'), limits: { cpu: '100m', memory: '64Mi' } },
              securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true, seccompProfile: seccomp.field }),
              // Our server block replaces the image's default.conf (whose IPv6 `listen` an entrypoint
              // script adds only when it may rewrite the file); nginx writes pid and temp files to /tmp.
              volumeMounts: [
                { name: 'conf', mountPath: '/etc/nginx/conf.d', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'conf', configMap: { name: `${name}-conf` } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
  const service = renderDualStackService(plan, {
    name,
    namespace: ns,
    labels: { app: name },
    selector: { app: name },
    ipFamilyPolicy: options.ipFamilyPolicy,
    ipFamily: options.ipFamily,
    ports: [{ name: 'http', port: d.servicePort, targetPort: 'http' }],
  });
  const className = options.ingressClassName === undefined ? d.ingressClassName : options.ingressClassName;
  const ingress = className === false ? undefined : renderDualStackIngress(plan, { name, namespace: ns, host, serviceName: name, servicePort: d.servicePort, ingressClassName: className, labels: { app: name } });
  const httpRoute = options.gateway
    ? renderHttpRoute({ name, namespace: ns, hostnames: [host], serviceName: name, servicePort: d.servicePort, gatewayName: options.gateway.name, gatewayNamespace: options.gateway.namespace })
    : undefined;
  return { configMap, deployment, service, ingress, httpRoute };
}

export function commonNginxObjectList(o: CommonNginxObjects): KubeObject[] {
  return [o.configMap, o.deployment, o.service, ...(o.ingress ? [o.ingress] : []), ...(o.httpRoute ? [o.httpRoute] : [])];
}
