import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../../../shared/i18n';
import { RELAY_ERROR_CODES } from '../../../../shared/sync/protocol';
import { problemText } from './relayText';

const es = (key: MessageKey, params?: MessageParams) => translate('es', key, params);
const relayEnglish = 'Network is not allowed on this relay';

describe('relay problems in the reader language', () => {
  it('words every relay error code in Spanish, never the relay English message', () => {
    for (const code of RELAY_ERROR_CODES) {
      const text = problemText(es, { code, message: relayEnglish });
      expect(text, code).not.toContain(relayEnglish);
      expect(text, code).not.toBe(es('sync.problem.other', { code }));
      expect(text, code).toMatch(/relay|consola/i);
    }
  });

  it('names an unknown code in Spanish instead of showing its English message', () => {
    const text = problemText(es, { code: 'brand_new_code', message: relayEnglish });
    expect(text).toBe('El relay informó de un problema (código brand_new_code)');
  });

  it('keeps the console own detail, worded in the reader language', () => {
    const text = problemText(es, {
      code: 'unreachable',
      message: 'connect ECONNREFUSED',
      text: { kind: 'sync.issue.unreachable', params: { detail: 'ECONNREFUSED' } },
    });
    expect(text).toContain(translate('es', 'sync.problem.unreachable'));
    expect(text).toContain('ECONNREFUSED');
  });
});
