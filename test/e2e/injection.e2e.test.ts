/**
 * Injection (RELIABILITY checklist 17): hostile strings in every string, ID and Date argument of every
 * Query field (and of their input objects) leave the database unchanged and get either a normal answer
 * or BAD_USER_INPUT; never a 5xx or INTERNAL_SERVER_ERROR. Arguments travel as variables and as literals.
 */
import {
  buildASTSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  isCompositeType,
  isInputObjectType,
  isNonNullType,
  isScalarType,
} from 'graphql';

import { loadTypeDefs } from '../../src/server/schema.js';
import { HOSTILE } from '../support/hostile-strings.js';
import { graphCounts, startTestApp, type TestApp } from '../support/test-app.js';

const schema = buildASTSchema(loadTypeDefs());
const TEXT_TYPES = new Set(['String', 'ID', 'Date']);

/** A valid value for a required argument that is not under attack. */
function validValue(arg: GraphQLArgument): unknown {
  const type = getNamedType(arg.type).name;
  if (type === 'ID') return 'china';
  if (type === 'String') return 'china';
  if (type === 'Date') return '2021-02-01';
  if (type === 'Int') return 1;
  if (type === 'Boolean') return false;
  throw new Error(`no valid value for ${arg.name}: ${type}`);
}

interface Target {
  field: GraphQLField<unknown, unknown>;
  arg: GraphQLArgument;
  /** Set when the hostile string goes into a field of an input object argument. */
  inputField?: GraphQLInputField;
}

function targets(): Target[] {
  const out: Target[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && TEXT_TYPES.has(named.name)) out.push({ field, arg });
      if (isInputObjectType(named)) {
        for (const inputField of Object.values(named.getFields())) {
          const inner = getNamedType(inputField.type);
          if (isScalarType(inner) && TEXT_TYPES.has(inner.name)) out.push({ field, arg, inputField });
        }
      }
    }
  }
  return out;
}

/** The operation and variables that put `value` into the target argument. */
function operationFor(target: Target, value: string): { query: string; variables: Record<string, unknown> } {
  const { field, arg, inputField } = target;
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  for (const a of field.args) {
    if (a === arg) {
      variables['v'] = inputField ? { [inputField.name]: value } : value;
      definitions.push(`$v: ${a.type.toString()}`);
      args.push(`${a.name}: $v`);
    } else if (isNonNullType(a.type) && a.defaultValue === undefined) {
      variables[a.name] = validValue(a);
      definitions.push(`$${a.name}: ${a.type.toString()}`);
      args.push(`${a.name}: $${a.name}`);
    }
  }
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return { query: `query Attack(${definitions.join(', ')}) { ${field.name}(${args.join(', ')})${selection} }`, variables };
}

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
});
afterAll(() => h.close());

describe('injection', () => {
  it('hostile strings in every text argument: normal answer or BAD_USER_INPUT, database unchanged', async () => {
    const before = await graphCounts(h.graph);
    const all = targets();
    // Every Query field with a text argument is covered (a new one joins automatically).
    expect(new Set(all.map((t) => t.field.name)).size).toBeGreaterThanOrEqual(8);
    const tally = { tried: 0, normal: 0, badUserInput: 0, notFound: 0, other: [] as string[], statements: 0 };
    tally.statements = await h.statementsDuring(async () => {
      for (const target of all) {
        // The strings of one target in parallel: the suite stays short on a small machine.
        const answers = await Promise.all(
          HOSTILE.map((value) => h.post(operationFor(target, value)).then((answer) => ({ value, ...answer }))),
        );
        for (const { value, status, body } of answers) {
          tally.tried += 1;
          const codes = ((body['errors'] as { extensions?: { code?: string } }[] | undefined) ?? []).map((e) => e.extensions?.code);
          if (status < 500 && codes.length === 0) tally.normal += 1;
          else if (status < 500 && codes.every((c) => c === 'BAD_USER_INPUT')) tally.badUserInput += 1;
          // A hostile string is also an id nothing has: NOT_FOUND is the honest answer there.
          else if (status < 500 && codes.every((c) => c === 'NOT_FOUND')) tally.notFound += 1;
          else
            tally.other.push(
              `${status} ${codes.join(',')} ${target.field.name}.${target.arg.name}${target.inputField ? `.${target.inputField.name}` : ''} <- ${JSON.stringify(value.slice(0, 40))}`,
            );
        }
      }
    });
    process.stdout.write(`injection: ${JSON.stringify({ ...tally, targets: all.length, other: tally.other.length })}\n`);
    expect(tally.other).toEqual([]);
    expect(tally.tried).toBe(all.length * HOSTILE.length);
    expect(await graphCounts(h.graph)).toEqual(before);
  });

  it('the same strings as literals in nested arguments (Actor.relationships after/asOf, roles asOf)', async () => {
    const before = await graphCounts(h.graph);
    const other: string[] = [];
    for (const value of HOSTILE) {
      const literal = JSON.stringify(value);
      for (const query of [
        `{ actor(id: ${literal}) { id } }`,
        `{ actor(id: "china") { relationships(first: 2, after: ${literal}) { totalCount } } }`,
        `{ actor(id: "china") { roles(asOf: ${literal}) { id } } }`,
        `{ search(text: ${literal}) { score } }`,
      ]) {
        const { status, body } = await h.post({ query });
        const codes = ((body['errors'] as { extensions?: { code?: string } }[] | undefined) ?? []).map((e) => e.extensions?.code);
        // A malformed Date literal fails validation (400) before anything runs.
        if (status >= 500 || codes.some((c) => c !== 'BAD_USER_INPUT' && c !== 'GRAPHQL_VALIDATION_FAILED')) {
          other.push(`${status} ${codes.join(',')} ${query.slice(0, 80)}`);
        }
      }
    }
    expect(other).toEqual([]);
    expect(await graphCounts(h.graph)).toEqual(before);
  });
});
