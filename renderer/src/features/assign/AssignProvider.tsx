import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { focusWhenShown } from '../../lib/focusSoon';
import type { Incident } from '../../../../shared/api/schemas';
import type { ResponderRole } from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { incidentName } from '../../lib/format-incident';
import { isTextEntry } from '../../lib/useGlobalShortcuts';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { errorText } from '../../lib/error-text';
import { overrideGuards } from './override-text';
import { explanationLine } from '../matching/explain';
import { useConsoleState } from '../../shell/ConsoleStore';
import { useIncidentList } from '../board/queries';
import { useResponder } from '../roster/queries';
import { AssignDialog } from './AssignDialog';
import {
  RESPONDER_DRAG_TYPE,
  assignRequestFor,
  type AssignRequest,
  type DragResponder,
} from './assign-request';
import './assign.css';
import { OverrideDialog } from './OverrideDialog';

interface Override {
  request: AssignRequest;
  guards: string[];
  error: string | null;
  busy: boolean;
}

interface AssignContextValue {
  dragging: DragResponder | null;
  /** The incident under the pointer while dragging (drives the hint). */
  overIncidentId: string | null;
  beginDrag: (event: DragEvent, who: DragResponder) => void;
  endDrag: () => void;
  /** Native listeners for a drop target (board card or map marker element). */
  dragOver: (event: Event, incidentId: string, target?: HTMLElement) => void;
  dragLeave: (event: Event, incidentId: string, target?: HTMLElement) => void;
  drop: (event: Event, incidentId: string) => void;
  /** A drop on a cluster of incidents on the map: the assign dialog asks which of them. */
  dropOnMany: (event: Event, incidentIds: string[]) => void;
  assign: (request: AssignRequest) => Promise<boolean>;
  /** The keyboard path: G (or a button) with the focused / selected responder. */
  openAssignDialog: (who?: DragResponder) => void;
  announce: (text: string) => void;
}

const NO_INCIDENTS: readonly Incident[] = [];

const AssignContext = createContext<AssignContextValue | null>(null);

export function useAssign(): AssignContextValue {
  const value = useContext(AssignContext);
  if (!value) throw new Error('useAssign outside <AssignProvider>');
  return value;
}

/** "Ana assigned to Home raid at Turners Falls as rally lead": what screen readers hear. */
function roleInline(i18n: I18n, role: ResponderRole) {
  return i18n.label('role', role).toLocaleLowerCase(i18n.locale);
}

/**
 * Drag-to-assign and its keyboard twin. Native HTML5 drag and drop, so the same drop handlers
 * serve board cards (React) and Leaflet marker elements (plain DOM listeners). Everything that
 * happens is announced in a polite live region; failures show in an alert.
 */
