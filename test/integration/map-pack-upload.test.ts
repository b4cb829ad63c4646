import { textFor } from '../../shared/i18n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllPacks } from '../../backend/map-pack/pack-store';
import { tempBackend, value } from './helpers';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'map-packs');
const packBytes = () => readFileSync(join(fixtures, 'test-streets.pmtiles'));

describe('a street pack sent in pieces and snapping to its streets', () => {
  let env: ReturnType<typeof tempBackend> | undefined;
  afterEach(async () => {
    await closeAllPacks();
    env?.cleanup();
    env = undefined;
  });

  const sendInPieces = async (
    backend: ReturnType<typeof tempBackend>['backend'],
    bytes: Buffer,
    size: number,
  ) => {
    let last = null;
    for (let offset = 0; offset < bytes.length; offset += size) {
      const piece = bytes.subarray(offset, offset + size);
      last = value(
        await backend.call('uploadMapPackChunk', {
          uploadId: 'upload-test-1',
          fileName: 'my streets.pmtiles',
          offset,
          dataBase64: piece.toString('base64'),
          last: offset + size >= bytes.length,
        }),
      );
    }
    return last!;
  };

  it('installs a pack received in pieces, as importMapPack would', async () => {
    env = tempBackend();
    const bytes = packBytes();
    const done = await sendInPieces(env.backend, bytes, 64 * 1024);
    expect(done.received).toBe(bytes.length);
    expect(done.status?.installed).toMatchObject({ format: 'pmtiles', towns: 4 });
    expect(value(await env.backend.call('getMapPackStatus', {})).installed?.fileName).toBe(
      'my-streets.pmtiles',
    );
  });

  it('refuses a piece out of order and a file that is not a pack', async () => {
    env = tempBackend();
    const bytes = packBytes();
    const first = {
      uploadId: 'upload-test-2',
      fileName: 'a.pmtiles',
      dataBase64: bytes.subarray(0, 1000).toString('base64'),
      last: false,
    };
    value(await env.backend.call('uploadMapPackChunk', { ...first, offset: 0 }));
    const skipped = await env.backend.call('uploadMapPackChunk', { ...first, offset: 5000 });
    expect(skipped.ok).toBe(false);
    if (!skipped.ok) {
      expect(skipped.error.message).toMatch(/out of order/);
      expect(skipped.error.text && textFor('es', skipped.error.text)).toBe(
        'La carga llegó desordenada (se esperaba el byte 1000 y llegó el 5000); empiece de nuevo.',
      );
    }

    const fake = await env.backend.call('uploadMapPackChunk', {
      uploadId: 'upload-test-3',
      fileName: 'notes.pmtiles',
      offset: 0,
      dataBase64: Buffer.from('not a pack').toString('base64'),
      last: true,
    });
    expect(fake.ok).toBe(false);
    if (!fake.ok) expect(fake.error.fieldErrors?.fileName).toMatch(/not a PMTiles or MBTiles/);
    expect(value(await env.backend.call('getMapPackStatus', {}))).toEqual({ installed: null });
  });

  it('snaps a point near Main Street, Holyoke onto it, and nothing without a pack', async () => {
    env = tempBackend();
    expect(value(await env.backend.call('snapToStreet', { lat: 42.2, lon: -72.6 }))).toEqual({
      street: null,
    });
    value(
      await env.backend.call('importMapPack', { path: join(fixtures, 'test-streets.pmtiles') }),
    );
    const [main] = value(await env.backend.call('geocodeStreets', { query: 'Main St, Holyoke' }));
    expect(main).toMatchObject({ precision: 'street' });
    // About 15 m off the street's point.
    const near = { lat: main!.lat + 0.0001, lon: main!.lon + 0.0001 };
    const { street } = value(
      await env.backend.call('snapToStreet', { lat: near.lat, lon: near.lon }),
    );
    expect(street).toMatchObject({ name: 'Main Street', town: 'Holyoke' });
    expect(street!.distanceM).toBeLessThan(30);
    const far = value(
      await env.backend.call('snapToStreet', { lat: main!.lat + 0.05, lon: main!.lon }),
    );
    expect(far.street).toBeNull();
  });
});
