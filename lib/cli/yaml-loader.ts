/**
 * The one YAML / JSON loader of the CLI, with its limits set. Every problem comes back as a
 * finding with file, line and column — never as an exception of the `yaml` library:
 * - nesting deeper than `maxDepth` is refused on the CST, before the (recursive) composer runs:
 *   `yaml` composes a 1,000-deep list by recursion and runs out of stack;
 * - aliases: an undefined alias, and more alias expansions than `maxAliasCount` (the "billion
 *   laughs" bomb; `yaml`'s own guard throws a ReferenceError from `toJS`);
 * - duplicate keys are an error in YAML and in JSON alike (`JSON.parse` lets the last one win
 *   silently; JSON goes through this loader too: YAML 1.2 reads JSON);
 * - a `.json` file must also be strict JSON.
 * `yaml` is loaded on first use only, so nothing here costs start-up time for commands without input.
 */
import type * as YamlModule from 'yaml';
import { yaml as cdk8sYaml } from '../k8s/yaml';
import { quote } from '../net/errors';
import { Finding, finding } from '../plan/findings';

/** A loader finding: where in which file. */
export interface LoaderFinding extends Finding {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

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

/** The limits of `loadYaml`. */
export interface YamlLimits {
  /**
   * Most alias expansions per document (`yaml`'s `maxAliasCount`).
   * @default 100
   */
  readonly maxAliasCount?: number;
  /**
   * Deepest nesting of mappings and lists. Kubernetes documents (CRD schemas included) stay far
   * below; `yaml` overflows the stack near 1,000.
   * @default 200
   */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_DEPTH = 200;

/** What `loadYaml` read: the documents, or (when `findings` is not empty) nothing usable. */
export interface YamlLoad {
  readonly documents: readonly LoadedDocument[];
  /** Errors; when there is one, `documents` is empty (bad input never half-loads). */
  readonly findings: readonly LoaderFinding[];
}

/** cdk8s's bundled copy, loaded on first use (lib/k8s/yaml.ts: the package ships no yaml of its own). */
function yaml(): typeof YamlModule {
  return cdk8sYaml();
}

/** The first line of a library message, without `yaml`'s own " at line L, column C" suffix. */
function firstLine(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Parse every document of a YAML (or JSON) text with the limits. Empty documents are skipped. Never throws. */
export function loadYaml(text: string, file: string, limits: YamlLimits = {}): YamlLoad {
  const Y = yaml();
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxAliasCount = limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const lines = new Y.LineCounter();
  const at = (offset: number, code: string, message: string, fix: string): YamlLoad => {
    const pos = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    const line = pos.line || 1;
    const column = pos.col || 1;
    const f = finding.error(code, `${file}:${line}:${column}`, message, fix);
    return { documents: [], findings: [{ ...f, file, line, column }] };
  };
  try {
    // The CST parser is a state machine (no recursion): measure the nesting on it first.
    const tokens = [...new Y.Parser(lines.addNewLine).parse(text)];
    const deep = deepestOffset(tokens, maxDepth);
    if (deep !== undefined) {
      return at(deep, 'yaml-depth-limit', `nesting deeper than ${maxDepth} levels`, 'flatten the document; no Kubernetes or k8s-dualstack input nests this deep');
    }
    const composer = new Y.Composer({ uniqueKeys: true, prettyErrors: false });
    const docs = [...composer.compose(tokens, true, text.length)];
    const out: LoadedDocument[] = [];
    for (let index = 0; index < docs.length; index++) {
      const doc = docs[index];
      const e = doc.errors[0];
      if (e) {
        if (e.code === 'DUPLICATE_KEY') return at(e.pos[0], 'yaml-duplicate-key', `${firstLine(e.message)} (document ${index})`, 'keep one of the two entries: the file means one of them, and which one wins differs between tools');
        if (e.code === 'RESOURCE_EXHAUSTION') return at(e.pos[0], 'yaml-depth-limit', `${firstLine(e.message)} (document ${index})`, 'flatten the document');
        return at(e.pos[0], 'yaml-syntax', `not valid YAML (document ${index}): ${firstLine(e.message)}`, 'fix the syntax at this position');
      }
      if (doc.contents === null) continue;
      const aliases: YamlModule.Alias[] = [];
      Y.visit(doc, { Alias: (_k, node) => void aliases.push(node) });
      for (const a of aliases) {
        if (a.resolve(doc) === undefined) {
          return at(a.range?.[0] ?? 0, 'yaml-alias-undefined', `the alias ${quote(`*${a.source}`)} names no anchor defined before it (document ${index})`, `define &${a.source} before using *${a.source}, or write the value`);
        }
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (/alias/i.test(msg)) {
          return at(aliases[0]?.range?.[0] ?? 0, 'yaml-alias-limit', `the aliases expand to more than ${maxAliasCount} copies (document ${index}); this is how an "alias bomb" exhausts memory`, 'write the values out, or use fewer aliases');
        }
        return at(doc.range?.[0] ?? 0, 'yaml-invalid', `cannot read document ${index}: ${firstLine(msg)}`, 'fix the document');
      }
      out.push({
        index,
        value,
        numberSource: (path) => {
          const node = doc.getIn(path, true);
          return Y.isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' ? node.source : undefined;
        },
      });
    }
    if (file.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (err) {
        const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
        return at(m ? Number(m[1]) : 0, 'json-syntax', `not valid JSON: ${firstLine(err instanceof Error ? err.message : String(err))}`, 'fix the JSON, or name the file .yaml');
      }
    }
    return { documents: out, findings: [] };
  } catch (err) {
    // A limit the checks above missed (the library's stack, its memory): still one finding.
    return at(0, 'yaml-invalid', `cannot read the file: ${firstLine(err instanceof Error ? err.message : String(err))}`, 'simplify the file');
  }
}

type CstToken = YamlModule.CST.Token;

/** Offset of the first collection nested deeper than `limit`, walking the CST without recursion. */
function deepestOffset(tokens: readonly CstToken[], limit: number): number | undefined {
  const stack: Array<[CstToken, number]> = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!;
    switch (t.type) {
      case 'document':
        if (t.value) stack.push([t.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const d = depth + 1;
        if (d > limit) return t.offset;
        for (const item of t.items as ReadonlyArray<{ key?: CstToken | null; value?: CstToken | null }>) {
          if (item.key) stack.push([item.key, d]);
          if (item.value) stack.push([item.value, d]);
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
