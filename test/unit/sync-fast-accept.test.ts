import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { FIELD_ACCEPTORS, FIELD_SCHEMAS, fieldProblem } from '../../shared/sync/field-schemas';
import { compileAcceptor } from '../../shared/sync/fast-accept';
import type { EntityName } from '../../shared/api/events';
import { OpEntrySchema } from '../../shared/sync/protocol';
import { encodeHlc } from '../../shared/clock/hlc';

/**
 * The compiled acceptors (shared/sync/fast-accept.ts) must say exactly what the zod schemas say:
 * a received op that the acceptor lets through without zod must be one zod accepts, and a value
 * zod accepts should not need zod at all (else the fast path is not fast).
 */
const RUNS = Number(process.env.FAST_ACCEPT_RUNS ?? 300);

/** Values near what the schemas draw their lines on: lengths, bounds, formats, enums. */
function nearValid(samples: unknown[]): fc.Arbitrary<unknown> {
  const padded = (n: number) =>
    fc
      .tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.constantFrom('a', 'é', ' ', '\n', 'Z'))
      .map(([l, r, c]) => ' '.repeat(l) + c.repeat(n) + ' '.repeat(r));
  return fc.oneof(
    fc.anything(),
    fc.constantFrom(...samples, null, undefined, '', ' ', true, false, 0, -1, [], {}),
    fc.string({ maxLength: 30 }),
    fc.constantFrom(1, 20, 39, 40, 41, 79, 80, 81, 119, 120, 121, 200, 201, 300, 301, 4000, 4001),
    fc.constantFrom(1, 40, 80, 200, 4000).chain(padded),
    fc.integer({ min: -600, max: 600 }),
    fc.double({ min: -200, max: 200 }),
    fc.constantFrom(-90.5, -90, 90, 90.0001, -180, 180, 180.5, 2 ** 53, 4.5, NaN, Infinity),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+02:00')),
    fc.uuid(),
    fc.array(fc.oneof(fc.constantFrom(...samples, 'x'), fc.anything()), { maxLength: 6 }),
  );
}

/** Every enum value and literal the schema holds, so the arbitraries hit them often. */
function samplesOf(schema: unknown, out: unknown[] = [], depth = 0): unknown[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def || depth > 6) return out;
  if (def.type === 'enum') out.push(...Object.values(def.entries as object));
  if (def.type === 'literal') out.push(...(def.values as unknown[]));
  for (const key of ['innerType', 'element', 'in', 'out'])
    if (def[key]) samplesOf(def[key], out, depth + 1);
  if (def.shape) {
    const shape = def.shape as Record<string, unknown>;
    const element: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(shape)) {
      const inner = samplesOf(s, [], depth + 1);
      element[k] = inner[0] ?? 'x';
      out.push(...inner);
    }
    out.push(element);
  }
  return out;
}

const fields = (Object.keys(FIELD_SCHEMAS) as EntityName[]).flatMap((entity) =>
  Object.entries(FIELD_SCHEMAS[entity]).map(([field, schema]) => ({
    entity,
    field,
    schema,
    accept: FIELD_ACCEPTORS[entity][field] ?? null,
  })),
);

describe('fast field acceptors (shared/sync/fast-accept.ts)', () => {
  it('accept exactly what each field schema accepts', () => {
    for (const { entity, field, schema, accept } of fields) {
      if (!accept) continue;
      fc.assert(
        fc.property(nearValid(samplesOf(schema)), (value) => {
          const zod = schema.safeParse(value).success;
          if (accept(value) !== zod)
            throw new Error(
              `${entity}.${field}: acceptor ${!zod}, zod ${zod} for ${String(value)}`,
            );
        }),
        { numRuns: RUNS },
      );
    }
  }, 60_000);

  it('compile every field but the few zod must check itself (a refine, a setting value)', () => {
    const zodOnly = fields.filter((f) => !f.accept).map((f) => `${f.entity}.${f.field}`);
    expect(zodOnly.sort()).toEqual(['responder.availability', 'setting.value']);
  });

  it('accept exactly the received op entries zod accepts', () => {
    const HLC = encodeHlc({
      wallMs: 1_796_000_000_000,
      counter: 2,
      deviceId: '01890a5d-ac96-774b-bcce-b302099a8058',
    });
    const accept = compileAcceptor(OpEntrySchema)!;
    expect(accept).not.toBeNull();
    const valid = {
      knownSeq: 3,
      op: {
        v: 1,
        opId: '01890a5d-ac96-774b-bcce-b302099a8057',
        hlc: HLC,
        deviceId: '01890a5d-ac96-774b-bcce-b302099a8058',
        actor: 'Dana (dispatch)',
        at: '2026-12-01T10:00:00.000Z',
        activity: {
          kind: 'incident.created',
          message: 'Created',
          params: { n: 1, ok: true, none: null, s: 'x' },
          entity: 'incident',
          entityId: 'i1',
          incidentId: 'i1',
        },
        changes: [
          {
            entity: 'responder',
            id: 'r1',
            create: false,
            fields: { languages: ['es'] },
            sets: { languages: { add: ['es'], remove: [{ key: 'en', seen: HLC }] } },
          },
        ],
      },
    };
    expect(OpEntrySchema.safeParse(valid).success).toBe(true);
    expect(accept(valid)).toBe(true);
    // One value somewhere in the entry replaced by something near or far from valid.
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      paths.push(path);
      if (v && typeof v === 'object')
        for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    };
    walk(valid, []);
    const replaced = (path: string[], value: unknown): unknown => {
      const copy = structuredClone(valid) as Record<string, unknown>;
      if (path.length === 0) return value;
      let at: Record<string, unknown> = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      if (value === undefined) delete at[path.at(-1)!];
      else at[path.at(-1)!] = value;
      return copy;
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        nearValid(['incident', 'responder', 'x', valid.op.hlc, 'constructor']),
        (path, value) => {
          const entry = replaced(path, value);
          expect(accept(entry)).toBe(OpEntrySchema.safeParse(entry).success);
        },
      ),
      { numRuns: RUNS * 10 },
    );
  }, 60_000);

  it('send what they cannot read to zod', () => {
    expect(compileAcceptor(z.object({ a: z.string() }).refine((o) => o.a !== 'x'))).toBeNull();
    expect(compileAcceptor(z.union([z.string(), z.date()]))).toBeNull();
    expect(compileAcceptor(z.string().transform((s) => s.length))).toBeNull();
    const accept = compileAcceptor(z.object({ n: z.number().int().min(1) }).strict())!;
    expect([accept({ n: 1 }), accept({ n: 0 }), accept({ n: 1, extra: 1 })]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('still explain a refused value in zod words', () => {
    expect(fieldProblem('incident', 'i', { status: 'pwned' })).toMatch(/^incident\.status: /);
    expect(fieldProblem('incident', 'i', { lat: 'not-a-number' })).toMatch(/^incident\.lat: /);
    expect(fieldProblem('incident', 'i', { description: 'x'.repeat(4001) })).toMatch(
      /At most 4000 characters/,
    );
  });

  it('treat inherited names (constructor, __proto__, toString) as unknown fields', () => {
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const fields = JSON.parse(`{"${field}": "x", "description": "ok"}`) as Record<
        string,
        unknown
      >;
      expect(fieldProblem('incident', 'i', fields)).toBe(
        `incident.${field} is not a field this console knows`,
      );
    }
    expect(fieldProblem('setting', 'constructor', { value: 1 })).toMatch(
      /not a setting this console knows/,
    );
  });
});
