import type { Construct } from 'constructs';
import { flannelFindings } from './rules';
import type { Finding } from '../../plan/findings';
import type { ClusterNetwork } from '../../plan/network';
import type { CniContext, ICni, ICniConstruct } from '../choice';
import { CniKind } from '../cni';
import type { FlannelOptions } from '../options';

/** `Cni.flannel({...})`: the options as given. */
export interface IFlannelCni extends ICni {
  /** The options as given. */
  readonly flannelOptions: FlannelOptions;
}

/** @internal flannel as a CNI choice; built by `Cni.flannel` only. */
export class FlannelChoice implements IFlannelCni {
  public readonly kind: string = CniKind.FLANNEL;
  public readonly replacesKubeProxy = false;
  public get options(): object {
    return this.flannelOptions;
  }

  public readonly flannelOptions: FlannelOptions;

  constructor(options: FlannelOptions) {
    this.flannelOptions = { ...options };
  }

  public findings(plan: ClusterNetwork, _context: CniContext): Finding[] {
    return flannelFindings(plan, this.flannelOptions);
  }

  public bind(scope: Construct, plan: ClusterNetwork, _context: CniContext): ICniConstruct {
    // Loaded here, not at the top: the choice's findings stay free of cdk8s.
    const { FlannelCni } = require('../construct') as typeof import('../construct');
    return new FlannelCni(scope, 'Flannel', { network: plan, cni: this });
  }
}
