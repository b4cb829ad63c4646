import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateIncidentInput } from '../../../../shared/api/contract';
import { ResponderFieldsSchema } from '../../../../shared/api/schemas';
import {
  fieldSchema,
  firstInvalid,
  maxLengthAt,
  maxLengths,
  maxValueAt,
  minValueAt,
  ownerOf,
} from './contract-schema';

describe('limits read from the contract schemas', () => {
  it('finds text limits through defaults, nullables and nested objects', () => {
    expect(maxLengthAt(CreateIncidentInput, 'description')).toBe(4000);
    expect(maxLengthAt(CreateIncidentInput, 'salute.activity')).toBe(500);
    expect(maxLengthAt(CreateIncidentInput, 'outsideRegionReason')).toBe(300);
    expect(maxLengthAt(CreateIncidentInput, 'location.streetText')).toBe(200);
    expect(maxLengthAt(ResponderFieldsSchema, 'phones.0.original')).toBe(40);
  });

  it('finds list sizes and number ranges', () => {
    expect(maxLengthAt(ResponderFieldsSchema, 'phones')).toBe(4);
    expect(maxValueAt(CreateIncidentInput, 'salute.agentsCount')).toBe(500);
    expect(maxValueAt(CreateIncidentInput, 'salute.vehiclesCount')).toBe(200);
    expect(minValueAt(ResponderFieldsSchema, 'maxTravelMinutes')).toBe(5);
    expect(maxValueAt(ResponderFieldsSchema, 'maxTravelMinutes')).toBe(240);
  });

  it('reads several limits at once', () => {
    expect(maxLengths(ResponderFieldsSchema, ['name', 'notes'])).toEqual({ name: 80, notes: 1000 });
  });

  it('fails loudly for a field or limit the schema does not have', () => {
    expect(() => fieldSchema(CreateIncidentInput, 'salute.nothing')).toThrow(/no field/);
    expect(() => maxLengthAt(z.object({ a: z.string() }), 'a')).toThrow(/no max_length/);
  });
});

describe('server error paths', () => {
  const fields = ['location', 'salute.agentsCount', 'phones'] as const;
  it('belong to the field itself or its nearest listed ancestor', () => {
    expect(ownerOf('location.text', fields)).toBe('location');
    expect(ownerOf('salute.agentsCount', fields)).toBe('salute.agentsCount');
    expect(ownerOf('phones.1.e164', fields)).toBe('phones');
    expect(ownerOf('callReceivedAt', fields)).toBeUndefined();
    expect(ownerOf('locationX', fields)).toBeUndefined();
  });

  it('the first invalid field follows tab order, not the order errors arrived in', () => {
    expect(firstInvalid(fields, { 'phones.0': 'bad', 'location.lat': 'bad' })).toBe('location');
    expect(firstInvalid(fields, {})).toBeUndefined();
  });
});
