/**
 * cacheRepeatedYaml: repeated documents are stringified once, and the text is always what cdk8s's
 * own Yaml.stringify writes for that document.
 */
import { Yaml } from 'cdk8s';
import { cacheRepeatedYaml, clearYamlCache, yamlCacheKey } from '../../lib/k8s/yaml-cache';

const original = Yaml.stringify.bind(Yaml);
const crd = (name: string) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name }, spec: { versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] } });

beforeAll(() => cacheRepeatedYaml());
afterEach(() => clearYamlCache());

describe('cacheRepeatedYaml', () => {
  test.each([
    ['one document', [crd('a.example.com')]],
    ['several documents, one repeated', [crd('a.example.com'), crd('b.example.com'), crd('a.example.com')]],
    ['undefined documents', [undefined, crd('a.example.com'), undefined]],
    ['no documents', []],
    ['values JSON would blur', [{ a: undefined, b: [undefined, null], c: -0, d: Number.NaN, e: Infinity, f: '0' }]],
  ])('%s: the same text as cdk8s writes', (_name, docs) => {
    const expected = original(...docs);
    expect(Yaml.stringify(...docs)).toBe(expected);
    expect(Yaml.stringify(...docs)).toBe(expected); // from the cache
  });

  test('documents that only JSON would confuse get their own text', () => {
    const pairs: Array<[unknown, unknown]> = [
      [{ a: undefined }, {}],
      [{ a: -0 }, { a: 0 }],
      [{ a: Number.NaN }, { a: null }],
      [{ a: Infinity }, { a: 'Infinity' }],
    ];
    for (const [x, y] of pairs) {
      expect(Yaml.stringify(x)).toBe(original(x));
      expect(Yaml.stringify(y)).toBe(original(y));
      expect(yamlCacheKey(x)).not.toBe(yamlCacheKey(y));
    }
  });

  test.each([
    ['a Date', { at: new Date(0) }],
    ['a Map', { m: new Map([['a', 1]]) }],
    ['a class instance', { x: new (class Point { public readonly x = 1; })() }],
  ])('never caches a document holding %s', (_name, doc) => {
    expect(yamlCacheKey(doc)).toBeUndefined();
  });

  test('is idempotent', () => {
    const wrapped = Yaml.stringify;
    cacheRepeatedYaml();
    expect(Yaml.stringify).toBe(wrapped);
  });
});
