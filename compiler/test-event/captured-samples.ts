// Generated from the recorded OctoPrint 1.10.3 traffic in fixtures/octoprint-captures/push by
// tests/support/derive-test-samples.ts: each capture replayed through the daemon's own intake,
// keeping the first firing of every trigger (and of every PrintFailed reason) with its payload
// and the printer as that firing saw it. Do not edit: `UPDATE=1 npm test` rewrites it, and
// tests/compiler/test-event/test-samples.test.ts fails when it no longer matches the captures.
import type { PrinterView } from '../../runtime/dispatch/firing.js';

export interface CapturedSample {
  trigger: string;
  /** What tells two samples of one trigger apart (`reason error`), else empty. */
  variant: string;
  /** The recording it came from (fixtures/octoprint-captures/push/NAME.jsonl). */
  capture: string;
  milestone: number;
  payload: unknown;
  printer: PrinterView;
}

export const capturedSamples: readonly CapturedSample[] = [
  {
    trigger: "FileAdded",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"storage":"local","path":"lab_test.gcode","name":"lab_test.gcode","type":["machinecode","gcode"],"operation":"add"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "UpdatedFiles",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"type":"printables"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "Upload",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","target":"local","select":false,"print":false,"effective_select":false,"effective_print":false},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "MetadataAnalysisStarted",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","origin":"local","type":"gcode"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "FileSelected",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","origin":"local","size":null,"owner":"admin","user":"admin"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "PrinterStateChanged",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"state_id":"STARTING","state_string":"Starting"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "PrintStarted",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","origin":"local","size":11911,"owner":"admin","user":"admin"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "ChartMarked",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"type":"print","label":"Start"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "Home",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "ZChange",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"new":0.2,"old":null},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":3.3582402820921833,"filepos":400,"printTime":0,"printTimeLeft":10,"printTimeLeftOrigin":"average"},"currentZ":0.2,"offsets":{}},
  },
  {
    trigger: "plugin_webhooks_progress",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":12.62698346066661,"filepos":1504,"printTime":1,"printTimeLeft":9,"printTimeLeftOrigin":"average"},"currentZ":0.4,"offsets":{}},
  },
  {
    trigger: "Progress",
    variant: "",
    capture: "default-done",
    milestone: 50,
    payload: {"milestone":50,"completion":50.23087901939384},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.648483284999998,"lastPrintTime":10.653693198999918,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":50.23087901939384,"filepos":5983,"printTime":5,"printTimeLeft":5,"printTimeLeftOrigin":"average"},"currentZ":1,"offsets":{}},
  },
  {
    trigger: "PrintDone",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","origin":"local","size":11911,"owner":"admin","time":10.645221172999982},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.647395914333325,"lastPrintTime":10.645221172999982,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":100,"filepos":11911,"printTime":10,"printTimeLeft":0,"printTimeLeftOrigin":null},"currentZ":10,"offsets":{}},
  },
  {
    trigger: "MetadataStatisticsUpdated",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"storage":"local","path":"lab_test.gcode"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.647395914333325,"lastPrintTime":10.645221172999982,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":100,"filepos":11911,"printTime":10,"printTimeLeft":0,"printTimeLeftOrigin":null},"currentZ":10,"offsets":{}},
  },
  {
    trigger: "MetadataAnalysisFinished",
    variant: "",
    capture: "default-done",
    milestone: 0,
    payload: {"name":"lab_test.gcode","path":"lab_test.gcode","origin":"local","result":{"printingArea":{"maxX":60,"maxY":60,"maxZ":1.6,"minX":0,"minY":0,"minZ":0},"dimensions":{"depth":60,"height":1.6,"width":60},"travelArea":{"maxX":60,"maxY":60,"maxZ":10,"minX":0,"minY":0,"minZ":0},"travelDimensions":{"depth":60,"height":10,"width":60},"estimatedPrintTime":204.03553390593214,"filament":{"tool0":{"length":160,"volume":0}}}},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_test.gcode","path":"lab_test.gcode","display":"lab_test.gcode","origin":"local","size":11911,"date":1795831124},"estimatedPrintTime":204.03553390593214,"averagePrintTime":10.647395914333325,"lastPrintTime":10.645221172999982,"filament":{"tool0":{"length":160,"volume":0}},"user":"admin"},"progress":{"completion":100,"filepos":11911,"printTime":10,"printTimeLeft":0,"printTimeLeftOrigin":null},"currentZ":10,"offsets":{}},
  },
  {
    trigger: "ClientAuthed",
    variant: "",
    capture: "default-error",
    milestone: 0,
    payload: {"username":"admin","remoteAddress":"127.0.0.1"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "Error",
    variant: "",
    capture: "default-error",
    milestone: 0,
    payload: {"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!","reason":"firmware","consequence":"emergency","logs":["Recv: ok","Send: N314 G1 X60.0 Y50.0 E120.800 F1200*9","Recv: ok","Send: N315 G1 X60.0 Y60.0 E121.200 F1200*0","Recv: ok","Send: N316 G1 X50.0 Y60.0 E121.600 F1200*4","Recv: ok","Send: N317 G1 X50.0 Y50.0 E122.000 F1200*3","Recv: ok","Send: N318 G1 X60.0 Y50.0 E122.400 F1200*11","Recv: ok","Send: N319 G1 X60.0 Y60.0 E122.800 F1200*5","Recv: ok","Send: N320 G1 X50.0 Y60.0 E123.200 F1200*7","Recv: ok","Send: !!DEBUG:trigger_fatal_error_marlin","Send: N321 G1 X50.0 Y50.0 E123.600 F1200*1","Recv: Error:Thermal Runaway, system stopped! Heater_ID: bed","Recv: Error:Printer halted. kill() called!","Changing monitoring state from \"Printing\" to \"Error\""],"faq":"firmware-thermal-runaway"},
    printer: {"state":{"text":"Offline after error","flags":{"operational":false,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":true,"error":false,"paused":false,"ready":false,"sdReady":false},"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!"},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "EStop",
    variant: "",
    capture: "default-error",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Offline after error","flags":{"operational":false,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":true,"error":false,"paused":false,"ready":false,"sdReady":false},"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!"},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "FileDeselected",
    variant: "",
    capture: "default-error",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Offline after error","flags":{"operational":false,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":true,"error":false,"paused":false,"ready":false,"sdReady":false},"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!"},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "Disconnected",
    variant: "",
    capture: "default-error",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Offline after error","flags":{"operational":false,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":true,"error":false,"paused":false,"ready":false,"sdReady":false},"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!"},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "PrintFailed",
    variant: "reason error",
    capture: "default-error",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"owner":"admin","time":8.269251200000099,"reason":"error","error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!","progress":0.20225563909774436},
    printer: {"state":{"text":"Offline after error","flags":{"operational":false,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":true,"error":false,"paused":false,"ready":false,"sdReady":false},"error":"Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!"},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "plugin_webhooks_notify",
    variant: "",
    capture: "default-notify",
    milestone: 0,
    payload: {},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "UserActionNeeded",
    variant: "",
    capture: "default-notify",
    milestone: 0,
    payload: {"reason":"busy","line":"echo:busy: paused for user"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":null,"path":null,"display":null,"origin":null,"size":null,"date":null},"estimatedPrintTime":null,"averagePrintTime":null,"lastPrintTime":null,"filament":null,"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "PrintPaused",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"position":{"y":60,"t":0,"x":50,"f":1200,"z":1,"e":96},"fileposition":7057,"progress":15,"owner":"admin","user":"admin"},
    printer: {"state":{"text":"Paused","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":true,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":15.60592658115878,"filepos":7057,"printTime":6,"printTimeLeft":null,"printTimeLeftOrigin":"linear"},"currentZ":1,"offsets":{}},
  },
  {
    trigger: "PositionUpdate",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"reason":"pause","y":60,"t":0,"x":50,"f":1200,"z":1,"e":96},
    printer: {"state":{"text":"Paused","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":true,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":15.60592658115878,"filepos":7057,"printTime":6,"printTimeLeft":null,"printTimeLeftOrigin":"linear"},"currentZ":1,"offsets":{}},
  },
  {
    trigger: "PrintResumed",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"owner":"admin","user":"admin"},
    printer: {"state":{"text":"Printing","flags":{"operational":true,"printing":true,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":false,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":17.142857142857142,"filepos":7752,"printTime":6,"printTimeLeft":33,"printTimeLeftOrigin":"linear"},"currentZ":1.2,"offsets":{}},
  },
  {
    trigger: "PrintCancelling",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"owner":"admin","user":"admin"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "PrintCancelled",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"position":{"y":null,"t":null,"x":null,"f":null,"z":null,"e":null},"fileposition":13718,"progress":30,"owner":"admin","user":"admin","time":13.39937165299989},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "PrintFailed",
    variant: "reason cancelled",
    capture: "default-pause",
    milestone: 0,
    payload: {"name":"lab_long.gcode","path":"lab_long.gcode","origin":"local","size":45220,"position":{"y":null,"t":null,"x":null,"f":null,"z":null,"e":null},"fileposition":13718,"progress":30,"owner":"admin","user":"admin","time":13.39937165299989,"reason":"cancelled"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
  {
    trigger: "plugin_achievements_achievement_unlocked",
    variant: "",
    capture: "default-pause",
    milestone: 0,
    payload: {"key":"all_beginnings_are_hard","name":"All Beginnings Are Hard","description":"Cancel your first print.","hidden":false,"nag":false,"timebased":false,"type":"achievement","logo":"all_beginnings_are_hard"},
    printer: {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":"lab_long.gcode","path":"lab_long.gcode","display":"lab_long.gcode","origin":"local","size":45220,"date":1795831140},"estimatedPrintTime":754.0355339059288,"averagePrintTime":null,"lastPrintTime":null,"filament":{"tool0":{"length":600,"volume":0}},"user":"admin"},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}},
  },
];

/** The printer before anything happened: connected, operational, no file selected. */
export const idlePrinter: PrinterView = {"state":{"text":"Operational","flags":{"operational":true,"printing":false,"cancelling":false,"pausing":false,"resuming":false,"finishing":false,"closedOrError":false,"error":false,"paused":false,"ready":true,"sdReady":true},"error":""},"job":{"file":{"name":null,"path":null,"size":null,"origin":null,"date":null},"estimatedPrintTime":null,"lastPrintTime":null,"filament":{"length":null,"volume":null},"user":null},"progress":{"completion":null,"filepos":null,"printTime":null,"printTimeLeft":null,"printTimeLeftOrigin":null},"currentZ":null,"offsets":{}};
