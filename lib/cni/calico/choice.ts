import type { Construct } from 'constructs';
import { calicoFindings } from './rules';
import type { Finding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import type { CniContext, ICni, ICniConstruct } from '../choice';
import { calicoOptionsInContext, CniKind } from '../cni';
import type { CalicoOptions } from '../options';

/** `Cni.calico({...})`: the options as given (the plan and the context resolve the rest). */
export interface ICalicoCni extends ICni {
  /** The options as given. */
  readonly calicoOptions: CalicoOptions;
}

/** @internal Calico as a CNI choice; built by `Cni.calico` only. */
export class CalicoChoice implements ICalicoCni {
  public readonly kind: string = CniKind.CALICO;
  public readonly replacesKubeProxy = false;
  public get options(): object {
    return this.calicoOptions;
  }

  public readonly calicoOptions: CalicoOptions;

  constructor(options: CalicoOptions) {
    this.calicoOptions = { ...options };
  }

  public findings(plan: ClusterNetwork, context: CniContext): Finding[] {
    return calicoFindings(plan, calicoOptionsInContext(this.calicoOptions, context.kubeProxyMode), { kubeProxyMode: context.kubeProxyMode });
  }

  public bind(scope: Construct, plan: ClusterNetwork, context: CniContext): ICniConstruct {
    // Loaded here, not at the top: the choice's findings stay free of cdk8s.
    const { CalicoCni } = require('../construct') as typeof import('../construct');
    return new CalicoCni(scope, 'Calico', { network: plan, cni: this, kubeProxyMode: context.kubeProxyMode });
  }
}
