import { describe, expect, it } from 'vitest';
import { timelineActor } from './timeline-actor';

describe('timelineActor', () => {
  const byLink = {
    actor: 'Rosa Dwyer via responder link',
    params: { name: 'Rosa Dwyer', via: 'link', answer: 'accept' },
  };

  it('words an answer by responder link in Spanish, never the stored English', () => {
    expect(timelineActor('es', byLink)).toBe('Rosa Dwyer por el enlace para responder');
    expect(timelineActor('en', byLink)).toBe('Rosa Dwyer via responder link');
  });

  it("shows a dispatcher's name as stored", () => {
    expect(timelineActor('es', { actor: 'Demo Dispatcher', params: {} })).toBe('Demo Dispatcher');
  });
});
