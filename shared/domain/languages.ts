/**
 * Languages are open: a person may speak any language. A language is stored as a tag: the ISO 639
 * code when the language is one we know by name (639-1 where it exists, else 639-3: "tw" Twi,
 * "mam" Mam), otherwise the name as written, folded to lowercase ("k'iche'" stays readable).
 * The same canonical form is used for responders, incidents and matching, so "Twi", "twi" and
 * "tw" all find each other. Names below are the English and Spanish labels of common languages;
 * the aliases are how organizers and volunteers write them on forms.
 */
import { z } from 'zod';

export interface LanguageInfo {
  en: string;
  es: string;
  aliases: readonly string[];
}

export const KNOWN_LANGUAGES: Readonly<Record<string, LanguageInfo>> = {
  en: {
    en: 'English',
    es: 'Inglés',
    aliases: ['eng', 'ingles', 'anglais', 'angle', 'ingles basico'],
  },
  es: {
    en: 'Spanish',
    es: 'Español',
    aliases: ['spa', 'espanol', 'castellano', 'espagnol', 'panyol', 'espanhol'],
  },
  pt: {
    en: 'Portuguese',
    es: 'Portugués',
    aliases: [
      'por',
      'portugues',
      'brazilian portuguese',
      'portugais',
      'potige',
      'portugues brasileno',
    ],
  },
  ht: {
    en: 'Haitian Creole',
    es: 'Criollo haitiano',
    aliases: [
      'hat',
      'kreyol',
      'kreyol ayisyen',
      'creole',
      'haitian',
      'creole haitiano',
      'criollo',
      'creole haitien',
      'crioulo haitiano',
      'kreol',
    ],
  },
  fr: { en: 'French', es: 'Francés', aliases: ['fre', 'fra', 'frances', 'francais', 'franse'] },
  vi: { en: 'Vietnamese', es: 'Vietnamita', aliases: ['vie', 'tieng viet'] },
  ar: { en: 'Arabic', es: 'Árabe', aliases: ['ara', 'arabe'] },
  zh: { en: 'Chinese', es: 'Chino', aliases: ['zho', 'mandarin', 'chino mandarin', 'chines'] },
  yue: { en: 'Cantonese', es: 'Cantonés', aliases: ['cantones'] },
  ne: { en: 'Nepali', es: 'Nepalí', aliases: ['nep', 'nepalese'] },
  sw: { en: 'Swahili', es: 'Suajili', aliases: ['swa', 'kiswahili', 'swahili'] },
  ru: { en: 'Russian', es: 'Ruso', aliases: ['rus', 'russo'] },
  uk: { en: 'Ukrainian', es: 'Ucraniano', aliases: ['ukr', 'ucraniano'] },
  qu: { en: 'Quechua', es: 'Quechua', aliases: ['que', 'kichwa', 'runasimi'] },
  tw: { en: 'Twi', es: 'Twi', aliases: ['twi', 'akan twi', 'asante twi'] },
  ak: { en: 'Akan', es: 'Akan', aliases: ['aka', 'fante'] },
  so: { en: 'Somali', es: 'Somalí', aliases: ['som', 'af soomaali'] },
  am: { en: 'Amharic', es: 'Amárico', aliases: ['amh', 'amarico'] },
  ti: { en: 'Tigrinya', es: 'Tigriña', aliases: ['tir', 'tigrina'] },
  ps: { en: 'Pashto', es: 'Pastún', aliases: ['pus', 'pashtu', 'pastun'] },
  fa: { en: 'Persian', es: 'Persa', aliases: ['fas', 'farsi', 'dari', 'persa'] },
  hi: { en: 'Hindi', es: 'Hindi', aliases: ['hin'] },
  ur: { en: 'Urdu', es: 'Urdu', aliases: ['urd'] },
  bn: { en: 'Bengali', es: 'Bengalí', aliases: ['ben', 'bangla'] },
  my: { en: 'Burmese', es: 'Birmano', aliases: ['mya', 'birmano'] },
  km: { en: 'Khmer', es: 'Jemer', aliases: ['khm', 'cambodian', 'camboyano'] },
  ko: { en: 'Korean', es: 'Coreano', aliases: ['kor', 'coreano'] },
  tl: { en: 'Tagalog', es: 'Tagalo', aliases: ['tgl', 'filipino', 'tagalo'] },
  pl: { en: 'Polish', es: 'Polaco', aliases: ['pol', 'polaco'] },
  it: { en: 'Italian', es: 'Italiano', aliases: ['ita', 'italiano'] },
  de: { en: 'German', es: 'Alemán', aliases: ['deu', 'ger', 'aleman'] },
  asl: {
    en: 'American Sign Language',
    es: 'Lengua de señas americana',
    aliases: ['sign language', 'lengua de senas', 'lenguaje de senas'],
  },
  mam: { en: 'Mam', es: 'Mam', aliases: [] },
  quc: { en: "K'iche'", es: "K'iche'", aliases: ['kiche', 'quiche'] },
  kek: { en: "Q'eqchi'", es: "Q'eqchi'", aliases: ['qeqchi', 'kekchi'] },
};

/** Lowercase, accents and punctuation other than the apostrophe folded ("Kreyòl" -> "kreyol"). */
const foldName = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const BY_NAME = new Map<string, string>();
for (const [code, info] of Object.entries(KNOWN_LANGUAGES)) {
  BY_NAME.set(code, code);
  for (const name of [info.en, info.es, ...info.aliases]) {
    const key = foldName(name);
    BY_NAME.set(key, code);
    BY_NAME.set(key.replace(/'/g, ''), code);
  }
}

/** The tag of a language we know by code or name, else undefined. */
export function knownLanguage(text: string): string | undefined {
  const key = foldName(text);
  if (!key) return undefined;
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/'/g, ''));
}

/** The stored form of any language text: its ISO code when known, else the folded name. */
export function canonicalLanguage(text: string): string {
  return knownLanguage(text) ?? foldName(text);
}

/** A language's name for people, in English or Spanish; free-text tags as written. */
export function languageName(tag: string, locale: 'en' | 'es' = 'en'): string {
  const info = KNOWN_LANGUAGES[tag];
  if (info) return info[locale];
  return tag.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
}

/** A language at every boundary: any name or code, stored canonical (see canonicalLanguage). */
export const LanguageTagSchema = z
  .string()
  .trim()
  .min(1, 'A language is required')
  .max(40, 'At most 40 characters')
  .transform(canonicalLanguage);
