import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A compiled validator for `schema/report.schema.json` (strict ajv, draft 2020-12). The `date-time`
 * format is checked with a local RFC 3339 pattern, so no extra format package is needed.
 */
export function createReportValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../schema/report.schema.json'), 'utf8'),
  );
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', ISO);
  const validate = ajv.compile(schema);
  return (data) =>
    validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
