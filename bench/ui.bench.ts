import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { launchConsole, CHROMIUM_PATH, type ConsoleUnderTest } from '../test/e2e/console-harness';
import { latencyFigures, percentile, type BenchResult } from './bench-kit';
import { seedScaleNetwork, STATEWIDE, type ScaleSize } from './seed-scale';
import type { ConsoleBackend } from '../backend/console-backend';
import { startRelay } from '../relay/server';
import {
  intakeSaveToCard,
  noteLocalVisible,
  noteRemoteVisible,
  selectBoardCard,
} from './ui-incident-screens';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rebuildRosterIndex } from '../backend/matching/roster-cache';

/**
 * The screen at the scale of a statewide network: Chromium in browser mode over a console seeded
 * with 100,000 responders, 5,000 open and 50,000 closed incidents (BENCH_UI_SCALE=0.1 for a
 * quick run), and a plain Leaflet + supercluster page over the same points as the map's peer.
 * Needs a current build (npm run build).
 */
export const scale = Number(process.env.BENCH_UI_SCALE ?? '1');
export const SIZE: ScaleSize = {
  responders: Math.round(STATEWIDE.responders * scale),
  open: Math.round(STATEWIDE.open * scale),
  closed: Math.round(STATEWIDE.closed * scale),
};
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const MARKER = '[data-testid="map"] .leaflet-marker-icon, #map .leaflet-marker-icon';

const round = (x: number) => Math.round(x * 10) / 10;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Navigation until the first map marker (cluster or point) is drawn, `runs` times. */
async function firstPaint(page: Page, url: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto('about:blank');
    samples.push(
      await timed(async () => {
        await page.goto(url);
        await page.locator(MARKER).first().waitFor({ timeout: 60_000 });
      }),
    );
  }
  return samples;
}

/** Frame intervals (rAF to rAF) while the map is dragged around and zoomed with the wheel. */
async function panFrames(page: Page, mapSelector: string): Promise<number[]> {
  const box = (await page.locator(mapSelector).first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A string, not a function: tsx's name helpers do not exist inside the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  for (let round = 0; round < 3; round++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(cx + i * 12, cy + i * 6);
    for (let i = 19; i >= 0; i--) await page.mouse.move(cx + i * 12, cy + i * 6);
    await page.mouse.up();
    for (const delta of [-240, -240, 240, 240]) {
      await page.mouse.wheel(0, delta);
      await page.waitForTimeout(120);
    }
  }
  return page.evaluate<number[]>('(window.__stop = true, window.__frames.slice(1))');
}

function startPeer(points: [number, number][]): Promise<{ server: Server; url: string }> {
  const files: Record<string, [string, string]> = {
    '/': [join(import.meta.dirname, 'peer-map', 'index.html'), 'text/html'],
    '/leaflet.js': [resolve('node_modules/leaflet/dist/leaflet.js'), 'text/javascript'],
    '/leaflet.css': [resolve('node_modules/leaflet/dist/leaflet.css'), 'text/css'],
    '/supercluster.min.js': [
      resolve('node_modules/supercluster/dist/supercluster.min.js'),
      'text/javascript',
    ],
  };
  const pointsJson = JSON.stringify(points);
  const server = createServer((req, res) => {
    if (req.url === '/points.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(pointsJson);
      return;
    }
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

function mapPoints(backend: ConsoleBackend): [number, number][] {
  const db = backend.ctx.db.$client;
  const rows = db
    .prepare(
      `SELECT home_lon AS lon, home_lat AS lat FROM responders WHERE active = 1
       UNION ALL SELECT lon, lat FROM incidents WHERE status <> 'closed' AND merged_into_id IS NULL`,
    )
    .all() as { lon: number; lat: number }[];
  return rows.map((r) => [r.lon, r.lat]);
}

async function searchRuns(
  page: Page,
  input: string,
  /** Done when the first `selector` reads `text`, or (without `text`) exactly one shows. */
  queries: { text: string; done: { selector: string; text?: string } }[],
): Promise<{ samples: number[]; missed: number }> {
  const samples: number[] = [];
  let missed = 0;
  for (const q of queries) {
    await page.locator(input).fill('');
    await page.waitForTimeout(1000); // the unfiltered list settles first
    try {
      samples.push(
        await timed(async () => {
          await page.locator(input).fill(q.text);
          // A function, not a string: the console's CSP forbids eval.
          await page.waitForFunction(
            ({ selector, text }) => {
              const found = document.querySelectorAll(selector);
              return text === undefined ? found.length === 1 : found[0]?.textContent === text;
            },
            q.done,
            { polling: 'raf', timeout: 10_000 },
          );
        }),
      );
    } catch (error) {
      missed++;
      const seen = await page.evaluate<string>(
        `document.querySelectorAll('[data-testid="incident-item"]').length + ' incident items, ' + document.querySelectorAll('[data-testid="responder-item"]').length + ' responder items'`,
      );
      console.error(
        `missed: "${q.text}" did not show within 10 s (${seen}): ${String(error).slice(0, 200)}`,
      );
    }
  }
  await page.locator(input).fill('');
  return { samples, missed };
}

/** The time from a click on an incident's card until its ranked candidates are on screen. */
async function candidatesShown(page: Page, incidentId: string): Promise<number> {
  const card = page.locator(`[data-testid="incident-card"][data-incident-id="${incidentId}"]`);
  await card.scrollIntoViewIfNeeded();
  return timed(async () => {
    await card.click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(
          `[data-testid="candidates-view"][data-incident-id="${id}"] #ranked-heading`,
        ) !== null,
      incidentId,
      { polling: 'raf', timeout: 20_000 },
    );
  });
}

/**
 * Candidates for `n` different incidents, in board order: the board draws only the cards in
 * view, so it is scrolled a screen further whenever the cards drawn are used up.
 */
async function candidatesForIncidents(page: Page, n: number): Promise<number[]> {
  const seen = new Set<string>();
  const samples: number[] = [];
  for (let screen = 0; samples.length < n && screen < 50; screen++) {
    const ids = await page
      .locator('[data-testid="incident-card"]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-incident-id') ?? ''));
    for (const id of ids) {
      if (samples.length >= n) break;
      if (!id || seen.has(id)) continue;
      seen.add(id);
      samples.push(await candidatesShown(page, id));
    }
    await page.getByTestId('incident-list').evaluate((list) => list.scrollBy(0, list.clientHeight));
    await page.waitForTimeout(300);
  }
  return samples;
}