export function AssignProvider({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { bridge } = useBridge();
  const { selectedIncidentId, selectedResponderId } = useConsoleState();
  // Open incidents name the targets and fill the keyboard dialog; the selected person is the
  // keyboard path's fallback.
  const incidents = useIncidentList({ scope: 'open' }).data ?? NO_INCIDENTS;
  // Fetched by id: the selection may be anyone on a roster of any size (found by search, picked
  // on the map), not only people in some first page of it.
  const fetchedResponder = useResponder(selectedResponderId).data;
  const selectedResponder = useMemo(
    () =>
      fetchedResponder && fetchedResponder.id === selectedResponderId
        ? { id: fetchedResponder.id, name: fetchedResponder.name }
        : null,
    [selectedResponderId, fetchedResponder],
  );
  const [dragging, setDragging] = useState<DragResponder | null>(null);
  const draggingRef = useRef<DragResponder | null>(null);
  const [overIncidentId, setOverIncidentId] = useState<string | null>(null);
  const [hint, setHint] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [override, setOverride] = useState<Override | null>(null);
  const [dialogFor, setDialogFor] = useState<DragResponder | null>(null);
  /** The incidents the dialog offers after a drop on a cluster (null: every open one). */
  const [dialogChoices, setDialogChoices] = useState<ReadonlySet<string> | null>(null);
  const incidentsRef = useRef(incidents);
  useEffect(() => {
    incidentsRef.current = incidents;
  });
  const explanations = useRef(new Map<string, Map<string, string>>());

  const announce = useCallback((text: string) => {
    // The same text twice in a row is still read: clear, then set.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  const findIncident = (id: string) => incidentsRef.current.find((i) => i.id === id);

  const assign = useCallback(
    async (request: AssignRequest): Promise<boolean> => {
      setFailure(null);
      const result = await bridge.api.createAssignment({
        incidentId: request.incidentId,
        responderId: request.responderId,
        ...(request.role ? { role: request.role } : {}),
        ...(request.expectedBusy !== undefined ? { expectedBusy: request.expectedBusy } : {}),
        ...(request.overrideReason ? { overrideReason: request.overrideReason } : {}),
      });
      if (result.ok) {
        setOverride(null);
        focusAfterAssign(result.value.responderId, result.value.id);
        const incident = incidentsRef.current.find((i) => i.id === request.incidentId);
        announce(
          t('assign.assigned', {
            name: result.value.responderName,
            incident: incident ? incidentName(i18n, incident) : result.value.incidentLabel,
            role: roleInline(i18n, result.value.role),
          }),
        );
        return true;
      }
      const { code, fieldErrors } = result.error;
      const message = errorText(i18n.locale, result.error);
      if (code === 'needs_override' && !request.overrideReason) {
        setOverride({
          request,
          guards: overrideGuards(i18n.locale, result.error),
          error: null,
          busy: false,
        });
        return false;
      }
      if (request.overrideReason && code === 'invalid_input') {
        setOverride((o) =>
          o ? { ...o, busy: false, error: fieldErrors?.overrideReason ?? message } : o,
        );
        return false;
      }
      setOverride(null);
      const text = t(code === 'conflict' ? 'assign.conflict' : 'assign.refused', { message });
      setFailure(text);
      return false;
    },
    [bridge, announce, t, i18n],
  );

  /** Fetches (once per incident and role) the person's explanation for another incident. */
  const explainFor = useCallback(
    (who: DragResponder, incidentId: string) => {
      const incident = findIncident(incidentId);
      const target = incidentName(i18n, incident);
      if (who.explainedFor === incidentId && who.explanation) {
        setHint(t('assign.explainFor', { name: who.name, incident: target, why: who.explanation }));
        return;
      }
      setHint(t('assign.dropOn', { name: who.name, incident: target }));
      if (!who.role) return;
      const role = who.role;
      const key = `${incidentId}:${role}`;
      const known = explanations.current.get(key);
      const show = (map: Map<string, string>) => {
        if (draggingRef.current?.responderId !== who.responderId) return;
        const why = map.get(who.responderId);
        setHint(
          why
            ? t('assign.explainFor', { name: who.name, incident: target, why })
            : `${t('assign.dropOn', { name: who.name, incident: target })} ${t('assign.notRanked', { name: who.name, role: i18n.label('role', role), incident: target })}`,
        );
      };
      if (known) return show(known);
      void bridge.api.matchCandidates({ incidentId, role, limit: 200 }).then((r) => {
        if (!r.ok) return;
        const map = new Map<string, string>();
        for (const c of [...r.value.candidates, ...r.value.busy, ...r.value.unavailable])
          map.set(c.responderId, explanationLine(i18n, c.explanation));
        explanations.current.set(key, map);
        show(map);
      });
    },
    [bridge, i18n, t],
  );

  const clearTargets = () =>
    document
      .querySelectorAll('.is-drop-target')
      .forEach((el) => el.classList.remove('is-drop-target'));

  const endDrag = useCallback(() => {
    draggingRef.current = null;
    setDragging(null);
    setOverIncidentId(null);
    setHint('');
    document.body.classList.remove('is-assign-dragging');
    clearTargets();
  }, []);

  const beginDrag = useCallback(
    (event: DragEvent, who: DragResponder) => {
      event.dataTransfer.effectAllowed = 'copy';
      event.dataTransfer.setData(RESPONDER_DRAG_TYPE, JSON.stringify(who));
      event.dataTransfer.setData('text/plain', who.name);
      draggingRef.current = who;
      explanations.current.clear();
      // Restyling during dragstart can cancel the drag in Chromium: do it just after.
      setTimeout(() => {
        if (draggingRef.current !== who) return;
        setDragging(who);
        setHint(t('assign.dragHint', { name: who.name }));
        document.body.classList.add('is-assign-dragging');
      }, 0);
    },
    [t],
  );

  const dragOver = useCallback(
    (event: Event, incidentId: string, target?: HTMLElement) => {
      const who = draggingRef.current;
      if (!who) return;
      const incident = findIncident(incidentId);
      if (!incident || incident.status === 'closed') return;
      event.preventDefault();
      const dt = (event as globalThis.DragEvent).dataTransfer;
      if (dt) dt.dropEffect = 'copy';
      const el = target ?? (event.currentTarget as HTMLElement | null);
      if (el && !el.classList.contains('is-drop-target')) {
        clearTargets();
        el.classList.add('is-drop-target');
      }
      setOverIncidentId((current) => {
        if (current !== incidentId) explainFor(who, incidentId);
        return incidentId;
      });
    },
    [explainFor],
  );

  const dragLeave = useCallback((event: Event, incidentId: string, target?: HTMLElement) => {
    const el = target ?? (event.currentTarget as HTMLElement | null);
    const related = (event as globalThis.DragEvent).relatedTarget as Node | null;
    if (el && related && el.contains(related)) return;
    el?.classList.remove('is-drop-target');
    setOverIncidentId((current) => (current === incidentId ? null : current));
  }, []);

  const drop = useCallback(
    (event: Event, incidentId: string) => {
      const who = draggingRef.current;
      if (!who) return;
      event.preventDefault();
      endDrag();
      void assign(assignRequestFor(who, incidentId, who.role));
    },
    [assign, endDrag],
  );

  const dropOnMany = useCallback(
    (event: Event, incidentIds: string[]) => {
      const who = draggingRef.current;
      if (!who) return;
      event.preventDefault();
      endDrag();
      setFailure(null);
      setDialogChoices(new Set(incidentIds));
      setDialogFor(who);
    },
    [endDrag],
  );

  const openAssignDialog = useCallback(
    (who?: DragResponder) => {
      setFailure(null);
      const picked = who ?? focusedResponder() ?? null;
      const fallback =
        picked ??
        (selectedResponder
          ? { responderId: selectedResponder.id, name: selectedResponder.name }
          : null);
      if (!fallback) {
        setFailure(t('assign.noResponder'));
        return;
      }
      setDialogChoices(null);
      setDialogFor(fallback);
    },
    [selectedResponder, t],
  );

  // G: "assign to…" for the focused candidate / row, else the roster's selected person.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'g') return;
      if (document.querySelector('dialog[open]')) return;
      if (isTextEntry(document.activeElement)) return;
      event.preventDefault();
      openAssignDialog();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openAssignDialog]);

  // A drag that ends anywhere (Esc, outside the window) clears the highlight.
  useEffect(() => {
    const onEnd = () => {
      if (draggingRef.current) endDrag();
    };
    window.addEventListener('dragend', onEnd);
    window.addEventListener('drop', onEnd);
    return () => {
      window.removeEventListener('dragend', onEnd);
      window.removeEventListener('drop', onEnd);
    };
  }, [endDrag]);

  const value = useMemo<AssignContextValue>(
    () => ({
      dragging,
      overIncidentId,
      beginDrag,
      endDrag,
      dragOver,
      dragLeave,
      drop,
      dropOnMany,
      assign,
      openAssignDialog,
      announce,
    }),
    [
      dragging,
      overIncidentId,
      beginDrag,
      endDrag,
      dragOver,
      dragLeave,
      drop,
      dropOnMany,
      assign,
      openAssignDialog,
      announce,
    ],
  );

  return (
    <AssignContext.Provider value={value}>
      {children}
      <div
        className={`drag-hint${dragging ? ' drag-hint--shown' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="drag-hint"
      >
        {dragging ? hint : ''}
      </div>
      <p
        className="visually-hidden"
        role="status"
        aria-live="polite"
        data-testid="assign-announcer"
      >
        {announcement}
      </p>
      {failure && (
        <div className="assign-alert" role="alert" data-testid="assign-alert">
          <span>{failure}</span>
          <button type="button" className="button button--small" onClick={() => setFailure(null)}>
            {t('assign.dismiss')}
          </button>
        </div>
      )}
      {dialogFor && (
        <AssignDialog
          who={dialogFor}
          incidents={dialogChoices ? incidents.filter((i) => dialogChoices.has(i.id)) : incidents}
          defaultIncidentId={selectedIncidentId}
          onCancel={() => setDialogFor(null)}
          onAssign={(incidentId, role) => {
            setDialogFor(null);
            void assign(assignRequestFor(dialogFor, incidentId, role));
          }}
        />
      )}
      {override && (
        <OverrideDialog
          name={override.request.name}
          guards={override.guards}
          error={override.error}
          busy={override.busy}
          onCancel={() => {
            announce(t('assign.cancelled', { name: override.request.name }));
            setOverride(null);
          }}
          onConfirm={(reason) => {
            setOverride({ ...override, busy: true, error: null });
            void assign({ ...override.request, overrideReason: reason });
          }}
        />
      )}
    </AssignContext.Provider>
  );
}

/**
 * After an assignment the keyboard stays in the work: on the next candidate for the incident,
 * or (when none is left) on the new team member's row, never on the page body.
 */
function focusAfterAssign(assignedId: string, assignmentId: string): void {
  focusWhenShown(() => {
    const next = [...document.querySelectorAll<HTMLElement>('[data-testid="candidate-item"]')].find(
      (el) => el.dataset.responderId !== assignedId,
    );
    return (
      next ??
      document.querySelector<HTMLElement>(
        `[data-testid="team-member"][data-assignment-id="${assignmentId}"]`,
      )
    );
  });
}

/** The responder under keyboard focus (a candidate item or a status-board row), if any. */
function focusedResponder(): DragResponder | null {
  const el = document.activeElement?.closest<HTMLElement>(
    '[data-responder-id][data-responder-name]',
  );
  if (!el) return null;
  const busy = el.dataset.busy;
  return {
    responderId: el.dataset.responderId!,
    name: el.dataset.responderName!,
    ...(el.dataset.role ? { role: el.dataset.role as ResponderRole } : {}),
    ...(busy === 'true' || busy === 'false' ? { expectedBusy: busy === 'true' } : {}),
  };
}
