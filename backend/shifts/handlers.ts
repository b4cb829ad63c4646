/**
 * Dispatch shifts. A dispatcher signs on with name + PIN (PINs are local, see
 * backend/shifts/pin.ts); the shift itself is a synced entity written through mutate(), and
 * signing on sets local_meta 'dispatcherName' so every change made during the shift is
 * attributed to the dispatcher on shift. The open shift's id lives in local_meta 'shiftId', so a
 * console that closes mid-shift resumes it on restart. Ending a shift writes the automatic
 * hand-off brief (shared/shifts/handoff.ts); the arriving dispatcher acknowledges it.
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import type { BackendContext, Handlers } from '../context';
import { assignments, incidents, responders, shifts, timings } from '../../db/schema';
import { mutate } from '../mutation';
import { clearSessionMeta, readMeta, writeSessionMeta } from '../local-meta';
import { loadSettings } from '../session/handlers';
import { incidentFromRow } from '../rows';
import { findPin, hashNewPin, insertPin, listPinNames, verifyPinRateLimited } from './pin';
import { verifyConsolePassphrase } from './console-passphrase';
import { uuidv7 } from '../../shared/ids';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { Shift, ShiftState } from '../../shared/api/shift-schemas';
import { buildHandoffBrief, type HandoffBrief } from '../../shared/shifts/handoff';
import { computeShiftMetrics, type ShiftMetrics } from '../../shared/shifts/metrics';
import { renderHandoffHtml } from '../../shared/shifts/handoff-html';
import type { Timing } from '../../shared/api/schemas';
import { inEnglish, refusal } from '../refusal';

type ShiftRow = typeof shifts.$inferSelect;
const iso = (ms: number) => new Date(ms).toISOString();

export function shiftFromRow(row: ShiftRow): Shift {
  return {
    id: row.id,
    dispatcherName: row.dispatcherName,
    deviceId: row.deviceId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    endedBy: row.endedBy,
    notes: row.notes,
    handoffBrief: (row.handoffBrief as HandoffBrief | null) ?? null,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    handoffFromShiftId: row.handoffFromShiftId,
  };
}

function loadShift(ctx: BackendContext, id: string): ShiftRow {
  const row = ctx.db.select().from(shifts).where(eq(shifts.id, id)).get();
  if (!row) throw refusal('not_found', 'error.notFound.shift');
  return row;
}

/** The shift open on THIS console, if any. */
export function openShift(ctx: BackendContext): ShiftRow | null {
  const id = readMeta(ctx.db, 'shiftId');
  if (!id) return null;
  const row = ctx.db.select().from(shifts).where(eq(shifts.id, id)).get();
  return row && !row.endedAt ? row : null;
}

function requireShift(ctx: BackendContext): ShiftRow {
  const row = openShift(ctx);
  if (!row) throw refusal('refused', 'error.shift.nobodyOn');
  return row;
}

function pendingHandoff(ctx: BackendContext, current: ShiftRow | null): ShiftRow | null {
  const latest = ctx.db
    .select()
    .from(shifts)
    .where(and(eq(shifts.deviceId, ctx.deviceId), isNotNull(shifts.endedAt)))
    .orderBy(desc(shifts.endedAt))
    .limit(1)
    .get();
  if (!latest || latest.acknowledgedAt || !latest.handoffBrief) return null;
  if (current && current.id === latest.id) return null;
  return latest;
}

export function getShiftState(ctx: BackendContext): ShiftState {
  const current = openShift(ctx);
  const pending = pendingHandoff(ctx, current);
  return {
    shift: current ? shiftFromRow(current) : null,
    locked: current !== null && readMeta(ctx.db, 'consoleLocked') === '1',
    dispatchers: listPinNames(ctx.db),
    pendingHandoff: pending ? shiftFromRow(pending) : null,
  };
}

function clearDispatcher(ctx: BackendContext) {
  clearSessionMeta(ctx, 'dispatcherName');
  writeSessionMeta(ctx, 'shiftId', '');
  writeSessionMeta(ctx, 'consoleLocked', '0');
}

