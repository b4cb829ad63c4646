/**
 * The short reference printed on briefings and hand-off briefs (the id's last six characters,
 * upper case): what a responder reads out on the phone, so the board shows it and finds it.
 */
export const incidentRef = (id: string): string => id.slice(-6).toUpperCase();

/** A typed search that is a short reference ("A1B2C3" or "#a1b2c3"), as its canonical form. */
export function asIncidentRef(query: string): string | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(query.trim());
  return m ? m[1]!.toUpperCase() : null;
}
