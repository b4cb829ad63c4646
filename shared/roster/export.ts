/**
 * Roster export (the columns the importer reads back, so export -> import round-trips) and the
 * merge rule for an imported row that matches someone already on the roster.
 */
import Papa from 'papaparse';
import type { Responder, ResponderFields } from '../api/schemas';
import { EXPORT_FIELDS, EXPORT_HEADERS, type ExportField } from './columns';
import { addTraining, formatTrainings, normalizePhone } from './normalize';
import { formatAvailability } from './availability';
import { languageName as nameOfLanguage } from '../domain/languages';

export const languageName = (tag: string): string => nameOfLanguage(tag, 'en');

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** A phone as typed when that still reads back as the same number, else its E.164 form. */
function phoneCell(p: ResponderFields['phones'][number]): string {
  const back = normalizePhone(p.original);
  const text = back.ok && back.value.e164 === p.e164 ? p.original : p.e164;
  return p.label ? `${text} (${p.label})` : text;
}

function cell(r: ResponderFields, field: ExportField): string {
  switch (field) {
    case 'name':
      return r.name;
    case 'phones':
      return r.phones.map(phoneCell).join('; ');
    case 'languages':
      return r.languages.map(languageName).join(', ');
    case 'roles':
      return r.roles.map((role) => role.replace(/_/g, ' ')).join(', ');
    case 'trainings':
      return formatTrainings(r.trainings);
    case 'homeTown':
      return r.homeTown;
    case 'availability':
      return formatAvailability(r.availability);
    case 'onCall':
      return yesNo(r.onCall);
    case 'hasCar':
      return yesNo(r.hasCar);
    case 'maxTravelMinutes':
      return String(r.maxTravelMinutes);
    case 'avoidEnforcementScenes':
      return yesNo(r.avoidEnforcementScenes);
    case 'notes':
      return r.notes;
    case 'active':
      return yesNo(r.active);
    case 'textsStatus':
      return r.phones.some((p) => p.noTexts) ? 'unsubscribed' : '';
  }
}

/**
 * CSV text (UTF-8 with a BOM so Excel shows accents; the importer drops the BOM). Cells that a
 * spreadsheet would run as a formula (=, +, -, @ first) are prefixed with ' so an exported roster
 * opened in Excel cannot execute anything someone typed into a name or a note.
 */
export function rosterToCsv(responders: readonly ResponderFields[]): string {
  const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) && !/^\+\d/.test(v) ? `'${v}` : v);
  const data = responders.map((r) => EXPORT_FIELDS.map((f) => defuse(cell(r, f))));
  return (
    '\uFEFF' +
    Papa.unparse({ fields: EXPORT_FIELDS.map((f) => EXPORT_HEADERS[f]), data }, { newline: '\r\n' })
  );
}

/**
 * What merging an imported row into an existing responder changes. Nothing known about the person
 * is lost: phones, languages, roles and availability windows are the union of both; a training
 * is replaced only by a more recent one of the same kind; notes are joined; an opt-out of texts
 * and the personal-risk flag are only ever turned ON (the safer reading of two sources). Name,
 * town and the other settings stay as the roster has them. Returns only the changed fields.
 */
export function mergeResponderFields(
  existing: Responder,
  incoming: ResponderFields,
): Partial<ResponderFields> {
  const patch: Partial<ResponderFields> = {};
  const phones = existing.phones.map((p) => ({ ...p }));
  let phonesChanged = false;
  for (const p of incoming.phones) {
    const same = phones.find((q) => q.e164 === p.e164);
    if (same) {
      if (p.noTexts && !same.noTexts) {
        same.noTexts = true;
        phonesChanged = true;
      }
    } else if (phones.length < 4) {
      phones.push(p);
      phonesChanged = true;
    }
  }
  if (phonesChanged) patch.phones = phones;
  const languages = [...new Set([...existing.languages, ...incoming.languages])].slice(0, 8);
  if (languages.length !== existing.languages.length) patch.languages = languages;
  const roles = [...new Set([...existing.roles, ...incoming.roles])];
  if (roles.length !== existing.roles.length) patch.roles = roles;
  const trainings = existing.trainings.map((t) => ({ ...t }));
  for (const t of incoming.trainings) addTraining(trainings, t);
  if (JSON.stringify(trainings) !== JSON.stringify(existing.trainings))
    patch.trainings = trainings.slice(0, 20);
  const availability = [...existing.availability];
  for (const w of incoming.availability)
    if (!availability.some((x) => x.day === w.day && x.start === w.start && x.end === w.end))
      availability.push(w);
  if (availability.length !== existing.availability.length)
    patch.availability = availability.slice(0, 50);
  const extra = incoming.notes.trim();
  if (extra && !existing.notes.includes(extra)) {
    const joined = [existing.notes.trim(), extra].filter(Boolean).join('\n');
    patch.notes = joined.length > 1000 ? `${joined.slice(0, 999)}…` : joined;
  }
  if (incoming.avoidEnforcementScenes && !existing.avoidEnforcementScenes)
    patch.avoidEnforcementScenes = true;
  return patch;
}
