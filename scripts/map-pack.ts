/**
 * Offline street-map packs from the command line.
 *
 *   npx tsx scripts/map-pack.ts streets FILE    the indexed streets, one JSON object a line
 *                                              ({name, town, segments}), by town then name
 *   npx tsx scripts/map-pack.ts info FILE       format, zooms, bounds, layers and index counts
 *
 * FILE is a PMTiles or MBTiles pack; its street index is built on first use into
 * <FILE>.streets.sqlite. Exit codes: 0 done, 2 usage error or unreadable pack.
 */
import { openPackWithIndex } from '../backend/map-pack/open-pack';

const [command, file] = process.argv.slice(2);
if (!file || (command !== 'streets' && command !== 'info')) {
  process.stderr.write('usage: tsx scripts/map-pack.ts streets|info FILE\n');
  process.exit(2);
}

try {
  const pack = await openPackWithIndex(file);
  if (command === 'streets') {
    for (const s of pack.index.streets()) process.stdout.write(`${JSON.stringify(s)}\n`);
  } else {
    const info = await pack.reader.info();
    process.stdout.write(`${JSON.stringify({ ...info, ...pack.index.counts() })}\n`);
  }
  await pack.close();
} catch (e) {
  process.stderr.write(`cannot read map pack ${file}: ${(e as Error).message}\n`);
  process.exit(2);
}
