import type { Incident } from '../api/schemas';
import type { LanguageTag, ResponderRole } from '../domain/vocabulary';
import { translate, type Locale } from '../i18n';

/**
 * The short message a dispatcher sends a responder today by Signal or SMS (a gateway comes
 * later). In the responder's language when we have it (English and Spanish), otherwise both.
 * Never includes the caller, the people affected or the exact point when coarsening is on.
 */
export interface AlertInput {
  responderName: string;
  responderLanguages: readonly LanguageTag[];
  incident: Pick<Incident, 'type' | 'location'>;
  role: ResponderRole;
  /** Already coarsened by the caller when the settings say so. */
  meetingPoint: string;
  callback: string;
  networkName: string;
}

const TEMPLATES: Record<Locale, string> = {
  en:
    '{network}: {name}, you are asked as {role} for a {type} near {place}. ' +
    'Meet at: {meeting}. Reply YES or NO. Dispatch: {callback}',
  es:
    '{network}: {name}, te pedimos ir como {role} por {type} cerca de {place}. ' +
    'Punto de encuentro: {meeting}. Responde SÍ o NO. Despacho: {callback}',
};

export function alertLocales(languages: readonly LanguageTag[]): Locale[] {
  const locales: Locale[] = [];
  for (const l of languages)
    if ((l === 'en' || l === 'es') && !locales.includes(l)) locales.push(l);
  // Spanish first when someone speaks it: most calls and most responders' first language.
  if (locales.length === 0) return ['es', 'en'];
  return locales.includes('es') ? ['es'] : ['en'];
}

export function buildAlertText(input: AlertInput): { text: string; locales: Locale[] } {
  const firstName = input.responderName.split(/\s+/)[0] ?? input.responderName;
  const locales = alertLocales(input.responderLanguages);
  const text = locales
    .map((locale) =>
      TEMPLATES[locale]
        .replace('{network}', input.networkName)
        .replace('{name}', firstName)
        .replace('{role}', translate(locale, `role.${input.role}`).toLowerCase())
        .replace('{type}', translate(locale, `incidentType.${input.incident.type}`).toLowerCase())
        .replace('{place}', input.incident.location.town ?? input.incident.location.text)
        .replace('{meeting}', input.meetingPoint)
        .replace('{callback}', input.callback),
    )
    .join('\n\n');
  return { text, locales };
}
