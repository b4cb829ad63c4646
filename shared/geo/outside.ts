/**
 * Well-known places just outside the four counties, so that "Boston" or "Hartford" is answered
 * with "outside Western Mass" instead of silently turning into a local look-alike (the Boston
 * Road neighborhood of Springfield). Names only: the console never places a pin there. The
 * list is the cities and neighboring towns callers are likely to name, not a gazetteer.
 */
import { nameKey } from './normalize';

export interface OutsidePlace {
  name: string;
  /** Two-letter state. */
  state: string;
}

// prettier-ignore
const OUTSIDE: readonly OutsidePlace[] = [
  ...['Boston', 'Worcester', 'Cambridge', 'Lowell', 'Brockton', 'Quincy', 'Lynn', 'New Bedford',
    'Fall River', 'Framingham', 'Fitchburg', 'Leominster', 'Gardner', 'Athol', 'Winchendon',
    'Petersham', 'Barre', 'Hardwick', 'New Braintree', 'Warren', 'West Brookfield', 'Brookfield',
    'Sturbridge', 'Southbridge', 'Royalston', 'Phillipston', 'Templeton', 'Lawrence', 'Salem',
    'Plymouth', 'Cape Cod', 'Marlborough', 'Milford', 'Webster', 'Spencer'].map((name) => ({ name, state: 'MA' })),
  ...['Hartford', 'New Haven', 'Enfield', 'Suffield', 'Windsor Locks', 'Somers', 'Stafford',
    'Granby', 'Torrington', 'Waterbury', 'Bridgeport', 'Stamford', 'Manchester', 'Bristol',
    'Norfolk', 'Salisbury', 'Canaan'].map((name) => ({ name, state: 'CT' })),
  ...['Albany', 'Troy', 'Hudson', 'Hoosick Falls', 'New Lebanon', 'Hillsdale', 'Kinderhook',
    'Schenectady', 'New York'].map((name) => ({ name, state: 'NY' })),
  ...['Brattleboro', 'Bennington', 'Vernon', 'Guilford', 'Pownal', 'Wilmington'].map((name) => ({
    name,
    state: 'VT',
  })),
  ...['Keene', 'Hinsdale', 'Winchester', 'Richmond', 'Nashua', 'Concord'].map((name) => ({
    name,
    state: 'NH',
  })),
  ...['Providence', 'Woonsocket'].map((name) => ({ name, state: 'RI' })),
];

const byKey = new Map(OUTSIDE.map((p) => [nameKey(p.name), p]));

/**
 * The outside place the text names exactly ("boston", "Hartford, CT"), or null. Callers check
 * first that no place inside the region has that exact name (Richmond, Granby, Windsor,
 * Warren and Hinsdale exist on both sides of the line).
 */
export function outsidePlaceNamed(text: string): OutsidePlace | null {
  const key = nameKey(text.replace(/,?\s*\b(ma|mass|ct|conn|ny|vt|nh|ri)\b\.?\s*$/i, ''));
  return byKey.get(key) ?? null;
}
