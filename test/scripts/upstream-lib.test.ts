/**
 * The derivation/check framework (scripts/upstream/lib), offline: the artifacts are not read here
 * (npm test never reads ../shared); the committed derived data stands in for them where needed.
 */
import { compareInstall } from '../../scripts/upstream/lib/compare';
import { discoverComponents } from '../../scripts/upstream/lib/component';
import { compareCrds } from '../../scripts/upstream/lib/crd';
import { applyWaivers, Waiver } from '../../scripts/upstream/lib/difference';
import { diffValues } from '../../scripts/upstream/lib/diff';
import { editsDocMismatches, readEditRows } from '../../scripts/upstream/lib/edits-doc';
import { compareRules, covers, expandRules } from '../../scripts/upstream/lib/rbac';
import { stableJson } from '../../scripts/upstream/lib/artifact';
import { CALICO_WAIVERS } from '../../scripts/upstream/edits/calico';
import { renderOperatorParts } from '../../lib/cni/calico';
import { calicoUpstream } from '../../lib/upstream/calico';
import { fieldReportPlan } from '../cni/helpers';

describe('RBAC triples', () => {
  test('a rule expands to one triple per group, resource, verb and name', () => {
    expect(expandRules([{ apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['get', 'list'], resourceNames: ['a'] }]).map((t) => `${t.apiGroup}/${t.resource}/${t.verb}@${t.resourceName}`)).toEqual([
      'apps/pods/get@a',
      'apps/pods/list@a',
      '/pods/get@a',
      '/pods/list@a',
    ]);
  });

  test.each([
    [{ apiGroup: '*', resource: '*', verb: '*', resourceName: '' }, true],
    [{ apiGroup: '', resource: 'pods', verb: 'get', resourceName: '' }, true],
    [{ apiGroup: '', resource: 'pods', verb: 'get', resourceName: 'other' }, false],
    [{ apiGroup: '', resource: 'pods', verb: 'list', resourceName: '' }, false],
  ])('covers(%o, pods get @x) is %s', (grant, expected) => {
    expect(covers(grant, { apiGroup: '', resource: 'pods', verb: 'get', resourceName: 'x' })).toBe(expected);
  });

  test('fails when ours lacks a triple upstream grants, and when ours grants more', () => {
    const up = [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'delete'] }];
    expect(compareRules('ClusterRole/x', up, up)).toEqual([]);
    expect(compareRules('ClusterRole/x', up, [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update'] }]).map((d) => d.path)).toEqual(['rules[core/secrets/delete]']);
    expect(compareRules('ClusterRole/x', up, [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]).map((d) => d.message)).toEqual(['ours grants more than upstream']);
  });
});

describe('field-by-field diff', () => {
  test('named arrays compare by name, whatever the order; scalar arrays as a whole', () => {
    const up = { containers: [{ name: 'a', args: ['-x'] }, { name: 'b', env: [{ name: 'E', value: '1' }, { name: 'F', value: '2' }] }] };
    const ours = { containers: [{ name: 'b', env: [{ name: 'F', value: '2' }, { name: 'E', value: '3' }] }, { name: 'a', args: ['-y'] }] };
    expect(diffValues(up, ours).map((d) => d.path)).toEqual(['containers[a].args', 'containers[b].env[E].value']);
  });

  test('ours may add labels and annotations, never drop or change upstream\'s; an empty list equals none', () => {
    const up = { metadata: { labels: { a: '1' } }, imagePullSecrets: [] };
    expect(diffValues(up, { metadata: { labels: { a: '1', b: '2' }, annotations: { x: 'y' } } })).toEqual([]);
    expect(diffValues(up, { metadata: { labels: { a: '2' } } }).map((d) => d.path)).toEqual(['metadata.labels.a']);
    expect(diffValues({ spec: { x: 1 } }, { spec: { x: 1, y: 2 } }).map((d) => d.path)).toEqual(['spec.y']);
  });

  test('volumeMounts compare by mount path', () => {
    const up = { volumeMounts: [{ name: 'v', mountPath: '/a' }, { name: 'v', mountPath: '/b', readOnly: true }] };
    const ours = { volumeMounts: [{ name: 'v', mountPath: '/b' }, { name: 'v', mountPath: '/a' }] };
    expect(diffValues(up, ours).map((d) => d.path)).toEqual(['volumeMounts[/b].readOnly']);
  });
});

describe('CRDs and installs', () => {
  const crd = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name }, spec: { group: 'g', scope: 'Cluster', ...extra } });

  test('fails when a CRD is missing, extra, or its schema differs', () => {
    const d = compareCrds([crd('a.g'), crd('b.g', { x: 1 })], [crd('b.g', { x: 2 }), crd('c.g')]);
    expect(d.map((x) => `${x.object} ${x.path}`)).toEqual(['CustomResourceDefinition/a.g ', 'CustomResourceDefinition/b.g spec.x', 'CustomResourceDefinition/c.g ']);
  });

  test('the rendered operator install equals the release apart from the listed edits; dropping the secrets RoleBinding is reported', () => {
    const up = calicoUpstream().tigeraOperator;
    const parts = renderOperatorParts(fieldReportPlan());
    const full = compareInstall(up, parts.install);
    const paths = full.differences.map((d) => `operator:${d.object} ${d.path}`);
    expect(applyWaivers(full.differences.map((d) => ({ ...d, object: `operator:${d.object}` })), CALICO_WAIVERS).unexplained).toEqual([]);
    expect(paths.every((p) => p.startsWith('operator:Deployment/tigera-operator/tigera-operator'))).toBe(true);
    const broken = compareInstall(up, parts.install.filter((o) => o.kind !== 'RoleBinding'));
    expect(broken.differences.map((d) => `${d.object}: ${d.message}`)).toContain('RoleBinding/tigera-operator/tigera-operator-secrets: upstream has this object, ours does not');
  });
});

