import { Testing } from 'cdk8s';
import { CalicoCni, CalicoMode, Cni } from '../../lib/cni';
import { calicoUpstream } from '../../lib/upstream/calico';
import { fieldReportPlan } from './helpers';

const kinds = (objs: readonly { kind: string }[]) => [...new Set(objs.map((o) => o.kind))];

describe('CalicoCni parts (CRDs, install, custom resources apart, for a file each)', () => {
  test('operator mode: 32 CRDs, the install, and the Installation as the only custom resource', () => {
    const chart = Testing.chart();
    const calico = new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico() });
    expect(calico.crds).toHaveLength(32);
    expect(kinds(calico.crds.map((a) => ({ kind: a.kind })))).toEqual(['CustomResourceDefinition']);
    expect(kinds(calico.install.map((a) => ({ kind: a.kind })))).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'RoleBinding', 'Deployment']);
    expect(calico.customResources).toEqual([calico.installation]);
    expect([...calico.crds, ...calico.install, ...calico.customResources]).toEqual(calico.objects);
    expect(calico.parts.crds).toBe(calicoUpstream().operatorCrds);
  });

  test('manifest mode: 23 CRDs, the install, no custom resources', () => {
    const chart = Testing.chart();
    const calico = new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico({ mode: CalicoMode.MANIFEST }) });
    expect(calico.crds).toHaveLength(23);
    expect(calico.customResources).toEqual([]);
    expect(calico.install).toContain(calico.daemonSet);
    expect([...calico.crds, ...calico.install]).toEqual(calico.objects);
  });

  test('the shared CRDs synthesize unchanged and stay frozen (cdk8s reads, never writes them)', () => {
    const chart = Testing.chart();
    new CalicoCni(chart, 'Calico', { network: fieldReportPlan(), cni: Cni.calico() });
    const out = Testing.synth(chart);
    const installations = out.find((o) => o.metadata.name === 'installations.operator.tigera.io');
    const upstream = calicoUpstream().operatorCrds.find((c) => c.metadata.name === 'installations.operator.tigera.io');
    expect(installations).toEqual(JSON.parse(JSON.stringify(upstream)));
    expect(Object.isFrozen(upstream)).toBe(true);
  });
});