/** Timings of the shift's dispatcher that ended inside the shift (start exclusive). */
export function shiftMetrics(ctx: BackendContext, shift: ShiftRow, untilMs?: number): ShiftMetrics {
  const to = shift.endedAt ?? iso(untilMs ?? ctx.now());
  const rows = ctx.db
    .select()
    .from(timings)
    .where(
      and(
        gt(timings.endedAt, shift.startedAt),
        lte(timings.endedAt, to),
        eq(timings.actor, shift.dispatcherName),
      ),
    )
    .all();
  return computeShiftMetrics(
    rows.map((r) => ({
      kind: r.kind as Timing['kind'],
      durationMs: r.durationMs,
      endedAt: r.endedAt,
    })),
    { from: shift.startedAt, to },
  );
}

function buildBriefFor(ctx: BackendContext, shift: ShiftRow, notes: string): HandoffBrief {
  const nowMs = ctx.now();
  const settings = loadSettings(ctx);
  const open = ctx.db
    .select()
    .from(incidents)
    .where(and(ne(incidents.status, 'closed'), isNull(incidents.mergedIntoId)))
    .all()
    .map((r) => incidentFromRow(r));
  const ids = open.map((i) => i.id);
  const team = ids.length
    ? ctx.db
        .select({
          id: assignments.id,
          incidentId: assignments.incidentId,
          role: assignments.role,
          status: assignments.status,
          statusChangedAt: assignments.statusChangedAt,
          lastCheckInAt: assignments.lastCheckInAt,
          responderName: responders.name,
        })
        .from(assignments)
        .innerJoin(responders, eq(responders.id, assignments.responderId))
        .where(inArray(assignments.incidentId, ids))
        .all()
    : [];
  return buildHandoffBrief({
    nowMs,
    shift: {
      id: shift.id,
      dispatcherName: shift.dispatcherName,
      startedAt: shift.startedAt,
    },
    notes,
    incidents: open,
    assignments: team.map((a) => ({
      ...a,
      role: a.role as never,
      status: a.status as never,
    })),
    settings,
    metrics: shiftMetrics(ctx, shift, nowMs),
  });
}

function endShiftRow(
  ctx: BackendContext,
  shift: ShiftRow,
  notes: string,
  confirmAttention: boolean,
): { shift: Shift; brief: HandoffBrief } {
  const brief = buildBriefFor(ctx, shift, notes);
  if (brief.attention.length > 0 && !confirmAttention) {
    // The dialog lists the items (its hand-off preview); the refusal says how many.
    throw refusal(
      'conflict',
      'error.shift.attention',
      { count: brief.attention.length },
      { confirmAttention: inEnglish('error.shift.confirmAttention') },
    );
  }
  const now = iso(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'shift.ended',
      message: `Shift ended: ${shift.dispatcherName} (hand-off brief: ${brief.openIncidents.length} open incidents, ${brief.attention.length} needing attention)`,
      params: {
        name: shift.dispatcherName,
        open: brief.openIncidents.length,
        attention: brief.attention.length,
      },
      entity: 'shift',
      entityId: shift.id,
      incidentId: null,
    },
    changes: [
      {
        entity: 'shift',
        id: shift.id,
        create: false,
        fields: {
          endedAt: brief.endedAt,
          endedBy: ctx.actor(),
          notes: brief.notes,
          handoffBrief: brief,
          updatedAt: now,
        },
      },
    ],
  });
  return { shift: shiftFromRow(loadShift(ctx, shift.id)), brief };
}

const isLocked = (ctx: BackendContext, current: ShiftRow | null) =>
  current !== null && readMeta(ctx.db, 'consoleLocked') === '1';

/**
 * While the console is locked, a sign-on by anyone but the dispatcher on shift is a takeover, and
 * a takeover of a locked console needs the console passphrase: a name and a PIN alone are not
 * proof (anyone can register a new name). Throws unless `proven`.
 */
function refuseLockedTakeover(current: ShiftRow, takeOver: boolean, proven: boolean) {
  if (proven) return;
  if (!takeOver)
    throw refusal(
      'unauthorized',
      'error.shift.lockedOwner',
      { name: current.dispatcherName },
      { name: `${current.dispatcherName} is on shift` },
    );
  throw refusal(
    'unauthorized',
    'error.shift.lockedTakeOver',
    { name: current.dispatcherName },
    { consolePassphrase: 'Needed to take over a locked console' },
  );
}

