/**
 * Offline geocoder from the command line (the same code the console's search box uses).
 *
 *   npx tsx scripts/geocode.ts "holyoke ma"
 *   npx tsx scripts/geocode.ts 12 Main St, Holyoke      (arguments are joined with spaces)
 *   npx tsx scripts/geocode.ts --pack wmass.pmtiles "Main & Dwight, Holyoke"
 *
 * With --pack (PMTiles or MBTiles), streets are placed on the pack's street index (built on
 * first use into <pack>.streets.sqlite). Prints one JSON object per line, best first; a place
 * outside Western Mass is said on stderr. Exit codes: 0 matches printed, 1 no match, 2 usage
 * error (no query, unreadable pack).
 */
import { geocode, outsideRegion, type StreetLookup } from '../shared/geo/geocoder';
import { openPackWithIndex, type OpenPack } from '../backend/map-pack/open-pack';

const args = process.argv.slice(2);
const packAt = args.indexOf('--pack');
const packPath = packAt >= 0 ? args[packAt + 1] : undefined;
if (packAt >= 0) args.splice(packAt, 2);
const query = args.join(' ').trim();
if (!query || (packAt >= 0 && !packPath)) {
  process.stderr.write(
    'usage: tsx scripts/geocode.ts [--pack FILE] "<place, ZIP, address or lat,lon>"\n',
  );
  process.exit(2);
}

let pack: OpenPack | null = null;
if (packPath) {
  try {
    pack = await openPackWithIndex(packPath);
  } catch (e) {
    process.stderr.write(`cannot read map pack ${packPath}: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
const streets: StreetLookup | undefined = pack?.index;

const outside = outsideRegion(query);
if (outside) process.stderr.write(`${outside.name}, ${outside.state} is outside Western Mass.\n`);
const candidates = geocode(query, 8, { streets });
await pack?.close();
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