/**
 * The responder side of the screen: roster search (keystrokes to the person's row shown) and
 * candidates for a selected incident, warm (the roster index loaded) and cold (the console just
 * opened: the index is loading while the page does, and the dispatcher clicks the first incident
 * as soon as the board shows).
 */
export async function responderSideBenches(
  page: Page,
  backend: ConsoleBackend,
  url: string,
): Promise<BenchResult[]> {
  // The roster shows active people by default: search for active ones.
  const isActive = backend.ctx.db.$client.prepare('SELECT active FROM responders WHERE name = ?');
  const people = [
    7, 123, 4_567, 45_678, 77_777, 99_999, 31_415, 2_718, 86_420, 13_579, 555, 60_606, 24_680,
    97_531, 11_111, 50_505, 68_686, 39_393, 82_828, 7_070, 91_919, 33_033, 58_585, 14_141,
  ]
    .map((k) => Math.min(k, SIZE.responders - 1))
    .filter((k) => (isActive.get(`Synthetic Person ${k}`) as { active: number }).active === 1)
    .slice(0, 20);
  await page.getByRole('tab', { name: 'Roster' }).click();
  const roster = await searchRuns(
    page,
    '#responder-search',
    people.map((k) => ({
      text: `Synthetic Person ${k}`,
      done: {
        selector: '[data-testid="responder-item"] .responder-item__name',
        text: `Synthetic Person ${k}`,
      },
    })),
  );
  const results = [latencyFigures('ui.roster_search', roster.samples, { missed: roster.missed })];

  results.push(latencyFigures('ui.candidates_warm', await candidatesForIncidents(page, 15)));

  const cold: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto('about:blank');
    rebuildRosterIndex(backend.ctx);
    await page.goto(url);
    await page.getByTestId('incident-item').first().waitFor({ timeout: 60_000 });
    const ids = await page
      .locator('[data-testid="incident-card"]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-incident-id') ?? ''));
    cold.push(await candidatesShown(page, ids[run % ids.length]!));
  }
  results.push(latencyFigures('ui.candidates_cold', cold));
  return results;
}

/**
 * `map.first_paint` and `map.pan_frame`, each beside the plain Leaflet + supercluster peer
 * measured in the same run over the same points.
 */
