import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A compiled validator for `schema/baseline.schema.json` (strict ajv, draft 2020-12). */
export function createBaselineValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../schema/baseline.schema.json'), 'utf8'),
  );
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', ISO);
  const validate = ajv.compile(schema);
  return (data) =>
    validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
