import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  buildContentSecurityPolicy,
  consoleWebPreferences,
  contentTypeFor,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppAsset,
  tileOriginsFromTemplate,
} from '../../electron/policy';
import { applyFuses, fuseMismatches, PACKAGED_FUSES } from '../../scripts/apply-fuses';

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values] as const;
    }),
  );

describe('tileOriginsFromTemplate', () => {
  it('takes the origin of a plain https template', () => {
    expect(tileOriginsFromTemplate('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual([
      'https://tile.openstreetmap.org',
    ]);
  });

  it('expands {s} to the Leaflet default subdomains', () => {
    expect(tileOriginsFromTemplate('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toEqual([
      'https://a.tile.example.org',
      'https://b.tile.example.org',
      'https://c.tile.example.org',
    ]);
  });

  it('keeps an explicit port and lowercases the host', () => {
    expect(tileOriginsFromTemplate('https://Tiles.Example.org:8443/{z}/{x}/{y}.png?key=1')).toEqual(
      ['https://tiles.example.org:8443'],
    );
  });

  it.each([
    'http://tile.openstreetmap.org/{z}/{x}/{y}.png',
    'file:///etc/{z}/{x}/{y}.png',
    'javascript:alert(1)//{z}',
    '//tile.openstreetmap.org/{z}/{x}/{y}.png',
    'https://user:pw@tile.example.org/{z}/{x}/{y}.png',
    "https://tile.example.org';script-src 'unsafe-eval'/{z}",
    'https://*.example.org/{z}/{x}/{y}.png',
    'https://{r}.example.org/{z}/{x}/{y}.png',
    'https:///{z}/{x}/{y}.png',
    '',
  ])('rejects %j', (template) => {
    expect(tileOriginsFromTemplate(template)).toEqual([]);
  });
});

