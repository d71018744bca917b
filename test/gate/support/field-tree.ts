/**
 * Unknown-field detection for built-in kinds, from the same OpenAPI definitions kubernetes-models
 * was generated from (any release folder: 4.5.1 for Kubernetes 1.33.0, 5.1.0 for 1.36.0). kubernetes-models' compiled ajv validators accept any extra property (its
 * generator keeps `additionalProperties` open), and the package ships no raw JSON schemas — only
 * the compiled validators and the TypeScript declarations generated from the OpenAPI definitions.
 * So the field tree is read from those declarations with the TypeScript type checker: one
 * Program over the `.d.ts` of every kind we meet, built once per test process and cached.
 *
 * Open spots (reported as "free" nodes, i.e. not descended into):
 * - string maps (`labels`, `data`, `matchLabels` …) have free keys but typed values (values walked);
 * - empty interfaces are free-form in OpenAPI (`JSON`, `RawExtension`), except the apiextensions
 *   `JSONSchemaPropsOr{Bool,Array,StringArray}` wrappers, which we map back to what the OpenAPI
 *   definition says they hold (a schema, a boolean, an array) so CRD schemas are walked to the leaves.
 */
import { existsSync } from 'fs';
import { dirname, join } from 'path';
import * as ts from 'typescript';

export type FieldNode =
  | { readonly t: 'leaf' }
  | { readonly t: 'free' }
  | { readonly t: 'object'; readonly props: Map<string, FieldNode> }
  | { readonly t: 'map'; readonly value: FieldNode }
  | { readonly t: 'array'; readonly item: FieldNode }
  /** Several shapes (e.g. JSONSchemaPropsOrArray: a schema or an array of schemas); matched by value shape. */
  | { readonly t: 'either'; readonly object?: FieldNode; readonly array?: FieldNode };

/** kubernetes-models 4.5.1 (Kubernetes 1.33.0), the default models folder. */
export const MODELS_DIR = dirname(require.resolve('kubernetes-models/package.json'));

/**
 * `apps/v1` + `Deployment` → the declaration file in a kubernetes-models folder (4.x and 5.x share
 * the `<group>/<version>/<Kind>.d.ts` layout), or undefined when that release has no such kind.
 */
export function declarationFile(apiVersion: string, kind: string, modelsDir: string = MODELS_DIR): string | undefined {
  const file = join(modelsDir, ...apiVersion.split('/'), `${kind}.d.ts`);
  return existsSync(file) ? file : undefined;
}

export interface UnknownField {
  readonly path: string;
}

/** Builds (once) and answers field trees for kinds; add every kind first, then ask. */
export class FieldTrees {
  private readonly trees = new Map<string, FieldNode>();