/** Throws unless `displayName` may start a shift now, given the shift open on this console. */
function mustBeFreeToSignOn(
  ctx: BackendContext,
  current: ShiftRow | null,
  displayName: string,
  takeOver: boolean,
  passphraseProven: boolean,
) {
  if (!current || current.dispatcherName === displayName) return;
  if (isLocked(ctx, current)) refuseLockedTakeover(current, takeOver, passphraseProven);
  if (!takeOver)
    throw refusal(
      'conflict',
      'error.shift.stillOn',
      { name: current.dispatcherName },
      { takeOver: 'Another dispatcher is on shift' },
    );
}

async function provePassphrase(ctx: BackendContext, passphrase: string, onShift: string) {
  const verdict = await verifyConsolePassphrase(ctx, passphrase);
  if (verdict === 'ok') return true;
  if (verdict === 'wrong')
    throw refusal(
      'unauthorized',
      'error.shift.wrongPassphrase',
      {},
      { consolePassphrase: 'Wrong console passphrase' },
    );
  throw refusal(
    'refused',
    'error.shift.cannotCheckPassphrase',
    { name: onShift },
    { consolePassphrase: 'Not available on this console' },
  );
}

export async function signOn(
  ctx: BackendContext,
  input: ApiParsedInput<'signOn'>,
): Promise<ApiOutput<'signOn'>> {
  const existing = findPin(ctx.db, input.name);
  if (input.newDispatcher && existing) {
    throw refusal(
      'conflict',
      'error.shift.pinExists',
      { name: existing.displayName },
      { name: 'Already registered on this console' },
    );
  }
  if (!input.newDispatcher && !existing) {
    throw refusal(
      'not_found',
      'error.shift.unknownName',
      { name: input.name },
      { name: 'Not registered on this console' },
    );
  }
  const displayName = existing?.displayName ?? input.name.trim().replace(/\s+/g, ' ');
  const before = openShift(ctx);
  let passphraseProven = false;
  if (
    before &&
    isLocked(ctx, before) &&
    before.dispatcherName !== displayName &&
    input.takeOver &&
    input.consolePassphrase !== undefined
  )
    passphraseProven = await provePassphrase(ctx, input.consolePassphrase, before.dispatcherName);
  mustBeFreeToSignOn(ctx, before, displayName, input.takeOver, passphraseProven);
  if (existing) await verifyPinRateLimited(ctx.db, existing, input.pin, ctx.now, ctx.pinHashCost);
  const newPin = existing ? null : await hashNewPin(ctx.db, input.pin, ctx.pinHashCost);

  // No await below this line: the checks and the changes see the same state.
  const nowMs = ctx.now();
  const current = openShift(ctx);
  if (current && current.dispatcherName === displayName) {
    // The same dispatcher signing on again (e.g. after a restart or at the lock): resume, unlocked.
    writeSessionMeta(ctx, 'dispatcherName', displayName);
    writeSessionMeta(ctx, 'consoleLocked', '0');
    return getShiftState(ctx);
  }
  mustBeFreeToSignOn(ctx, current, displayName, input.takeOver, passphraseProven);
  if (newPin) {
    if (findPin(ctx.db, displayName))
      throw refusal('conflict', 'error.shift.justRegistered', { name: displayName });
    insertPin(ctx.db, displayName, newPin, nowMs);
  }
  // From here on, every change is attributed to the arriving dispatcher.
  writeSessionMeta(ctx, 'dispatcherName', displayName);
  if (current) endShiftRow(ctx, current, `Shift taken over by ${displayName}.`, true);
  const pending = pendingHandoff(ctx, null);
  const id = uuidv7(nowMs);
  const now = iso(nowMs);
  mutate(ctx, {
    activity: {
      kind: 'shift.started',
      message: `Shift started: ${displayName}`,
      params: { name: displayName },
      entity: 'shift',
      entityId: id,
      incidentId: null,
    },
    changes: [
      {
        entity: 'shift',
        id,
        create: true,
        fields: {
          dispatcherName: displayName,
          deviceId: ctx.deviceId,
          startedAt: now,
          endedAt: null,
          endedBy: null,
          notes: '',
          handoffBrief: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          handoffFromShiftId: pending?.id ?? null,
          createdAt: now,
          updatedAt: now,
        },
      },
    ],
  });
  writeSessionMeta(ctx, 'shiftId', id);
  writeSessionMeta(ctx, 'consoleLocked', '0');
  return getShiftState(ctx);
}

