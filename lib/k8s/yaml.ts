/**
 * The one `yaml` module the package uses: the copy cdk8s bundles.
 *
 * cdk8s ships `yaml` inside its own tarball (`bundleDependencies` in cdk8s's package.json, 2.9.1 in
 * cdk8s 2.70.106), so depending on `yaml` ourselves would install a second copy next to it. cdk8s is
 * a required peer, so its copy is always there. Only the file is resolved here, never cdk8s itself:
 * the CLI's `plan` and `validate` still load no cdk8s code. If a cdk8s release stops bundling
 * `yaml`, resolution from cdk8s's folder walks up to the hoisted copy npm then installs for it.
 * `yaml` in devDependencies (same version) provides the types and the tests' direct imports.
 */
import { dirname } from 'path';
import type * as YamlModule from 'yaml';

let loaded: typeof YamlModule | undefined;

/** The `yaml` module (loaded on first use). */
export function yaml(): typeof YamlModule {
  if (loaded === undefined) {
    const cdk8sDir = dirname(require.resolve('cdk8s'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(require.resolve('yaml', { paths: [cdk8sDir] })) as typeof YamlModule;
  }
  return loaded;
}

/** `yaml`'s `stringify`, from cdk8s's copy. */
export function stringify(value: unknown, options?: YamlModule.ToStringOptions): string {
  return yaml().stringify(value, options);
}

/** `yaml`'s `parseAllDocuments`, from cdk8s's copy. */
export function parseAllDocuments(...args: Parameters<typeof YamlModule.parseAllDocuments>): ReturnType<typeof YamlModule.parseAllDocuments> {
  return yaml().parseAllDocuments(...args);
}