  /** @param modelsDir a kubernetes-models package folder (default: 4.5.1). */
  constructor(kinds: ReadonlyArray<{ apiVersion: string; kind: string }>, modelsDir: string = MODELS_DIR) {
    const files = new Map<string, { apiVersion: string; kind: string }>();
    for (const k of kinds) {
      const f = declarationFile(k.apiVersion, k.kind, modelsDir);
      if (f) files.set(f, k);
    }
    // Node10 resolution reads both releases: 5.x imports `./ServiceSpec.js` (mapped to the .d.ts)
    // and its own nested @kubernetes-models/* (found by walking up from the importing file).
    const program = ts.createProgram([...files.keys()], {
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2020.d.ts'],
      target: ts.ScriptTarget.ES2020,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    });
    const checker = program.getTypeChecker();
    const memo = new Map<ts.Type, FieldNode>();
    const OPEN: FieldNode = { t: 'free' };
    const LEAF: FieldNode = { t: 'leaf' };

    const special = (name: string | undefined): FieldNode | undefined => {
      switch (name) {
        // apiextensions wrappers: the OpenAPI says "JSONSchemaProps or bool / array / string array".
        case 'IJSONSchemaPropsOrBool':
          return { t: 'either', object: schemaNode() };
        case 'IJSONSchemaPropsOrArray':
          return { t: 'either', object: schemaNode(), array: { t: 'array', item: schemaNode() } };
        case 'IJSONSchemaPropsOrStringArray':
          return { t: 'either', object: schemaNode(), array: { t: 'array', item: LEAF } };
        default:
          return undefined;
      }
    };
    let jsonSchemaProps: ts.Type | undefined;
    const schemaNode = (): FieldNode => (jsonSchemaProps ? build(jsonSchemaProps) : OPEN);

    const build = (type: ts.Type): FieldNode => {
      const hit = memo.get(type);
      if (hit) return hit;
      if (type.isUnion()) {
        const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
        const objectish = parts.filter((t) => t.flags & ts.TypeFlags.Object);
        if (objectish.length === 0) return LEAF;
        if (objectish.length === 1) return build(objectish[0]);
        return OPEN;
      }
      if (!(type.flags & ts.TypeFlags.Object)) return LEAF;
      if (checker.isArrayType(type)) {
        const [item] = checker.getTypeArguments(type as ts.TypeReference);
        const node: { t: 'array'; item: FieldNode } = { t: 'array', item: OPEN };
        memo.set(type, node);
        node.item = build(item);
        return node;
      }
      const name = type.getSymbol()?.getName();
      if (name === 'IJSONSchemaProps') jsonSchemaProps = type;
      const sp = special(name);
      if (sp) {
        memo.set(type, sp);
        return sp;
      }
      const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
      if (index) {
        const node: { t: 'map'; value: FieldNode } = { t: 'map', value: OPEN };
        memo.set(type, node);
        node.value = build(index.type);
        return node;
      }
      const props = checker.getPropertiesOfType(type);
      if (props.length === 0) {
        memo.set(type, OPEN);
        return OPEN;
      }
      const node: { t: 'object'; props: Map<string, FieldNode> } = { t: 'object', props: new Map() };
      memo.set(type, node);
      for (const p of props) {
        const decl = p.valueDeclaration ?? p.declarations?.[0];
        if (!decl) continue;
        const t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, decl));
        // The generated models never declare `any`: an `any` is an import that did not resolve,
        // which would silently stop the walk there (every field below it "known").
        if (t.flags & ts.TypeFlags.Any) throw new Error(`field tree: ${name ?? '?'}.${p.getName()} is \`any\` (an import in ${decl.getSourceFile().fileName} did not resolve)`);
        node.props.set(p.getName(), build(t));
      }
      return node;
    };

    for (const [file, k] of files) {
      const sf = program.getSourceFile(file);
      const iface = sf?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${k.kind}`);
      if (!iface) throw new Error(`no interface I${k.kind} in ${file}`);
      this.trees.set(`${k.apiVersion}/${k.kind}`, build(checker.getTypeAtLocation(iface.name)));
    }
  }

  has(apiVersion: string, kind: string): boolean {
    return this.trees.has(`${apiVersion}/${kind}`);
  }

  /** JSON paths (`.spec.template.spec.containers[0].foo`) of every field the schema does not define. */
  unknownFields(obj: unknown): string[] {
    const o = obj as { apiVersion: string; kind: string };
    const tree = this.trees.get(`${o.apiVersion}/${o.kind}`);
    if (!tree) throw new Error(`no field tree for ${o.apiVersion}/${o.kind}`);
    const out: string[] = [];
    walk(tree, obj, '', out);
    return out;
  }
}

function walk(node: FieldNode, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (node.t) {
    case 'leaf':
    case 'free':
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => walk(node.item, v, `${path}[${i}]`, out));
      return;
    case 'map':
      if (typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(node.value, v, `${path}[${JSON.stringify(k)}]`, out);
      return;
    case 'either':
      if (Array.isArray(value)) {
        if (node.array) walk(node.array, value, path, out);
      } else if (typeof value === 'object' && node.object) walk(node.object, value, path, out);
      return;
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return; // type errors are the validator's job
      for (const [k, v] of Object.entries(value)) {
        const child = node.props.get(k);
        const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        if (!child) out.push(p);
        else walk(child, v, p, out);
      }
  }
}