export function previewHandoff(
  ctx: BackendContext,
  input: ApiParsedInput<'previewHandoff'>,
): ApiOutput<'previewHandoff'> {
  return buildBriefFor(ctx, requireShift(ctx), input.notes);
}

export function endShift(
  ctx: BackendContext,
  input: ApiParsedInput<'endShift'>,
): ApiOutput<'endShift'> {
  const shift = requireShift(ctx);
  const result = endShiftRow(ctx, shift, input.notes, input.confirmAttention);
  clearDispatcher(ctx);
  return result;
}

export function acknowledgeHandoff(
  ctx: BackendContext,
  input: ApiParsedInput<'acknowledgeHandoff'>,
): ApiOutput<'acknowledgeHandoff'> {
  const current = requireShift(ctx);
  const row = loadShift(ctx, input.shiftId);
  if (!row.endedAt || !row.handoffBrief) throw refusal('refused', 'error.shift.noHandoff');
  if (row.acknowledgedAt)
    throw refusal('refused', 'error.shift.acknowledged', {
      name: row.acknowledgedBy ?? '?',
    });
  const now = iso(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'shift.handoff_acknowledged',
      message: `Hand-off brief from ${row.dispatcherName} acknowledged by ${current.dispatcherName}`,
      params: { from: row.dispatcherName, by: current.dispatcherName },
      entity: 'shift',
      entityId: row.id,
      incidentId: null,
    },
    changes: [
      {
        entity: 'shift',
        id: row.id,
        create: false,
        fields: { acknowledgedAt: now, acknowledgedBy: ctx.actor(), updatedAt: now },
      },
    ],
  });
  return shiftFromRow(loadShift(ctx, row.id));
}

export function lockConsole(ctx: BackendContext): ApiOutput<'lockConsole'> {
  requireShift(ctx);
  writeSessionMeta(ctx, 'consoleLocked', '1');
  return getShiftState(ctx);
}

export async function unlockConsole(
  ctx: BackendContext,
  input: ApiParsedInput<'unlockConsole'>,
): Promise<ApiOutput<'unlockConsole'>> {
  const shift = requireShift(ctx);
  const pin = findPin(ctx.db, shift.dispatcherName);
  if (!pin) throw refusal('refused', 'error.shift.noPin');
  await verifyPinRateLimited(ctx.db, pin, input.pin, ctx.now, ctx.pinHashCost);
  // The shift may have ended or changed hands while the PIN was being checked.
  if (openShift(ctx)?.id !== shift.id) throw refusal('conflict', 'error.shift.changedDuringPin');
  writeSessionMeta(ctx, 'consoleLocked', '0');
  return getShiftState(ctx);
}

export function getShiftMetrics(
  ctx: BackendContext,
  input: ApiParsedInput<'getShiftMetrics'>,
): ApiOutput<'getShiftMetrics'> {
  const shift = input.shiftId ? loadShift(ctx, input.shiftId) : requireShift(ctx);
  return shiftMetrics(ctx, shift);
}

export function getHandoffBriefPage(
  ctx: BackendContext,
  input: ApiParsedInput<'getHandoffBriefPage'>,
): ApiOutput<'getHandoffBriefPage'> {
  const row = loadShift(ctx, input.shiftId);
  if (!row.handoffBrief) throw refusal('refused', 'error.shift.noHandoff');
  return renderHandoffHtml(row.handoffBrief as HandoffBrief, {
    paper: input.paper,
    locale: input.locale,
    acknowledged:
      row.acknowledgedAt && row.acknowledgedBy
        ? { by: row.acknowledgedBy, at: row.acknowledgedAt }
        : null,
  });
}

export function listShifts(
  ctx: BackendContext,
  input: ApiParsedInput<'listShifts'>,
): ApiOutput<'listShifts'> {
  return ctx.db
    .select()
    .from(shifts)
    .orderBy(desc(shifts.startedAt))
    .limit(input.limit)
    .all()
    .map(shiftFromRow);
}

export const shiftHandlers = {
  getShiftState,
  signOn,
  previewHandoff,
  endShift,
  acknowledgeHandoff,
  lockConsole,
  unlockConsole,
  getShiftMetrics,
  getHandoffBriefPage,
  listShifts,
} satisfies Partial<Handlers>;
