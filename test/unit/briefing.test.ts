import { describe, expect, it } from 'vitest';
import {
  buildBriefing,
  printedName,
  scrubFreeText,
  type BriefingIncident,
  type BriefingTeamInput,
} from '../../shared/briefing/content';
import { blockOf, coarsenMeetingPoint } from '../../shared/briefing/coarsen';
import { renderBriefingHtml } from '../../shared/briefing/html';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

const NOW = Date.parse('2026-11-28T14:00:00Z');

const incident: BriefingIncident = {
  id: '01a21faf-c3df-7007-af3c-f97d3a8372c6',
  type: 'home_raid',
  location: {
    text: 'Holyoke',
    streetText: '123 High St Apt 4',
    lat: 42.20463,
    lon: -72.60521,
    precision: 'exact',
    town: 'Holyoke',
  },
  salute: {
    agentsCount: 4,
    vehiclesCount: 2,
    activity: 'Agents took Mateo from the house; Lucía called 413-555-0199',
    agency: 'ice_ero',
    timeSeen: '2026-11-28T13:52:00Z',
  },
  affectedAdults: 2,
  affectedChildren: 1,
  affectedFirstNames: 'Mateo, Lucía',
  reporterName: 'Graciela Caller',
  reporterPhone: '(413) 555-0199',
  callReceivedAt: '2026-11-28T13:53:00Z',
};

const team: BriefingTeamInput[] = [
  { name: 'Paola Nieves', role: 'song_leader' },
  { name: 'Rosa María Dwyer', role: 'rally_lead', phone: '(413) 555-0127' },
  { name: 'Maggie Teixeira', role: 'legal_observer', initialsOnly: true },
];

const build = (overrides: Partial<Parameters<typeof buildBriefing>[3]> = {}, t = team) =>
  buildBriefing(incident, t, DEFAULT_SETTINGS, { coarsen: true, nowMs: NOW, ...overrides });

