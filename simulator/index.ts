// The simulator's public surface, for tests and the demo.
export { OctoPrintSimulator, DEFAULT_API_KEY, type SimulatorOptions, type EmittedMessage } from './octoprint-simulator.js';
export { createScript, runScript, ScriptBuilder, SCRIPT_NAMES, type PrintScript, type ScriptName, type ScriptOptions, type ScriptRun, type ScriptStep } from './print-script.js';
export type { PhaseContext, FilamentChangeOptions } from './print-phases.js';
export { PrinterModel, type SimFile, type FileSpec } from './printer-model.js';
export { PushSession, type ClientMessage, type Subscription } from './push-session.js';
export { STATE_IDS, type StateId } from './state-table.js';
export { ScaledClock } from './scaled-clock.js';
export { WebSocketServer, ServerWebSocket, acceptKey } from './websocket-server.js';
export { DEFAULT_WEBCAM, type WebcamOptions } from './webcam.js';
export { LAB_TEST_FILE, LAB_LONG_FILE } from './capture-templates.js';
export { SimulatorFarm, type FarmPrinterSim } from './simulator-farm.js';