describe('buildContentSecurityPolicy', () => {
  const tileOrigins = tileOriginsFromTemplate('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
  const csp = buildContentSecurityPolicy({ tileOrigins });
  const map = directives(csp);

  it('never allows eval or inline script', () => {
    expect(csp).not.toContain('unsafe-eval');
    expect(map.get('script-src')).toEqual(["'self'"]);
  });

  it('lists the tile origin in img-src and nowhere else', () => {
    expect(map.get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://tile.openstreetmap.org',
    ]);
    for (const [name, values] of map) {
      if (name !== 'img-src') expect(values).not.toContain('https://tile.openstreetmap.org');
    }
  });

  it('locks everything else down', () => {
    expect(map.get('default-src')).toEqual(["'none'"]);
    expect(map.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(map.get('font-src')).toEqual(["'self'"]);
    expect(map.get('connect-src')).toEqual(["'self'"]);
    expect(map.get('object-src')).toEqual(["'none'"]);
    expect(map.get('base-uri')).toEqual(["'none'"]);
    expect(map.get('form-action')).toEqual(["'none'"]);
    expect(map.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('drops tile origins that could inject CSP syntax', () => {
    const hostile = buildContentSecurityPolicy({
      tileOrigins: [
        "https://x.org; script-src 'unsafe-eval'",
        'http://plain.org',
        '*',
        'https://ok.org',
      ],
    });
    expect(hostile).not.toContain('unsafe-eval');
    expect(hostile).not.toContain('plain.org');
    expect(directives(hostile).get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://ok.org',
    ]);
  });

  it('works with no tile origins at all', () => {
    expect(directives(buildContentSecurityPolicy({ tileOrigins: [] })).get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
    ]);
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    `${APP_ORIGIN}/`,
    `${APP_ORIGIN}/index.html`,
    `${APP_ORIGIN}/index.html?x=1#board`,
    APP_ORIGIN,
  ])('allows %s', (url) => expect(isAllowedNavigation(url)).toBe(true));

  it.each([
    'https://tile.openstreetmap.org/',
    'https://evil.example/',
    'http://console/',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://console.evil.example/',
    'app://console:8080/',
    'app://console@evil.example/',
    'app://user:pw@console/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedNavigation(url)).toBe(false));
});

describe('resolveAppAsset', () => {
  const root = resolve('/srv/console/out/renderer');

  it('serves index.html for the root', () => {
    expect(resolveAppAsset(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, `${APP_ORIGIN}/?token=1`)).toBe(join(root, 'index.html'));
  });

  it('maps asset paths under the root, ignoring query and hash', () => {
    expect(resolveAppAsset(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppAsset(root, `${APP_ORIGIN}/assets/marker%20icon.png?v=2#x`)).toBe(
      join(root, 'assets', 'marker icon.png'),
    );
  });

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/assets/../../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/%2E%2E/%2e%2e/etc/passwd`,
    `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`,
    `${APP_ORIGIN}/..%5c..%5csecret.txt`,
    `${APP_ORIGIN}/assets\\..\\..\\secret.txt`,
    `${APP_ORIGIN}//etc/passwd`,
    `${APP_ORIGIN}/%2fetc%2fpasswd`,
    `${APP_ORIGIN}/C:/Windows/win.ini`,
    `${APP_ORIGIN}/C%3a%5cWindows%5cwin.ini`,
    `${APP_ORIGIN}/index.html%00.png`,
    `${APP_ORIGIN}/index.html\0.png`,
    `${APP_ORIGIN}/.env`,
    `${APP_ORIGIN}/%`,
  ])('refuses traversal or odd paths: %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it.each([
    'app://other/index.html',
    'app://console.evil/index.html',
    'app://user@console/index.html',
    'https://console/index.html',
    'file:///srv/console/out/renderer/index.html',
    'not a url',
  ])('refuses other origins: %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('never returns a path outside the root', () => {
    const probes = ['a', 'assets/x.js', 'deep/er/file.css', 'x%2Fy'];
    for (const probe of probes) {
      const file = resolveAppAsset(root, `${APP_ORIGIN}/${probe}`);
      expect(file?.startsWith(root + sep)).toBe(true);
    }
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing the console', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isTrustedSender(`${APP_ORIGIN}/`)).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'about:blank',
    'https://tile.openstreetmap.org/1/2/3.png',
    'app://other/',
    'app://console.evil/',
    'http://localhost:5173/',
    'file:///out/renderer/index.html',
  ])('refuses %j', (url) => expect(isTrustedSender(url)).toBe(false));
});

describe('contentTypeFor', () => {
  it('gives module scripts a JavaScript type', () => {
    expect(contentTypeFor('/x/assets/index.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('consoleWebPreferences', () => {
  it('turns devtools off in a packaged build and keeps them in development', () => {
    expect(consoleWebPreferences({ preload: '/p.cjs', packaged: true }).devTools).toBe(false);
    expect(consoleWebPreferences({ preload: '/p.cjs', packaged: false }).devTools).toBe(true);
  });

  it('keeps the renderer isolated and sandboxed either way', () => {
    for (const packaged of [true, false])
      expect(consoleWebPreferences({ preload: '/p.cjs', packaged })).toMatchObject({
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        webSecurity: true,
      });
  });
});

/** The marker Electron binaries put before their fuse wire (see @electron/fuses). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

describe('packaged fuses (scripts/apply-fuses.ts)', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, and turns on cookie encryption and asar integrity', () => {
    expect(PACKAGED_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('flips the fuse wire of a binary and verifies it read back', async () => {
    // A stand-in binary: the fuse sentinel, wire version 1, 9 fuses all at Electron's defaults.
    const dir = mkdtempSync(join(tmpdir(), 'fuses-'));
    const binary = join(dir, 'electron');
    const defaults = [49, 48, 49, 49, 48, 48, 48, 49, 49];
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('ELF-ish padding'),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, defaults.length, ...defaults]),
        Buffer.from('trailer'),
      ]),
    );
    try {
      expect(fuseMismatches((await getCurrentFuseWire(binary)) as Record<string, unknown>)).toEqual(
        [
          'RunAsNode',
          'EnableCookieEncryption',
          'EnableNodeOptionsEnvironmentVariable',
          'EnableNodeCliInspectArguments',
          'EnableEmbeddedAsarIntegrityValidation',
          'OnlyLoadAppFromAsar',
          'GrantFileProtocolExtraPrivileges',
        ],
      );
      await applyFuses(binary);
      expect(fuseMismatches((await getCurrentFuseWire(binary)) as Record<string, unknown>)).toEqual(
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