describe('rally briefing content', () => {
  it('includes the meeting point, the team by role (lead first) and how to reach the lead', () => {
    const c = build();
    expect(c.meeting?.label).toBe('High St');
    expect(c.meeting?.near).toContain('Holyoke');
    expect(c.team.map((m) => [m.name, m.role])).toEqual([
      ['Rosa', 'rally_lead'],
      ['M. T.', 'legal_observer'],
      ['Paola', 'song_leader'],
    ]);
    expect(c.lead).toEqual({ name: 'Rosa', phone: '(413) 555-0127' });
    expect(c.hotlines.legal).toBe(DEFAULT_SETTINGS.briefingLegalHotline);
    expect(c.standing.es.rights.length).toBeGreaterThan(2);
    expect(c.happened).toMatchObject({
      type: 'home_raid',
      agency: 'ice_ero',
      peopleAffected: true,
    });
    expect(c.missing).toEqual([]);
  });

  it('never carries caller data, affected names or counts, or the exact point when coarsening', () => {
    const c = build();
    const json = JSON.stringify(c);
    for (const banned of ['Graciela', '555-0199', 'Mateo', 'Lucía', '123 High', 'Apt 4'])
      expect(json).not.toContain(banned);
    expect(json).not.toMatch(/affectedAdults|affectedChildren/);
    expect(json).not.toContain('42.20463');
    expect(json).not.toContain('-72.60521');
    expect(c.meeting?.point).not.toEqual({
      lat: incident.location!.lat,
      lon: incident.location!.lon,
    });
    // Snapped to the grid: within ~400 m, never the point itself.
    expect(Math.abs(c.meeting!.point.lat - incident.location!.lat)).toBeLessThan(0.004);
    expect(c.meeting?.coarsened).toBe(true);
    expect(c.meeting?.radiusMeters).toBeGreaterThan(0);

    const html = renderBriefingHtml(c, { paper: 'letter', languages: ['en', 'es'] }).html;
    for (const banned of ['Graciela', '555-0199', 'Mateo', 'Lucía', '42.20463', '72.60521'])
      expect(html).not.toContain(banned);
  });

  it('keeps the exact street and point when settings say not to coarsen', () => {
    const c = build({ coarsen: false });
    expect(c.meeting?.label).toBe('123 High St Apt 4');
    expect(c.meeting?.point).toEqual({ lat: 42.20463, lon: -72.60521 });
    expect(c.meeting?.coarsened).toBe(false);
  });

  it('prints a chosen public meeting place as is', () => {
    expect(build({ meetingPlace: 'City Hall steps' }).meeting?.label).toBe('City Hall steps');
  });

  it('says what is missing: no team, no lead, no lead phone, only a town', () => {
    expect(build({}, []).missing).toEqual(['team']);
    expect(build({}, [{ name: 'Ana Q', role: 'rally_responder' }]).missing).toEqual(['rally_lead']);
    expect(build({}, [{ name: 'Ana Q', role: 'rally_lead' }]).missing).toEqual(['lead_phone']);
    const townOnly = buildBriefing(
      { ...incident, location: { ...incident.location!, streetText: null, precision: 'town' } },
      team,
      DEFAULT_SETTINGS,
      { coarsen: true, nowMs: NOW },
    );
    expect(townOnly.missing).toContain('meeting_place');
    const noLocation = buildBriefing({ ...incident, location: null }, [], DEFAULT_SETTINGS, {
      coarsen: true,
      nowMs: NOW,
    });
    expect(noLocation.meeting).toBeNull();
    expect(noLocation.missing).toEqual(['location', 'team']);
    const html = renderBriefingHtml(noLocation, { paper: 'a4', languages: ['es'] }).html;
    expect(html).toContain('Sin ubicación');
    expect(html).toContain('Sin equipo asignado');
  });

  it('renders Spanish headings side by side with English, one self-contained page', () => {
    const { html, fragment } = renderBriefingHtml(build(), {
      paper: 'letter',
      languages: ['en', 'es'],
    });
    for (const heading of [
      'Punto de encuentro',
      'Equipo y funciones',
      'Plan de desescalada',
      'Conozca sus derechos',
      'Canciones y consignas',
      'Notas de seguridad',
      'Meeting point',
      'Know your rights',
    ])
      expect(html).toContain(heading);
    expect(html).toContain('Líder de concentración');
    expect(html).toContain('@page{size:letter');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(fragment.startsWith('<style>')).toBe(true);
    const a4 = renderBriefingHtml(build(), { paper: 'a4', languages: ['es'] }).html;
    expect(a4).toContain('@page{size:A4');
    expect(a4).not.toContain('Know your rights');
  });

  it('escapes everything that comes from data', () => {
    const c = build({ meetingPlace: '<img src=x onerror=alert(1)>' }, [
      { name: '<b>Eve</b>', role: 'rally_lead', phone: '"><script>' },
    ]);
    const html = renderBriefingHtml(c, { paper: 'letter', languages: ['en'] }).html;
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x');
  });
});

describe('briefing helpers', () => {
  it('prints first names or initials only', () => {
    expect(printedName('Rosa María Dwyer')).toBe('Rosa');
    expect(printedName('rosa dwyer', true)).toBe('R. D.');
  });
  it('scrubs phones and forbidden names from free text', () => {
    expect(scrubFreeText('Call Ana at +1 413 555 0101 now', ['Ana'])).toBe('Call … at … now');
    expect(scrubFreeText('Banana truck', ['Ana'])).toBe('Banana truck');
  });
  it('keeps the block, drops house and unit numbers', () => {
    expect(blockOf('123 Main St Apt 3')).toBe('Main St');
    expect(blockOf('High St & Dwight St')).toBe('High St & Dwight St');
    expect(blockOf('45B Elm Street #2')).toBe('Elm Street');
  });
  it('names the village around a coarsened point', () => {
    const m = coarsenMeetingPoint(
      {
        text: 'Florence',
        streetText: null,
        lat: 42.3334,
        lon: -72.6737,
        precision: 'village',
        town: 'Northampton',
      },
      { coarsen: true, meetingPlace: null },
    );
    expect(m.label).toContain('Florence');
    expect(m.approximate).toBe(true);
  });
});
