// Values lifted from the recorded OctoPrint 1.10.3 traffic (fixtures/octoprint-captures), so the
// simulator's messages carry the same field names, kinds and typical values as the real thing.

/** The `connected` payload (the permission list is shortened; each entry has the recorded shape). */
export function connectedPayload(version: string): Record<string, unknown> {
  const perm = (key: string, name: string, dangerous: boolean, groups: string[], description: string, plugin?: string) => ({
    key,
    name,
    dangerous,
    default_groups: groups,
    description,
    needs: { role: [key.toLowerCase()] },
    ...(plugin ? { plugin } : {}),
  });
  return {
    version,
    display_version: version,
    branch: null,
    python_version: '3.11.2',
    plugin_hash: '03fc73f5715354e5055847a84c9cf442',
    config_hash: 'ae52f9d07a5767f232e661e5fb405947',
    debug: false,
    safe_mode: null,
    online: true,
    permissions: [
      perm('ADMIN', 'Admin', true, ['admins'], 'Admin is allowed to do everything'),
      perm('STATUS', 'Status', false, ['users', 'readonly'], 'Allows to gather basic status information, e.g. job progress, printer state, temperatures, ... Mandatory for the default UI to work'),
      perm('CONNECTION', 'Connection', false, ['users'], 'Allows to connect to and disconnect from a printer'),
      perm('WEBCAM', 'Webcam', false, ['users', 'readonly'], 'Allows to watch the webcam stream'),
      perm('MONITOR_TERMINAL', 'Terminal', false, ['users', 'readonly'], 'Allows to watch the terminal tab but not to send commands to the printer from it'),
      perm('SETTINGS_READ', 'Settings Access', false, ['users', 'readonly'], 'Allows to read non sensitive settings. Mandatory for the default UI to work.'),
      perm(
        'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT',
        'Action Command Prompt Support: Interact with printer prompts',
        false,
        ['users'],
        'Allows to see and interact with printer prompts',
        'action_command_prompt',
      ),
    ],
  };
}

/** A G-code analysis result as in MetadataAnalysisFinished and FileInfo.gcodeAnalysis. */
export interface GcodeAnalysis {
  printingArea: { maxX: number; maxY: number; maxZ: number; minX: number; minY: number; minZ: number };
  dimensions: { depth: number; height: number; width: number };
  travelArea: { maxX: number; maxY: number; maxZ: number; minX: number; minY: number; minZ: number };
  travelDimensions: { depth: number; height: number; width: number };
  estimatedPrintTime: number;
  filament: Record<string, { length: number; volume: number }>;
}

export function analysisFor(height: number, estimatedPrintTime: number, filamentLength: number): GcodeAnalysis {
  return {
    printingArea: { maxX: 60, maxY: 60, maxZ: height, minX: 0, minY: 0, minZ: 0 },
    dimensions: { depth: 60, height, width: 60 },
    travelArea: { maxX: 60, maxY: 60, maxZ: 10, minX: 0, minY: 0, minZ: 0 },
    travelDimensions: { depth: 60, height: 10, width: 60 },
    estimatedPrintTime,
    filament: { tool0: { length: filamentLength, volume: 0 } },
  };
}

/** The files the recorded scenarios printed: a short 400-move test and a longer one. */
export const LAB_TEST_FILE = { name: 'lab_test.gcode', size: 11911, layers: 8, layerHeight: 0.2, estimatedPrintTime: 204.03553390593214, filamentLength: 160, durationMs: 10_650 };
export const LAB_LONG_FILE = { name: 'lab_long.gcode', size: 45220, layers: 30, layerHeight: 0.2, estimatedPrintTime: 754.0355339059288, filamentLength: 600, durationMs: 40_000 };

/** The terminal lines of a fresh connection to the virtual printer (the start of `history.logs`). */
export const CONNECT_LOGS = [
  'Changing monitoring state from "Offline" to "Opening serial connection"',
  'Changing monitoring state from "Opening serial connection" to "Connecting"',
  "Connected to: VIRTUAL(read_timeout=10.0,write_timeout=10.0,options={'enabled': True, 'simulated_errors': [], '_config_version': 1}), starting monitor",
  'Send: N0 M110 N0*125',
  'Recv: start',
  'Recv: Marlin: Virtual Marlin!',
  'Recv: SD card ok',
  'Recv: ok',
  'Changing monitoring state from "Connecting" to "Operational"',
  'Send: N1 M115*39',
  'Recv: FIRMWARE_NAME:Virtual Marlin 1.0 PROTOCOL_VERSION:1.0',
  'Recv: Cap:AUTOREPORT_TEMP:1',
  'Recv: Cap:AUTOREPORT_SD_STATUS:1',
  'Recv: Cap:EMERGENCY_PARSER:1',
  'Recv: ok',
  'Send: M155 S2',
  'Recv: ok',
];

export const THERMAL_RUNAWAY = 'Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!';
export const THERMAL_RUNAWAY_LINES = ['Recv: Error:Thermal Runaway, system stopped! Heater_ID: bed', 'Recv: Error:Printer halted. kill() called!'];
export const BUSY_PAUSED_FOR_USER = 'Recv: echo:busy: paused for user';
