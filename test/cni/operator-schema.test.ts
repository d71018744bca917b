import { APISERVER_V1_SCHEMA, INSTALLATION_V1_SCHEMA } from '../../lib/cni/calico/operator-schemas';
import { deriveOpenApiSchema } from './derive-operator-schema';

test('the vendored Installation and APIServer CRD schemas equal the derivation of the shared schemas', () => {
  expect(INSTALLATION_V1_SCHEMA).toEqual(deriveOpenApiSchema('operator.tigera.io/installation_v1.json'));
  expect(APISERVER_V1_SCHEMA).toEqual(deriveOpenApiSchema('operator.tigera.io/apiserver_v1.json'));
  // apiextensions v1 refuses additionalProperties: false in a structural schema.
  expect(JSON.stringify(INSTALLATION_V1_SCHEMA)).not.toContain('"additionalProperties":false');
});
