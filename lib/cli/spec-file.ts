import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';
import { CLUSTER_NETWORK_SPEC_FIELDS, ClusterNetworkSpec } from '../plan/spec';
import { InputError, isObject, loadDocuments } from './documents';

/**
 * The fields of `ClusterNetworkSpec` (lib/plan/spec.ts). A key outside this list is most often a
 * typo (`podCIDRs`, `serviceCIDR`) that would otherwise surface as a confusing "is required".
 */
export const SPEC_FIELDS: readonly string[] = CLUSTER_NETWORK_SPEC_FIELDS;

/** Command-line values that replace the file's. */
export interface SpecOverrides {
  /** @default - the spec file's value */
  readonly podCidrs?: readonly string[];
  /** @default - the spec file's value */
  readonly serviceCidrs?: readonly string[];
  /** @default - the spec file's value */
  readonly kubernetesVersion?: string;
  /** @default - the spec file's value */
  readonly nodeMaskIPv4?: number;
  /** @default - the spec file's value */
  readonly nodeMaskIPv6?: number;
}

/** A spec read from a file, with what the loader itself noticed. */
export interface LoadedSpec {
  readonly spec: ClusterNetworkSpec;
  /** Loader findings (unknown keys, a version YAML read as a number); the plan adds its own. */
  readonly findings: readonly Finding[];
  /**
   * The file's `choices:` section as written (cni, kubeProxy, ingress, hostPrep, smokeTest …; see
   * `choicesFromConfig`), or undefined when the file has none.
   */
  readonly choices?: unknown;
}

/** The key of the cluster choices beside the spec's fields. */
export const CHOICES_KEY = 'choices';

/**
 * Read a `ClusterNetworkSpec` from YAML or JSON text and apply the overrides.
 * @throws InputError when the text is not one YAML/JSON mapping
 */
export function loadSpec(text: string | undefined, file: string | undefined, overrides: SpecOverrides): LoadedSpec {
  const findings: Finding[] = [];
  let raw: Record<string, unknown> = {};
  let choices: unknown;
  if (text !== undefined) {
    const docs = loadDocuments(text, file ?? '<config>');
    if (docs.length !== 1 || !isObject(docs[0].value)) {
      throw new InputError(`${file}: expected one YAML/JSON mapping with podCidrs, serviceCidrs…, found ${docs.length === 1 ? quote(typeof docs[0].value) : `${docs.length} documents`}`);
    }
    raw = { ...docs[0].value };
    const versionSource = docs[0].numberSource(['kubernetesVersion']);
    if (versionSource !== undefined) {
      // YAML reads `1.30` as the number 1.3: keep the digits as written, and say so.
      raw.kubernetesVersion = versionSource;
      findings.push(
        finding.warning(
          'yaml-version-number',
          'kubernetesVersion',
          `${versionSource} is a YAML number (trailing zeros are lost: 1.30 reads as 1.3); read as ${quote(versionSource)}`,
          `quote it: kubernetesVersion: "${versionSource}"`,
        ),
      );
    }
    if (Object.prototype.hasOwnProperty.call(raw, CHOICES_KEY)) {
      choices = raw[CHOICES_KEY];
      delete raw[CHOICES_KEY];
    }
    for (const key of Object.keys(raw)) {
      if (!SPEC_FIELDS.includes(key)) {
        const near = SPEC_FIELDS.find((k) => k.toLowerCase() === key.toLowerCase() || k.toLowerCase() === `${key.toLowerCase()}s`);
        findings.push(
          finding.warning('spec-unknown-field', key, `${quote(key)} is not a ClusterNetworkSpec field and is ignored`, near ? `write ${quote(near)}` : `use one of ${SPEC_FIELDS.join(', ')}`),
        );
      }
    }
  }
  if (overrides.podCidrs) raw.podCidrs = [...overrides.podCidrs];
  if (overrides.serviceCidrs) raw.serviceCidrs = [...overrides.serviceCidrs];
  if (overrides.kubernetesVersion !== undefined) raw.kubernetesVersion = overrides.kubernetesVersion;
  if (overrides.nodeMaskIPv4 !== undefined) raw.nodeMaskIPv4 = overrides.nodeMaskIPv4;
  if (overrides.nodeMaskIPv6 !== undefined) raw.nodeMaskIPv6 = overrides.nodeMaskIPv6;
  return { spec: raw as unknown as ClusterNetworkSpec, findings, ...(choices !== undefined ? { choices } : {}) };
}