export async function mapBenches(c: ConsoleUnderTest, seedMs: number): Promise<BenchResult[]> {
  const points = mapPoints(c.backend!);
  const peer = await startPeer(points);
  const peerBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const peerPage = await peerBrowser.newPage({ viewport: { width: 1440, height: 900 } });
    const peerPaint = await firstPaint(peerPage, peer.url, 5);
    const peerPan = await panFrames(peerPage, '#map');
    await peerPage.close();

    const { page } = c;
    const paint = await firstPaint(page, c.url!, 5);
    const pan = await panFrames(page, '[data-testid="map"]');
    const domNodes = await page.evaluate<number>("document.getElementsByTagName('*').length");
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    return [
      latencyFigures('map.first_paint', paint, {
        peer_p50_ms: round(percentile(sorted(peerPaint), 50)),
        peer_p95_ms: round(percentile(sorted(peerPaint), 95)),
        points: points.length,
        seed_ms: Math.round(seedMs),
      }),
      latencyFigures('map.pan_frame', pan, {
        peer_p50_ms: round(percentile(sorted(peerPan), 50)),
        peer_p95_ms: round(percentile(sorted(peerPan), 95)),
        dom_nodes: domNodes,
      }),
    ];
  } finally {
    await peerBrowser.close();
    peer.server.close();
  }
}

export default async function uiBench(): Promise<BenchResult[]> {
  const seedStarted = performance.now();
  const c = await launchScaleConsole('Ana Bench', '246813');
  const seedMs = performance.now() - seedStarted;
  const results: BenchResult[] = [];
  try {
    results.push(...(await mapBenches(c, seedMs)));
    const { page } = c;

    // A fresh page for the lists: the map runs above may have selected or zoomed to something.
    await page.goto(c.url!);
    await page.getByTestId('incident-item').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    results.push(await boardSearch(page));
    results.push(...(await responderSideBenches(page, c.backend!, c.url!)));
    results.push(...(await incidentScreens(c)));
  } finally {
    await c.close();
  }
  return results;
}

/** Board search over every open and closed incident, from the keystroke to the one card shown. */
export async function boardSearch(page: Page): Promise<BenchResult> {
  const reports = [0, 17, 404, 999, 2_345, 3_000, 4_321, 4_999].map(
    (k) => SIZE.closed + Math.min(k, SIZE.open - 1),
  );
  const board = await searchRuns(
    page,
    '#board-search',
    reports.map((k) => ({
      text: `Synthetic report ${k}`,
      done: { selector: '[data-testid="incident-item"]' },
    })),
  );
  return latencyFigures('ui.board_search', board.samples, { missed: board.missed });
}

/**
 * A console seeded at SIZE without the demo network (a demo console may not join a relay), with
 * a dispatcher signed on.
 */
export async function launchScaleConsole(name: string, pin: string) {
  return launchConsole({
    demo: false,
    beforeOpen: async (backend) => {
      seedScaleNetwork(backend.ctx, SIZE);
      const signed = await backend.call('signOn', { name, pin, newDispatcher: true });
      if (!signed.ok) throw new Error(signed.error.message);
    },
  });
}

/**
 * The incident side: an intake saved until its card and marker show, a note until it shows on
 * this console, and on a second console of the same size joined through a relay on loopback.
 */
export async function incidentScreens(a: ConsoleUnderTest): Promise<BenchResult[]> {
  const { page } = a;
  await page.goto(a.url!);
  await page.getByTestId('incident-item').first().waitFor({ timeout: 60_000 });
  const intake = await intakeSaveToCard(page, 12);
  const local = await noteLocalVisible(page, 12);
  const incidentId = await selectBoardCard(page, 3);

  const dir = mkdtempSync(join(tmpdir(), 'ui-bench-relay-'));
  const relay = await startRelay({ port: 0, dataDir: dir, log: () => {}, openRegistration: true });
  const b = await launchScaleConsole('Beto Bench', '135724');
  try {
    for (const backend of [a.backend!, b.backend!]) {
      const joined = await backend.call('joinNetwork', {
        relayUrl: `http://127.0.0.1:${relay.port}`,
        network: 'bench-network',
        passphrase: 'bench network passphrase, fictional',
      });
      if (!joined.ok) throw new Error(joined.error.message);
    }
    await b.page.getByTestId('incident-item').first().waitFor({ timeout: 60_000 });
    for (const c of [a, b])
      await c.page
        .getByTestId('relay-state')
        .filter({ hasText: /Connected/ })
        .waitFor({ timeout: 30_000 });
    const remote = await noteRemoteVisible(page, b.page, incidentId, 12);
    return [
      latencyFigures('ui.intake_save_to_card', intake),
      latencyFigures('ui.note_local_visible', local),
      latencyFigures('ui.note_remote_visible', remote),
    ];
  } finally {
    await b.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
