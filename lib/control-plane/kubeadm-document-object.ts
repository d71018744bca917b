import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { KubeadmDocument } from './render-kubeadm';

/**
 * A kubeadm configuration document inside a cdk8s chart. kubeadm documents are not Kubernetes API
 * objects: they have `apiVersion` and `kind` but no `metadata`. cdk8s's ApiObject always gives an
 * object a `metadata.name` (it generates one), so this subclass drops `metadata` when it renders:
 * `cdk8s synth` then writes the documents exactly as kubeadm reads them. Keep them in a chart of
 * their own (its file is the `kubeadm --config` file); `kubectl apply` must never see them, and the
 * Pulumi adapter must not register them (see `KubeadmDocumentObject.isKubeadmDocument`).
 */
export class KubeadmDocumentObject extends ApiObject {
  /** True for the documents this class renders (also across copies of the library). */
  public static isKubeadmDocument(x: unknown): x is KubeadmDocumentObject {
    return typeof x === 'object' && x !== null && KUBEADM_DOCUMENT in x;
  }

  constructor(scope: Construct, id: string, document: KubeadmDocument) {
    const { apiVersion, kind, ...rest } = document;
    super(scope, id, { apiVersion, kind, ...rest });
    Object.defineProperty(this, KUBEADM_DOCUMENT, { value: true });
  }

  public toJson(): any {
    const json = super.toJson();
    delete json.metadata;
    return json;
  }
}

const KUBEADM_DOCUMENT = Symbol.for('k8s-dualstack.KubeadmDocument');
