import { describe, expect, it } from 'vitest';
import { activityMessage, textFor } from '../../shared/i18n';
import { peopleText } from '../../shared/api/text';

describe('text the backend sends as {kind, params}, worded at the edge', () => {
  it('words the status board incident in the reader language, labels included', () => {
    const text = peopleText('statusBoard.incident', { type: 'home_raid', place: 'Florence' });
    expect(textFor('en', text)).toBe('Home raid at Florence');
    expect(textFor('es', text)).toBe('Redada en casa en Florence');
  });

  it('words the retention purge reason from its code, with the hours of the rule', () => {
    const purge = (params: Record<string, string | number>) => ({
      kind: 'incident.reporter_purged',
      message: '',
      params,
    });
    expect(activityMessage('en', purge({ reason: 'closed' }))).toBe(
      'Caller contact details purged (incident closed)',
    );
    expect(activityMessage('es', purge({ reason: 'after_hours', hours: 72 }))).toContain(
      'después de 72 h',
    );
    // An entry stored before the reason was a code keeps the words it was stored with.
    expect(activityMessage('en', purge({ reason: 'after 24 h' }))).toBe(
      'Caller contact details purged (after 24 h)',
    );
  });

  it('words sync problems in Spanish and falls back for a kind this version does not know', () => {
    const text = peopleText('sync.issue.skippedChange', { seq: 12, detail: 'bad tag' });
    expect(textFor('en', text)).toBe('Change #12 from the relay was skipped: bad tag');
    expect(textFor('es', text)).toBe('Se omitió el cambio n.º 12 del relay: bad tag');
    expect(textFor('es', peopleText('sync.issue.fromTheFuture'), 'As sent')).toBe('As sent');
  });
});
