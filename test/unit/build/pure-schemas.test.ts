/**
 * The rule that lets esbuild leave out the schemas a handler never uses: every module-level
 * schema in shared/ is built inside an IIFE marked `/* @__PURE__ *\/`. Building a zod schema has
 * no effect outside it, but esbuild cannot know that of a call, so without the mark it keeps, and
 * builds at every cold start, every schema of every contract module a handler imports, even for a
 * constant. With it, an unused schema is dropped whole (test/unit/build/bundles.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

function sharedSources(): string[] {
  const dir = join(ROOT, 'shared');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/** Module-level schemas (`<name>Schema`, `<name>Shape`, or built by zod) not in a pure-marked IIFE. */
function unmarked(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      if (!init) continue;
      // A schema by its name, or by what builds it (zod, closedObject, another schema's methods).
      const builds = /^(z\s*\.|closedObject\(|\w+Schema\s*\.\w+\()/.test(
        init.getText(source).replace(/\/\/.*$/gm, ''),
      );
      if (!/(Schema|Shape)$/.test(name) && !builds) continue;
      const isIife =
        ts.isCallExpression(init) &&
        init.arguments.length === 0 &&
        ts.isParenthesizedExpression(init.expression) &&
        ts.isArrowFunction(init.expression.expression);
      const marked = /\/\*\s*@__PURE__\s*\*\/\s*$/.test(
        text.slice(declaration.name.getEnd(), init.getStart(source)),
      );
      // A plain reference to another schema (`const a = bSchema`) builds nothing.
      if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) continue;
      if (!(isIife && marked)) found.push(`${relative(ROOT, file)}: ${name}`);
    }
  }
  return found;
}

describe('module-level schemas in shared/', () => {
  it('are each built in a /* @__PURE__ */ IIFE, so a bundle that never uses one leaves it out', () => {
    const files = sharedSources();
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => unmarked(file))).toEqual([]);
  });

  it('are found by the check: an unmarked or half-marked one is reported', () => {
    const file = join(ROOT, 'shared', 'probe.ts');
    const text = [
      "import * as z from 'zod';",
      'export const markedSchema = /* @__PURE__ */ (() => z.object({ a: z.string() }))();',
      'export const plainSchema = z.object({ a: z.string() });',
      'export const unmarkedIifeSchema = (() => z.string())();',
      'const itemShape = { a: z.string() };',
      'export const aliasSchema = markedSchema;',
      'export const daysOfWaiting = z.number().int();',
      'export const LIMIT = 25;',
    ].join('\n');
    expect(unmarked(file, text)).toEqual([
      'shared/probe.ts: plainSchema',
      'shared/probe.ts: unmarkedIifeSchema',
      'shared/probe.ts: itemShape',
      'shared/probe.ts: daysOfWaiting',
    ]);
  });
});
