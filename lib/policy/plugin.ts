/**
 * The policy as a cdk8s validation plugin. cdk8s-cli (`cdk8s synth`) reads `validations:` from
 * cdk8s.yaml, loads `package` (an npm name, or a local path starting with `./` or absolute),
 * instantiates `class` with `properties`, and calls `validate(context)` with the synthesized
 * manifests (cdk8s-cli lib/plugins/validation.ts, `Validation` / `ValidationContext`). A path is
 * required here because the plugin manager resolves it with `require.resolve`, which a package
 * `exports` map does not cover:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/k8s-dualstack/dist-lib/lib/policy/plugin.js
 *     version: 0.1.0
 *     class: PolicyValidation
 *     properties:
 *       kubernetesVersion: "1.33"
 * ```
 *
 * The cdk8s-cli types are restated structurally below so the package does not depend on the CLI.
 */
import { readFileSync } from 'fs';
import { parseAllDocuments } from '../k8s/yaml';
import { checkPolicy } from './check';
import { PolicyOptions, PolicyViolation } from './types';

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PolicyValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: ReadonlyArray<{ readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

/** Properties of the plugin (cdk8s.yaml `properties:`): the `checkPolicy` options. */
export type PolicyValidationProps = PolicyOptions;

/** A cdk8s validation plugin running `checkPolicy` over every synthesized manifest. */
export class PolicyValidation {
  private readonly options: PolicyOptions;

  constructor(props: PolicyValidationProps = {}) {
    this.options = props;
  }

  public async validate(context: PolicyValidationContext): Promise<void> {
    const objects: unknown[] = [];
    const fileOf = new Map<unknown, string>();
    for (const manifest of context.manifests) {
      for (const doc of parseAllDocuments(readFileSync(manifest, 'utf8'))) {
        const o = doc.toJS();
        if (o === null || o === undefined) continue;
        objects.push(o);
        fileOf.set(o, manifest);
      }
    }
    // One pass over all manifests: a pod's namespace may be created in another file.
    const violations = checkPolicy(objects, this.options);
    const byRule = new Map<string, PolicyViolation[]>();
    for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
    for (const [rule, list] of byRule) {
      context.report.addViolation({
        ruleName: `${rule} (mirrors ${list[0].mirrors.map((x) => `${x.tool}:${x.check}`).join(', ')})`,
        recommendation: [...new Set(list.map((v) => v.message))].join('; '),
        fix: [...new Set(list.map((v) => v.fix))].join('; '),
        violatingResources: list.map((v) => ({
          resourceName: `${v.resource.kind}/${v.resource.namespace ? `${v.resource.namespace}/` : ''}${v.resource.name}`,
          locations: [v.path],
          manifestPath: fileOf.get(objects.find((o: any) => o?.kind === v.resource.kind && o?.metadata?.name === v.resource.name && (o?.metadata?.namespace ?? undefined) === v.resource.namespace)) ?? '',
        })),
      });
    }
    context.report.submit(violations.length === 0 ? 'success' : 'failure', { violations: String(violations.length) });
  }
}
