import {
  AGENCIES,
  INCIDENT_TYPES,
  LANGUAGES,
  TRIAGE_LEVELS,
  type IncidentType,
} from '../../../../shared/domain/vocabulary';
import { useI18n } from '../../i18n/I18nProvider';
import { RequiredMark } from '../../ui/Field';
import {
  CountField,
  FieldLabel,
  IntakeFieldError,
  SelectField,
  TextField,
  type IntakeKit,
} from './IntakeFields';
import { LIMITS, fieldId } from './intake-values';
import { LocationCombobox } from './LocationCombobox';
import { isOutsideRegion, type LocationDraft } from './location-draft';
import { requestPinPlacement } from '../map/pin-placement';

/** What happened and how urgent it is: the two answers every call starts with. */
export function TypeAndTriage({ kit }: { kit: IntakeKit }) {
  const { t, label } = useI18n();
  const { values, set, form } = kit;
  return (
    <>
      <div className="form-field">
        <FieldLabel field="type" text="intake.type" required />
        <select
          id={fieldId('type')}
          value={values.type}
          aria-required
          aria-invalid={form.errorAt('type') ? true : undefined}
          aria-describedby={form.describedBy('type')}
          autoFocus
          onChange={(e) => set('type', e.target.value as IncidentType | '')}
        >
          <option value="">{t('intake.choose')}</option>
          {INCIDENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {label('incidentType', type)}
            </option>
          ))}
        </select>
        <IntakeFieldError kit={kit} field="type" />
      </div>

      <fieldset
        className="form-field radio-group"
        aria-invalid={form.errorAt('triage') ? true : undefined}
        aria-describedby={form.describedBy('triage')}
        aria-required
        role="radiogroup"
        aria-labelledby="intake-triage-legend"
      >
        <legend id="intake-triage-legend">
          {t('intake.triage')}
          <RequiredMark title={t('intake.required')} />
        </legend>
        {TRIAGE_LEVELS.map((level) => (
          <label key={level} className={`radio radio--${level}`}>
            <input
              type="radio"
              name="triage"
              value={level}
              checked={values.triage === level}
              onChange={() => set('triage', level)}
            />{' '}
            {label('triage', level)}
          </label>
        ))}
        <IntakeFieldError kit={kit} field="triage" />
      </fieldset>
    </>
  );
}

/** Where: a place from the gazetteer or a point on the map, and the street if known. */
export function LocationSection(props: {
  kit: IntakeKit;
  location: LocationDraft;
  onLocationChange: (next: LocationDraft) => void;
  onPlacePicked: (lat: number, lon: number) => void;
}) {
  const { t, label } = useI18n();
  const { kit, location } = props;
  const picked = location.picked;
  const outside = isOutsideRegion(location);
  return (
    <>
      <div className="form-field">
        <FieldLabel field="location" text="intake.location" required />
        <LocationCombobox
          id={fieldId('location')}
          value={location}
          onChange={props.onLocationChange}
          onPicked={props.onPlacePicked}
          invalid={Boolean(kit.form.errorAt('location'))}
          describedBy={kit.form.describedBy(
            'location',
            'intake-location-hint',
            'intake-location-precision',
          )!}
          required
        />
        <p id="intake-location-hint" className="field-hint">
          {t('intake.locationHint')}
        </p>
        <p id="intake-location-precision" className="field-hint" aria-live="polite">
          {picked && (
            <>
              <strong>
                {t('intake.precision', { precision: label('precision', picked.precision) })}
              </strong>
              {picked.town && picked.town !== picked.text ? ` · ${picked.town}` : ''} ·{' '}
              {t('intake.pickedAt', { lat: picked.lat.toFixed(4), lon: picked.lon.toFixed(4) })}.{' '}
              {t('intake.pinHint')}
            </>
          )}
        </p>
        <button
          type="button"
          className="place-pin-button"
          data-testid="place-on-map"
          aria-describedby="intake-location-precision"
          onClick={(e) => requestPinPlacement(e.currentTarget)}
        >
          <span aria-hidden="true">✚ </span>
          {t('map.placePin')}
        </button>
        <IntakeFieldError kit={kit} field="location" />
        {outside && (
          <p className="form-warning" role="alert" data-testid="outside-region-warning">
            {t('intake.outsideRegion')}
          </p>
        )}
      </div>
      {outside && (
        <TextField
          kit={kit}
          field="outsideRegionReason"
          name="outsideRegionReason"
          text="intake.outsideReason"
          max={LIMITS.outsideRegionReason}
        />
      )}
      <TextField
        kit={kit}
        field="streetText"
        name="streetText"
        text="intake.streetText"
        max={LIMITS['location.streetText']}
      />
    </>
  );
}

