import type { ReactNode } from 'react';
import type { CandidateView } from '../../../../shared/api/roster-matching';
import { useI18n } from '../../i18n/I18nProvider';
import { explanationLine } from './explain';
import { useAssign } from '../assign/AssignProvider';

interface Props {
  candidate: CandidateView;
  /** 1-based rank in a ranked list; omitted for busy / off-duty people. */
  rank?: number;
  /** A text marker ("Busy: …", "Off duty now") shown before the explanation. */
  marker?: ReactNode;
  kind?: 'candidate' | 'busy' | 'unavailable' | 'member' | 'declined';
  testId?: string;
  /** The incident the ranking and explanation are for (drag-to-assign shows it). */
  incidentId?: string;
}

/**
 * One person in a candidate list: its own element carrying data-responder-id, so the
 * assignment board can make it a drag source (draggable + onDragStart) without changing it.
 */
export function CandidateItem({
  candidate: c,
  rank,
  marker,
  kind = 'candidate',
  testId,
  incidentId,
}: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { beginDrag, endDrag } = useAssign();
  const why = explanationLine(i18n, c.explanation);
  const busy = kind === 'busy';
  return (
    <li
      className={`candidate candidate--${kind}`}
      data-responder-id={c.responderId}
      data-responder-name={c.name}
      data-role={c.role}
      data-busy={String(busy)}
      data-testid={testId ?? 'candidate-item'}
      tabIndex={0}
      draggable
      title={t('assign.dragSourceHint')}
      onDragStart={(e) =>
        beginDrag(e, {
          responderId: c.responderId,
          name: c.name,
          role: c.role,
          expectedBusy: busy,
          explanation: why,
          ...(incidentId ? { explainedFor: incidentId } : {}),
        })
      }
      onDragEnd={endDrag}
    >
      <div className="candidate__top">
        {rank !== undefined && <span className="candidate__rank">{rank}.</span>}
        <span className="candidate__name">{c.name}</span>
        {marker && <span className={`candidate__marker candidate__marker--${kind}`}>{marker}</span>}
        <span className="candidate__score" title={t('candidates.scoreHint')}>
          {t('candidates.score', { score: Math.round(c.score) })}
        </span>
      </div>
      <p className="candidate__why">{why}</p>
    </li>
  );
}
