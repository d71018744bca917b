/**
 * Stringify each repeated object's YAML once per process.
 *
 * Several ready stacks carry the same static objects (the tigera-operator and Calico CRDs, most of
 * the output bytes), and YAML stringify is about half of a synth. cdk8s writes each chart with
 * `Yaml.save` → `Yaml.stringify(...docs)`, which stringifies every document on its own and joins
 * them with `---\n` (cdk8s `src/yaml.ts`). `cacheRepeatedYaml()` wraps that static method: a document
 * whose content was stringified before gets the same text back instead of being stringified again.
 *
 * Byte-identical by construction: a document's text is what the original `Yaml.stringify(doc)`
 * returned for a document with the same content, and the files are joined exactly as cdk8s joins
 * them. The content key is `JSON.stringify` with every value JSON would blur tagged (undefined,
 * which cdk8s writes as `null`; -0; non-finite numbers); a document holding anything but plain
 * objects, arrays, strings, numbers, booleans and null (a Date, a Map, a bigint …) is never cached.
 * The chart model is untouched: `chart.toJson()` (what the Pulumi adapter and the gate read) and
 * the ApiObjects are the same as without it.
 */
import { Yaml } from 'cdk8s';

const UNCACHEABLE = new Error('uncacheable');

function tag(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return '\u0000undefined';
    case 'number':
      if (Object.is(raw, -0)) return '\u0000-0';
      return Number.isFinite(raw) ? value : `\u0000${String(raw)}`;
    case 'object':
      if (raw === null || Array.isArray(raw)) return value;
      if (Object.getPrototypeOf(raw) === Object.prototype || Object.getPrototypeOf(raw) === null) return value;
      throw UNCACHEABLE;
    default:
      throw UNCACHEABLE;
  }
}

/** The content key of a document, or undefined when it must not be cached. */
export function yamlCacheKey(doc: unknown): string | undefined {
  try {
    return JSON.stringify({ doc }, tag);
  } catch (e) {
    if (e === UNCACHEABLE) return undefined;
    throw e;
  }
}

let installed = false;
let texts = new Map<string, string>();

/**
 * Make cdk8s's `Yaml.stringify` (and so `App.synth`) stringify each repeated document once per
 * process. Idempotent. The ready stacks' app calls it (stacks/registry.ts); call it in your own app
 * when it synthesizes several stacks that share large objects.
 */
export function cacheRepeatedYaml(): void {
  if (installed) return;
  installed = true;
  const original = Yaml.stringify.bind(Yaml);
  Yaml.stringify = (...docs: unknown[]): string => {
    if (docs.length === 0) return original();
    return docs
      .map((doc) => {
        if (doc === undefined) return original(doc);
        const key = yamlCacheKey(doc);
        if (key === undefined) return original(doc);
        let text = texts.get(key);
        if (text === undefined) {
          text = original(doc);
          texts.set(key, text);
        }
        return text;
      })
      .join('---\n');
  };
}

/** Drop the cached texts (tests; a long-lived process that synthesizes unrelated apps). */
export function clearYamlCache(): void {
  texts = new Map();
}