describe('waivers and the edits doc', () => {
  const w: Waiver = { object: 'manifest:DaemonSet/kube-system/calico-node', path: 'spec.x.env[CALICO_IPV*POOL_*]**', upstream: '', ours: '', reason: 'r' };

  test('globs: * within a segment, ** across', () => {
    const d = (path: string) => ({ object: w.object, path, message: '' });
    const r = applyWaivers([d('spec.x.env[CALICO_IPV4POOL_CIDR]'), d('spec.x.env[CALICO_IPV6POOL_VXLAN].value'), d('spec.x.env[IP6]')], [w]);
    expect(r.waived.map((x) => x.difference.path)).toEqual(['spec.x.env[CALICO_IPV4POOL_CIDR]', 'spec.x.env[CALICO_IPV6POOL_VXLAN].value']);
    expect(r.unexplained.map((x) => x.path)).toEqual(['spec.x.env[IP6]']);
  });

  test('every Calico waiver is a row of docs/upstream-edits.md and every Calico row a waiver', () => {
    expect(editsDocMismatches('calico', CALICO_WAIVERS, readEditRows())).toEqual([]);
    expect(editsDocMismatches('calico', [...CALICO_WAIVERS, w], readEditRows())).toHaveLength(1);
  });

  test('the entries find the calico component in scripts/upstream/components', () => {
    const calico = discoverComponents().find((c) => c.name === 'calico');
    expect(calico).toBeDefined();
    expect(calico!.waivers).toBe(CALICO_WAIVERS);
    expect(calico!.defaultArtifact).toBe('calico/v3.32.1');
  });

  test('derived JSON is stable: keys sorted at every depth, arrays kept in order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: 0 } })).toBe('{\n  "a": {\n    "c": 0,\n    "d": [\n      2,\n      1\n    ]\n  },\n  "b": 1\n}\n');
  });
});
