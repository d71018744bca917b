/**
 * Reading YAML / JSON input files. `yaml` is loaded on first use only: a JSON config never pays
 * for it, and nothing here loads cdk8s.
 */
import type * as YamlModule from 'yaml';
import { yaml as loadYaml } from '../k8s/yaml';

/** One document of a (multi-document) YAML file. */
export interface LoadedDocument {
  /** 0-based position in the file. */
  readonly index: number;
  /** The document as plain JavaScript values. */
  readonly value: unknown;
  /**
   * The original text of a plain scalar at `path` when YAML read it as a number: `1.30` becomes
   * the number 1.3, so a version must be read from the source text.
   */
  readonly numberSource: (path: readonly (string | number)[]) => string | undefined;
}

/** A file that could not be parsed at all: the CLI reports it as bad input (exit 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  yamlModule ??= loadYaml();
  return yamlModule;
}

/** Parse every document of a YAML (or JSON, a YAML subset) text. Empty documents are skipped. */
export function loadDocuments(text: string, file: string): LoadedDocument[] {
  const trimmed = text.trimStart();
  if (file.endsWith('.json') || trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      return [{ index: 0, value, numberSource: () => undefined }];
    } catch (e) {
      if (file.endsWith('.json')) throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
      // A YAML flow mapping that is not strict JSON: let the YAML parser have it.
    }
  }
  const Y = yaml();
  const docs = Y.parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: LoadedDocument[] = [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = e.linePos?.[0];
      throw new InputError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML (document ${index}): ${e.message.split('\n')[0]}`);
    }
    if (doc.contents === null) return;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    out.push({
      index,
      value,
      numberSource: (path) => {
        const node = doc.getIn(path, true);
        return Y.isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' ? node.source : undefined;
      },
    });
  });
  return out;
}

/** Whether a value is a plain object (a YAML mapping). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
