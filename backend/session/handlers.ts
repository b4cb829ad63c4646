import type { BackendContext, Handlers } from '../context';
import { settings } from '../../db/schema';
import { mutate } from '../mutation';
import { readMeta, writeSessionMeta } from '../local-meta';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/domain/settings';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { DEFAULT_DISPATCHER } from '../../shared/api/session';
import { inEnglish, refusal } from '../refusal';

export { DEFAULT_DISPATCHER } from '../../shared/api/session';

/** Stored settings over the defaults; a stored value that no longer validates falls back. */
export function loadSettings(ctx: Pick<BackendContext, 'db'>): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of ctx.db.select().from(settings).all()) {
    const candidate = { ...merged, [row.id]: row.value };
    if (SettingsSchema.safeParse(candidate).success) merged[row.id] = row.value;
  }
  return SettingsSchema.parse(merged);
}

export function getSession(ctx: BackendContext): ApiOutput<'getSession'> {
  return {
    deviceId: ctx.deviceId,
    dispatcherName: readMeta(ctx.db, 'dispatcherName') ?? DEFAULT_DISPATCHER,
    relay: ctx.relayState(),
    settings: loadSettings(ctx),
    mode: ctx.mode,
  };
}

export function setDispatcherName(
  ctx: BackendContext,
  input: ApiParsedInput<'setDispatcherName'>,
): ApiOutput<'setDispatcherName'> {
  // Every change is attributed to the dispatcher on shift: the name changes only by signing on.
  if (readMeta(ctx.db, 'shiftId')) {
    throw refusal(
      'refused',
      'error.shift.nameWhileOnShift',
      {},
      { name: inEnglish('error.shift.nameWhileOnShift') },
    );
  }
  writeSessionMeta(ctx, 'dispatcherName', input.name);
  return getSession(ctx);
}

export function updateSettings(
  ctx: BackendContext,
  input: ApiParsedInput<'updateSettings'>,
): ApiOutput<'updateSettings'> {
  const current = loadSettings(ctx);
  const next = SettingsSchema.parse({ ...current, ...input });
  const now = new Date(ctx.now()).toISOString();
  const keys = Object.keys(input) as (keyof Settings)[];
  const existing = new Set(
    ctx.db
      .select({ id: settings.id })
      .from(settings)
      .all()
      .map((r) => r.id),
  );
  mutate(ctx, {
    activity: {
      kind: 'settings.updated',
      message: `Settings changed: ${keys.join(', ')}`,
      params: { keys: keys.join(', ') },
      entity: 'setting',
      entityId: keys[0] ?? 'settings',
      incidentId: null,
    },
    changes: keys.map((key) => ({
      entity: 'setting' as const,
      id: key,
      create: !existing.has(key),
      fields: { value: next[key], updatedAt: now },
    })),
  });
  return next;
}

export const sessionHandlers = {
  getSession,
  setDispatcherName,
  updateSettings,
} satisfies Partial<Handlers>;
