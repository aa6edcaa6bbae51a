/**
 * asl-validator 4 builds and compiles a new Ajv instance with all of its JSON schemas on every
 * call (about half a second), which would make every CreateStateMachine that slow. This keeps one
 * compiled Ajv with the library's own schemas and formats for the common case, a valid
 * definition; any definition it finds fault with goes to the library's own check, so the errors
 * reported are exactly asl-validator's. The other checks of asl-validator run unchanged.
 */
import { createRequire } from 'node:module';

type SchemaCheck = (definition: unknown, options: { checkPaths: boolean; checkArn: boolean }) => unknown[];

interface AjvLike {
  validate(schemaId: string, data: unknown): boolean;
  addFormat(name: string, check: (value: string) => boolean): void;
}

const SCHEMAS = [
  'common',
  'paths',
  'jsonata',
  'choice',
  'fail',
  'parallel',
  'pass',
  'base-state-machine',
  'state-machine',
  'state',
  'succeed',
  'task',
  'wait',
  'map',
  'errors',
];
const STATE_MACHINE_SCHEMA = 'http://asl-validator.cloud/state-machine.json#';

let installed = false;

/** Makes asl-validator's schema check reuse one compiled validator. Idempotent. */
export function installAslSchemaCache(): void {
  if (installed) return;
  installed = true;
  // Resolve everything from asl-validator's own place, so the versions are the ones it uses.
  const aslRequire = createRequire(require.resolve('asl-validator'));
  const module = aslRequire('./checks/json-schema-errors') as { jsonSchemaErrors: SchemaCheck };
  const original = module.jsonSchemaErrors;
  let ajv: AjvLike | undefined;
  const compiled = (): AjvLike => {
    if (ajv) return ajv;
    const Ajv = (aslRequire('ajv') as { default: new (options: object) => AjvLike }).default;
    const instance = new Ajv({
      schemas: SCHEMAS.map((name) => aslRequire(`./schemas/${name}.json`)),
      allowUnionTypes: true,
    });
    (aslRequire('ajv-formats') as { default: (ajv: AjvLike) => void }).default(instance);
    const jsonata = aslRequire('jsonata') as (expression: string) => unknown;
    const validJsonata = (value: string): boolean => {
      let expression = value.trim();
      expression = expression.startsWith('{%') ? expression.slice(2) : expression;
      expression = expression.endsWith('%}') ? expression.slice(0, -2) : expression;
      try {
        jsonata(expression);
        return true;
      } catch {
        return false;
      }
    };
    instance.addFormat('jsonata_string', validJsonata);
    instance.addFormat('maybe_jsonata_string', (value) => {
      const trimmed = value.trim();
      return trimmed.startsWith('{%') || trimmed.endsWith('%}') ? validJsonata(trimmed) : true;
    });
    (aslRequire('asl-path-validator') as { registerAll(ajv: AjvLike): void }).registerAll(instance);
    instance.addFormat(
      'asl_arn',
      (aslRequire('./checks/formats') as { isArnFormatValid(v: string): boolean }).isArnFormatValid,
    );
    ajv = instance;
    return instance;
  };
  module.jsonSchemaErrors = (definition, options) => {
    if (options.checkPaths && options.checkArn && compiled().validate(STATE_MACHINE_SCHEMA, definition))
      return [];
    return original(definition, options);
  };
}
