import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type Database from 'better-sqlite3';
import { prepared } from '../prepared';
import type { Op } from '../../shared/sync/op';
import type { ConflictKind } from '../../shared/api/sync';

/**
 * What conflict detection reads of the op log: who last set a field (its clock's op), who made a
 * version, and whether two ops were made without either author seeing the other's.
 */

export interface ConflictVersion {
  opId: string;
  deviceId: string;
  actor: string;
  at: string;
  hlc: string;
  /** The verification outcome, or the assignment's status. */
  value: string | null;
  verifiedBy?: string | null;
  assignmentId?: string;
  incidentId?: string;
  role?: string | null;
  /** True for the version last-writer-wins kept (verification outcome, text, status). */
  kept?: boolean;
  /** The field both versions set (free-text conflicts). */
  field?: string;
  /** The record the version changed, when it is not the incident (a responder's notes). */
  entity?: string;
}

export interface DetectedConflict {
  id: string;
  kind: ConflictKind;
  incidentId: string;
  otherIncidentId: string | null;
  responderId: string | null;
  versions: ConflictVersion[];
}

export interface OpRow {
  op_id: string;
  device_id: string;
  actor: string;
  hlc: string;
  relay_seq: number | null;
  body: string;
}

/** A UUID-shaped id (version nibble 8, "custom") derived from the parts, identical on every console. */
export function conflictId(...parts: string[]): string {
  const h = bytesToHex(sha256(utf8ToBytes(parts.join('\u0000'))))
    .slice(0, 32)
    .split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function fieldClock(sqlite: Database.Database, entity: string, id: string, field: string) {
  const rows = prepared(
    sqlite,
    'SELECT field, hlc FROM field_clocks WHERE entity = ? AND entity_id = ? AND field IN (?, ?)',
  ).all(entity, id, field, '*') as { field: string; hlc: string }[];
  return rows.find((r) => r.field === field)?.hlc ?? rows.find((r) => r.field === '*')?.hlc ?? null;
}

export function opByHlc(sqlite: Database.Database, hlc: string | null): OpRow | null {
  if (!hlc) return null;
  return (
    (prepared(
      sqlite,
      'SELECT op_id, device_id, actor, hlc, relay_seq, body FROM op_log WHERE hlc = ?',
    ).get(hlc) as OpRow | undefined) ?? null
  );
}

/** Who made a version, and when: from the incoming op, or from the op log row it clashes with. */
export const authorOf = (op: Pick<Op, 'opId' | 'deviceId' | 'actor' | 'at' | 'hlc'>) => ({
  opId: op.opId,
  deviceId: op.deviceId,
  actor: op.actor,
  at: op.at,
  hlc: op.hlc,
});
export const authorOfRow = (row: OpRow) => ({
  opId: row.op_id,
  deviceId: row.device_id,
  actor: row.actor,
  // Received ops keep a header with `at`, local ones their whole body: both have it.
  at: (JSON.parse(row.body) as { at?: string }).at ?? '',
  hlc: row.hlc,
});

export const concurrent = (other: OpRow, op: Op, knownSeq: number) =>
  other.device_id !== op.deviceId && !(other.relay_seq !== null && other.relay_seq <= knownSeq);
