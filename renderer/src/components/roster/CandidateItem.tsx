import type { ReactNode } from 'react';
import type { CandidateView } from '../../../../shared/api/roster-matching';
import { useI18n } from '../../i18n/I18nProvider';
import { explanationLine } from './explain';

interface Props {
  candidate: CandidateView;
  /** 1-based rank in a ranked list; omitted for busy / off-duty people. */
  rank?: number;
  /** A text marker ("Busy: …", "Off duty now") shown before the explanation. */
  marker?: ReactNode;
  kind?: 'candidate' | 'busy' | 'unavailable' | 'member';
  testId?: string;
}

/**
 * One person in a candidate list: its own element carrying data-responder-id, so the
 * assignment board can make it a drag source (draggable + onDragStart) without changing it.
 */
export function CandidateItem({ candidate: c, rank, marker, kind = 'candidate', testId }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li
      className={`candidate candidate--${kind}`}
      data-responder-id={c.responderId}
      data-role={c.role}
      data-testid={testId ?? 'candidate-item'}
    >
      <div className="candidate__top">
        {rank !== undefined && <span className="candidate__rank">{rank}.</span>}
        <span className="candidate__name">{c.name}</span>
        {marker && <span className={`candidate__marker candidate__marker--${kind}`}>{marker}</span>}
        <span className="candidate__score" title={t('candidates.scoreHint')}>
          {t('candidates.score', { score: Math.round(c.score) })}
        </span>
      </div>
      <p className="candidate__why">{explanationLine(i18n, c.explanation)}</p>
    </li>
  );
}
