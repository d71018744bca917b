/** Where the pod template of each workload kind lives, and its containers with their JSON paths. */

export interface PodTemplate {
  /** The pod spec. */
  readonly spec: any;
  /** The pod template metadata (annotations, labels). */
  readonly metadata: any;
  /** JSON path of the pod spec in the object (`.spec.template.spec`). */
  readonly specPath: string;
  readonly metadataPath: string;
}

export interface ContainerAt {
  readonly container: any;
  readonly path: string;
}

const TEMPLATE_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/** The pod template of a workload, or undefined for objects that run no pods. */
export function podTemplateOf(o: any): PodTemplate | undefined {
  if (!o || typeof o !== 'object') return undefined;
  if (o.kind === 'Pod' && o.spec) return { spec: o.spec, metadata: o.metadata ?? {}, specPath: '.spec', metadataPath: '.metadata' };
  if (TEMPLATE_KINDS.has(o.kind) && o.spec?.template?.spec) {
    return { spec: o.spec.template.spec, metadata: o.spec.template.metadata ?? {}, specPath: '.spec.template.spec', metadataPath: '.spec.template.metadata' };
  }
  if (o.kind === 'CronJob' && o.spec?.jobTemplate?.spec?.template?.spec) {
    const t = o.spec.jobTemplate.spec.template;
    return { spec: t.spec, metadata: t.metadata ?? {}, specPath: '.spec.jobTemplate.spec.template.spec', metadataPath: '.spec.jobTemplate.spec.template.metadata' };
  }
  return undefined;
}

/** Init, regular and ephemeral containers, each with its path. */
export function containersOf(pod: PodTemplate): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = pod.spec[field];
    if (Array.isArray(list)) list.forEach((c, i) => out.push({ container: c ?? {}, path: `${pod.specPath}.${field}[${i}]` }));
  }
  return out;
}

/** `.metadata.annotations["k8s-dualstack.io/privilege-reason"]` style path segment. */
export function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}
