import { readFileSync } from 'fs';
import { MODULE_PATH, renderSchemaModule } from './derive-kong-schemas';

test('lib/ingress/kong-crd-schemas.ts equals its derivation from the shared schemas', () => {
  expect(readFileSync(MODULE_PATH, 'utf8')).toBe(renderSchemaModule());
});

test('derived schemas carry no additionalProperties: false and no descriptions', () => {
  const text = readFileSync(MODULE_PATH, 'utf8');
  expect(text).not.toContain('"additionalProperties":false');
  expect(text).not.toContain('"description"');
});
