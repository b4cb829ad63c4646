import { useRef, useState } from 'react';
import { BOARD_GROUP_MAX, ResponderBoardGroup } from '../../../../shared/api/assignments';
import { formatDuration } from '../../../../shared/domain/board';
import { RESPONDER_ROLES, type ResponderRole } from '../../../../shared/domain/vocabulary';
import { useNow } from '../../lib/useNow';
import { useI18n } from '../../i18n/I18nProvider';
import { textFor } from '../../../../shared/i18n';
import { Badge } from '../../ui/Badge';
import { useAssign } from './AssignProvider';
import { useResponderBoard } from './queries';
import { useLinkStatusLines } from './ResponderLinkControls';
import { useErrorText } from '../../lib/error-text';

const GROUPS = ResponderBoardGroup.options;
type Group = (typeof GROUPS)[number];
/** People each group lists at first, and how many more each "Show more" adds. */
const GROUP_STEP = 50;

/**
 * Everyone active today grouped by status (available, proposed, notified, en route, on scene, off duty),
 * with incident, role and time in status; filter by town and role. Every group is counted over
 * the whole roster and lists its first people by name, more on request (up to BOARD_GROUP_MAX:
 * anyone beyond that is found in the roster), so the page holds what is on screen. Available people can be
 * dragged onto an incident or assigned with G like any roster row.
 */
export function ResponderStatusBoard() {
  const { t, label, locale } = useI18n();
  const describeError = useErrorText();
  const { beginDrag, endDrag } = useAssign();
  const linkLines = useLinkStatusLines();
  const now = useNow(15_000);
  const [town, setTown] = useState('');
  const [role, setRole] = useState<ResponderRole | ''>('');
  const [limits, setLimits] = useState<Partial<Record<Group, number>>>({});
  const board = useResponderBoard({
    town,
    ...(role ? { role } : {}),
    limit: GROUP_STEP,
    limits,
  });
  // A new filter or a longer group: the previous answer stays up until the new one arrives.
  const last = useRef(board.data);
  if (board.data) last.current = board.data;
  const data = board.data ?? last.current;
  const rows = data?.rows;
  const towns = data?.towns ?? [];
  const showMore = (group: Group, shown: number) =>
    setLimits((l) => ({ ...l, [group]: Math.min(BOARD_GROUP_MAX, shown + GROUP_STEP) }));

  return (
    <div className="status-board" data-testid="status-board">
      <div className="status-board__filters">
        <label>
          <span>{t('statusBoard.filterTown')}</span>
          <select value={town} onChange={(e) => setTown(e.target.value)}>
            <option value="">{t('statusBoard.any')}</option>
            {towns.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('statusBoard.filterRole')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as ResponderRole | '')}>
            <option value="">{t('statusBoard.any')}</option>
            {RESPONDER_ROLES.map((r) => (
              <option key={r} value={r}>
                {label('role', r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {board.error && (
        <p role="alert" className="error-text">
          {describeError(board.error)}
        </p>
      )}
      {!rows && !board.error && <p className="muted">{t('statusBoard.loading')}</p>}
      {rows &&
        data &&
        GROUPS.map((group) => {
          const people = rows.filter((r) => r.group === group);
          const count = data.counts[group] ?? people.length;
          const headingId = `status-group-${group}`;
          return (
            <section
              key={group}
              className={`status-group status-group--${group}`}
              aria-labelledby={headingId}
              data-testid={`status-group-${group}`}
            >
              <h3 className="panel-subheading" id={headingId}>
                {t('statusBoard.groupHeading', {
                  group: t(`statusBoard.group.${group}`),
                  count,
                })}
              </h3>
              {people.length === 0 ? (
                <p className="muted status-group__empty">{t('statusBoard.nobody')}</p>
              ) : (
                <ul className="status-group__list" aria-labelledby={headingId}>
                  {people.map((r) => {
                    const free = r.group === 'available' || r.group === 'off_duty';
                    return (
                      <li
                        key={r.responderId}
                        className="status-row"
                        tabIndex={0}
                        draggable
                        data-responder-id={r.responderId}
                        data-responder-name={r.name}
                        data-busy={String(!free)}
                        title={t('assign.dragSourceHint')}
                        onDragStart={(e) =>
                          beginDrag(e, {
                            responderId: r.responderId,
                            name: r.name,
                            expectedBusy: !free,
                          })
                        }
                        onDragEnd={endDrag}
                      >
                        <span className="status-row__name">{r.name}</span>
                        <span className="status-row__town">{r.town}</span>
                        {r.incidentLabel && r.role ? (
                          <span className="status-row__what">
                            {t('statusBoard.assignment', {
                              incident: r.incidentText
                                ? textFor(locale, r.incidentText)
                                : r.incidentLabel,
                              role: label('role', r.role),
                              duration: r.since
                                ? formatDuration(Math.max(0, now - Date.parse(r.since)))
                                : '-',
                            })}
                          </span>
                        ) : (
                          <span className="status-row__what muted">
                            {r.roles.map((x) => label('role', x)).join(', ')}
                          </span>
                        )}
                        {r.assignmentId && linkLines.has(r.assignmentId) && (
                          <span className="status-row__link" data-testid="board-link-status">
                            {linkLines.get(r.assignmentId)}
                          </span>
                        )}
                        {r.checkInOverdue && (
                          <Badge kind="alert" value="checkin">
                            {t('crew.overdue')}
                          </Badge>
                        )}
                        {r.proposalStale && (
                          <Badge kind="alert" value="proposal">
                            {t('crew.proposalStale')}
                          </Badge>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {count > people.length &&
                (people.length < BOARD_GROUP_MAX ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => showMore(group, people.length)}
                  >
                    {t('statusBoard.showMore', {
                      more: Math.min(GROUP_STEP, count - people.length),
                      shown: people.length,
                      count,
                    })}
                  </button>
                ) : (
                  <p className="muted">{t('statusBoard.findInRoster')}</p>
                ))}
            </section>
          );
        })}
    </div>
  );
}
