// OctoPrint's printer states: the id used in PrinterStateChanged, the text in `current.state`
// and the eleven flags. Flag rules follow util/comm.py and the recorded 1.10.3 traffic
// (Pausing and Finishing keep `printing` true; "Offline after error" has closedOrError but
// not error).
import type { PrinterStateFlags } from '../schema/octoprint-current.js';

export type StateId =
  | 'OFFLINE'
  | 'CONNECTING'
  | 'OPERATIONAL'
  | 'STARTING'
  | 'PRINTING'
  | 'PAUSING'
  | 'PAUSED'
  | 'RESUMING'
  | 'CANCELLING'
  | 'FINISHING'
  | 'ERROR'
  | 'CLOSED_WITH_ERROR';

interface StateRow {
  /** `state_string` of PrinterStateChanged. */
  eventText: string;
  /** `current.state.text`. */
  text: string;
  operational: boolean;
  printing: boolean;
}

const ROWS: Record<StateId, StateRow> = {
  OFFLINE: { eventText: 'Offline', text: 'Offline', operational: false, printing: false },
  CONNECTING: { eventText: 'Connecting', text: 'Connecting', operational: false, printing: false },
  OPERATIONAL: { eventText: 'Operational', text: 'Operational', operational: true, printing: false },
  STARTING: { eventText: 'Starting', text: 'Starting', operational: true, printing: true },
  PRINTING: { eventText: 'Printing', text: 'Printing', operational: true, printing: true },
  PAUSING: { eventText: 'Pausing', text: 'Pausing', operational: true, printing: true },
  PAUSED: { eventText: 'Paused', text: 'Paused', operational: true, printing: false },
  RESUMING: { eventText: 'Resuming', text: 'Resuming', operational: true, printing: true },
  CANCELLING: { eventText: 'Cancelling', text: 'Cancelling', operational: true, printing: true },
  FINISHING: { eventText: 'Finishing', text: 'Finishing', operational: true, printing: true },
  ERROR: { eventText: 'Error', text: 'Error', operational: false, printing: false },
  // OctoPrint reports the id OFFLINE with "Offline" in the event but "Offline after error" in
  // `current`; the simulator keeps it apart to remember the error.
  CLOSED_WITH_ERROR: { eventText: 'Offline', text: 'Offline after error', operational: false, printing: false },
};

export const STATE_IDS = Object.keys(ROWS) as StateId[];

/** The id as OctoPrint sends it in PrinterStateChanged. */
export function wireStateId(id: StateId): string {
  return id === 'CLOSED_WITH_ERROR' ? 'OFFLINE' : id;
}

export function stateEventText(id: StateId): string {
  return ROWS[id].eventText;
}

export function stateText(id: StateId): string {
  return ROWS[id].text;
}

export function stateFlags(id: StateId, sdReady: boolean): PrinterStateFlags {
  const row = ROWS[id];
  const closedOrError = id === 'OFFLINE' || id === 'ERROR' || id === 'CLOSED_WITH_ERROR';
  return {
    operational: row.operational,
    printing: row.printing,
    cancelling: id === 'CANCELLING',
    pausing: id === 'PAUSING',
    resuming: id === 'RESUMING',
    finishing: id === 'FINISHING',
    closedOrError,
    error: id === 'ERROR',
    paused: id === 'PAUSED',
    ready: id === 'OPERATIONAL',
    sdReady: row.operational || id === 'ERROR' ? sdReady : false,
  };
}

/** Whether a job is in progress (started and not yet ended). */
export function isActive(id: StateId): boolean {
  return ['STARTING', 'PRINTING', 'PAUSING', 'PAUSED', 'RESUMING', 'CANCELLING', 'FINISHING'].includes(id);
}
