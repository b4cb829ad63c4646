import { describe, expect, it } from 'vitest';
import type { ApiInput } from '../../../../shared/api/contract';
import { uploadMapPack } from './map-pack-upload';

type Piece = ApiInput<'uploadMapPackChunk'>;

/** A console that keeps what it receives and installs on the last piece. */
function fakeConsole(refuseAt?: number) {
  const pieces: Piece[] = [];
  let received = 0;
  return {
    pieces,
    api: {
      uploadMapPackChunk: async (p: Piece) => {
        pieces.push(p);
        if (refuseAt !== undefined && p.offset >= refuseAt)
          return { ok: false as const, error: { code: 'invalid_input' as const, message: 'no' } };
        received += atob(p.dataBase64).length;
        const status = p.last
          ? {
              installed: {
                fileName: p.fileName,
                format: 'pmtiles' as const,
                bytes: received,
                minZoom: 0,
                maxZoom: 14,
                bounds: [0, 0, 1, 1] as [number, number, number, number],
                layers: [],
                attribution: '',
                streetSegments: 1,
                landmarks: 0,
                towns: 1,
                path: `map-pack/${p.fileName}`,
              },
            }
          : null;
        return { ok: true as const, value: { received, status } };
      },
    },
  };
}

const MiB = 1024 * 1024;

describe('sending a street pack in pieces', () => {
  it('sends 1 MiB pieces in order, the last one marked, and reports progress', async () => {
    const bytes = new Uint8Array(2 * MiB + 10).map((_, i) => i % 251);
    const file = new File([bytes], 'wmass.pmtiles');
    const host = fakeConsole();
    const progress: number[] = [];
    const r = await uploadMapPack(host.api, file, (sent) => progress.push(sent));
    expect(r.ok && r.value.installed?.bytes).toBe(bytes.length);
    expect(host.pieces.map((p) => [p.offset, p.last])).toEqual([
      [0, false],
      [MiB, false],
      [2 * MiB, true],
    ]);
    expect(new Set(host.pieces.map((p) => p.uploadId)).size).toBe(1);
    expect(progress).toEqual([0, MiB, 2 * MiB, bytes.length]);
  });

  it('stops at the first piece the console refuses and says why', async () => {
    const file = new File([new Uint8Array(3 * MiB)], 'wmass.pmtiles');
    const host = fakeConsole(MiB);
    const r = await uploadMapPack(host.api, file, () => {});
    expect(r.ok).toBe(false);
    expect(host.pieces).toHaveLength(2);
  });
});
