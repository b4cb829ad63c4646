/**
 * Offline geocoder from the command line (the same code the console's search box uses).
 *
 *   npx tsx scripts/geocode.ts "holyoke ma"
 *   npx tsx scripts/geocode.ts 12 Main St, Holyoke      (arguments are joined with spaces)
 *
 * Prints one JSON object per line, best first. Exit codes: 0 matches printed, 1 no match,
 * 2 usage error (no query).
 */
import { geocode } from '../shared/geo/geocoder';

const query = process.argv.slice(2).join(' ').trim();
if (!query) {
  process.stderr.write('usage: tsx scripts/geocode.ts "<place, ZIP, address or lat,lon>"\n');
  process.exit(2);
}

const candidates = geocode(query);
if (candidates.length === 0) {
  process.stderr.write(`no match for ${JSON.stringify(query)}\n`);
  process.exit(1);
}
for (const c of candidates) {
  const { name, kind, lat, lon, precision, town, county, streetText, label, score } = c;
  process.stdout.write(
    `${JSON.stringify({ name, kind, lat, lon, precision, town, county, streetText, label, score })}\n`,
  );
}
