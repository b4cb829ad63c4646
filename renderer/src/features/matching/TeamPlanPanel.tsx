import { useId, useState } from 'react';
import type { ApiOutput } from '../../../../shared/api/contract';
import { RESPONDER_ROLES, type ResponderRole } from '../../../../shared/domain/vocabulary';
import type { TeamSlot } from '../../../../shared/matching/team';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { CandidateItem } from './CandidateItem';
import { unfilledText } from './explain';
import { useErrorText } from '../../lib/error-text';

interface Props {
  incidentId: string;
  plan: ApiOutput<'getTeamPlan'>;
  onPlanChanged: () => void;
  /** Show the ranked candidates of this role. */
  onPickRole: (role: ResponderRole) => void;
}

type Suggestion = ApiOutput<'suggestTeam'> & { forPlan: string };

/** How many a slot needs: a number box saved on Enter or when focus leaves it. */
function NeededInput({
  slot,
  index,
  onSave,
  disabled,
}: {
  slot: TeamSlot;
  index: number;
  onSave: (needed: number) => void;
  disabled: boolean;
}) {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const id = `team-slot-needed-${index}`;
  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (Number.isInteger(n) && n >= 1 && n <= 50 && n !== slot.needed) onSave(n);
  };
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {t('team.neededFor', { role: label('role', slot.role) })}
      </label>
      <input
        id={id}
        type="number"
        min={1}
        max={50}
        className="team-slot__needed"
        value={draft ?? String(slot.needed)}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
    </>
  );
}

/**
 * The incident's team plan (saved, or the default for its type and triage), editable: add or
 * remove a slot, change how many a slot needs, go back to the default. "Suggest a team" fills
 * every slot with distinct people and says which slots it could not fill and why.
 */
export function TeamPlanPanel({ incidentId, plan, onPlanChanged, onPickRole }: Props) {
  const { bridge } = useBridge();
  const i18n = useI18n();
  const describeError = useErrorText();
  const { t, label } = i18n;
  const addId = useId();
  const [newRole, setNewRole] = useState<ResponderRole>('rally_responder');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const planKey = `${incidentId}:${JSON.stringify(plan.slots)}`;
  const shown = suggestion?.forPlan === planKey ? suggestion : null;

  const save = async (slots: TeamSlot[] | null) => {
    setBusy(true);
    setError(null);
    const result = await bridge.api.updateTeamPlan({ incidentId, slots });
    setBusy(false);
    if (!result.ok) setError(describeError(result.error));
    onPlanChanged();
  };
  const setNeeded = (i: number, needed: number) =>
    void save(
      plan.slots.map((s, j) =>
        j === i ? { ...s, needed, minimum: Math.min(s.minimum, needed) } : s,
      ),
    );
  const remove = (i: number) => void save(plan.slots.filter((_, j) => j !== i));
  const add = () =>
    void save([
      ...plan.slots,
      { role: newRole, alternatives: [], needed: 1, minimum: 1, language: null },
    ]);

  const suggest = async () => {
    setBusy(true);
    setError(null);
    const result = await bridge.api.suggestTeam({ incidentId });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setSuggestion({ ...result.value, forPlan: planKey });
  };

  const roleNames = (s: Pick<TeamSlot, 'role' | 'alternatives'>) =>
    [s.role, ...s.alternatives].map((r) => label('role', r)).join(t('team.or'));

  return (
    <section className="team-plan" aria-labelledby="team-plan-heading">
      <h3 className="panel-subheading" id="team-plan-heading">
        {t('team.heading')}{' '}
        <span className="muted">{plan.isDefault ? t('team.default') : t('team.edited')}</span>
      </h3>
      {plan.slots.length === 0 ? (
        <p className="muted">{t('team.empty')}</p>
      ) : (
        <ul className="team-slots" aria-label={t('team.slotsLabel')}>
          {plan.slots.map((s, i) => (
            <li key={`${s.role}-${i}`} className="team-slot" data-testid="team-slot">
              <button
                type="button"
                className="link-button team-slot__role"
                onClick={() => onPickRole(s.role)}
                title={t('team.showCandidates')}
              >
                {roleNames(s)}
                {s.language ? ` (${label('lang', s.language)})` : ''}
              </button>
              <span className="team-slot__count">
                <NeededInput slot={s} index={i} disabled={busy} onSave={(n) => setNeeded(i, n)} />
                {s.minimum > 1 && (
                  <span className="team-slot__min">
                    {t('team.minimum', { minimum: s.minimum })}
                  </span>
                )}
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={t('team.removeSlot', { role: roleNames(s) })}
                disabled={busy}
                onClick={() => remove(i)}
              >
                {t('team.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="team-plan__add">
        <label htmlFor={addId}>{t('team.addRole')}</label>
        <select
          id={addId}
          value={newRole}
          onChange={(e) => setNewRole(e.target.value as ResponderRole)}
        >
          {RESPONDER_ROLES.map((r) => (
            <option key={r} value={r}>
              {label('role', r)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={busy || plan.slots.length >= 20}
          onClick={add}
        >
          {t('team.addSlot')}
        </button>
        {!plan.isDefault && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void save(null)}
          >
            {t('team.resetDefault')}
          </button>
        )}
      </div>
      <button
        type="button"
        className="button button--primary team-plan__suggest"
        disabled={busy || plan.slots.length === 0}
        onClick={() => void suggest()}
      >
        {t('team.suggest')}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {shown && (
        <div
          className="team-suggestion"
          data-testid="team-suggestion"
          role="region"
          aria-label={t('team.suggestionLabel')}
        >
          {shown.slots.map((s, i) => (
            <div
              key={`${s.role}-${i}`}
              className="team-suggestion__slot"
              data-testid="suggested-slot"
            >
              <h4 className="team-suggestion__heading">
                {roleNames(s)}
                {s.language ? ` (${label('lang', s.language)})` : ''}{' '}
                <span
                  className={s.unfilledReason ? 'team-suggestion__short' : 'team-suggestion__full'}
                >
                  {t('team.filled', { found: s.filled.length, needed: s.needed })}
                </span>
              </h4>
              {s.filled.length > 0 && (
                <ul className="candidate-list">
                  {s.filled.map((c) => (
                    <CandidateItem
                      key={c.responderId}
                      candidate={c}
                      kind="member"
                      testId="team-member"
                    />
                  ))}
                </ul>
              )}
              {s.unfilledReason && (
                <p className="team-suggestion__unfilled" data-testid="unfilled-reason">
                  {unfilledText(i18n, [s.role, ...s.alternatives], s.unfilledReason)}
                </p>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