/** SALUTE: size, activity, location (above), unit, time, equipment; plus plates. */
export function SaluteSection({ kit }: { kit: IntakeKit }) {
  const { t, label } = useI18n();
  return (
    <fieldset className="form-group">
      <legend>{t('intake.salute')}</legend>
      <div className="form-row">
        <CountField kit={kit} field="salute.agentsCount" name="agentsCount" text="intake.agents" />
        <CountField
          kit={kit}
          field="salute.vehiclesCount"
          name="vehiclesCount"
          text="intake.vehicles"
        />
      </div>
      <TextField
        kit={kit}
        field="salute.activity"
        name="activity"
        text="intake.activity"
        max={LIMITS['salute.activity']}
      />
      <div className="form-row">
        <SelectField
          kit={kit}
          field="salute.agency"
          text="intake.agency"
          value={kit.values.agency}
          options={AGENCIES}
          optionLabel={(a) => label('agency', a)}
          onChange={(a) => kit.set('agency', a)}
          invalidable
        />
        <div className="form-field">
          <FieldLabel field="salute.timeSeen" text="intake.timeSeen" />
          <input
            id={fieldId('salute.timeSeen')}
            type="time"
            value={kit.values.timeSeen}
            aria-invalid={kit.form.errorAt('salute.timeSeen') ? true : undefined}
            aria-describedby={kit.form.describedBy('salute.timeSeen')}
            onChange={(e) => kit.set('timeSeen', e.target.value)}
          />
          <IntakeFieldError kit={kit} field="salute.timeSeen" />
        </div>
      </div>
      <TextField
        kit={kit}
        field="salute.equipment"
        name="equipment"
        text="intake.equipment"
        max={LIMITS['salute.equipment']}
      />
      <TextField
        kit={kit}
        field="vehiclesPlates"
        name="vehiclesPlates"
        text="intake.plates"
        max={LIMITS.vehiclesPlates}
      />
    </fieldset>
  );
}

/** Who is affected: counts, first names at most, and the language to call back in. */
export function PeopleSection({ kit }: { kit: IntakeKit }) {
  const { t, label } = useI18n();
  return (
    <fieldset className="form-group">
      <legend>{t('intake.people')}</legend>
      <div className="form-row">
        <CountField kit={kit} field="affectedAdults" name="affectedAdults" text="intake.adults" />
        <CountField
          kit={kit}
          field="affectedChildren"
          name="affectedChildren"
          text="intake.children"
        />
      </div>
      <TextField
        kit={kit}
        field="affectedFirstNames"
        name="affectedFirstNames"
        text="intake.firstNames"
        max={LIMITS.affectedFirstNames}
      />
      <SelectField
        kit={kit}
        field="language"
        text="intake.language"
        value={kit.values.language}
        options={LANGUAGES}
        optionLabel={(code) => label('lang', code)}
        onChange={(code) => kit.set('language', code)}
      />
    </fieldset>
  );
}

/** The caller's name and number, purged after `purgeHours` (said on the form). */
export function CallbackSection({ kit, purgeHours }: { kit: IntakeKit; purgeHours: number }) {
  const { t } = useI18n();
  return (
    <fieldset className="form-group form-group--sensitive" aria-describedby="intake-callback-hint">
      <legend>{t('intake.callback')}</legend>
      <p id="intake-callback-hint" className="field-hint">
        {t('intake.callbackHint', { hours: purgeHours })}
      </p>
      <div className="form-row">
        <TextField
          kit={kit}
          field="reporterName"
          name="reporterName"
          text="intake.reporterName"
          max={LIMITS.reporterName}
        />
        <TextField
          kit={kit}
          field="reporterPhone"
          name="reporterPhone"
          text="intake.reporterPhone"
          max={LIMITS.reporterPhone}
        />
      </div>
    </fieldset>
  );
}
