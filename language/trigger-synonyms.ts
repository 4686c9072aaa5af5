// What other tools call OctoPrint's triggers, so `on PrintFinished` suggests PrintDone even
// though no edit-distance rule would. Names from Home Assistant's OctoPrint and Moonraker
// integrations, Klipper/Moonraker print states, the OctoPrint-Discord(Remote), -Telegram and
// OctoEverywhere/Obico notification settings, and plain English. Keys are written as
// `synonymKey` (compiler/schema/did-you-mean.ts) makes them: `print_finished` → `printfinished`.

export const triggerSynonyms: Readonly<Record<string, string>> = {
  // PrintDone
  printfinished: 'PrintDone', printcomplete: 'PrintDone', printcompleted: 'PrintDone', printsuccess: 'PrintDone',
  printsucceeded: 'PrintDone', printend: 'PrintDone', printended: 'PrintDone', printingdone: 'PrintDone',
  printingfinished: 'PrintDone', printingcomplete: 'PrintDone', jobdone: 'PrintDone', jobfinished: 'PrintDone',
  jobcomplete: 'PrintDone', jobcompleted: 'PrintDone', finished: 'PrintDone', complete: 'PrintDone',
  completed: 'PrintDone', done: 'PrintDone', success: 'PrintDone',
  // PrintFailed
  printerror: 'PrintFailed', printfail: 'PrintFailed', printfailure: 'PrintFailed', printaborted: 'PrintFailed',
  printingfailed: 'PrintFailed', printingerror: 'PrintFailed', jobfailed: 'PrintFailed', joberror: 'PrintFailed',
  failed: 'PrintFailed', fail: 'PrintFailed', failure: 'PrintFailed', aborted: 'PrintFailed',
  // PrintCancelled
  printcanceled: 'PrintCancelled', printcancel: 'PrintCancelled', printstopped: 'PrintCancelled',
  printingcancelled: 'PrintCancelled', printingcanceled: 'PrintCancelled', jobcancelled: 'PrintCancelled',
  jobcanceled: 'PrintCancelled', cancelled: 'PrintCancelled', canceled: 'PrintCancelled', cancel: 'PrintCancelled',
  stopped: 'PrintCancelled',
  // PrintPaused
  printpause: 'PrintPaused', printingpaused: 'PrintPaused', jobpaused: 'PrintPaused', paused: 'PrintPaused', pause: 'PrintPaused',
  // PrintResumed
  printresume: 'PrintResumed', printcontinued: 'PrintResumed', printingresumed: 'PrintResumed', jobresumed: 'PrintResumed',
  resumed: 'PrintResumed', resume: 'PrintResumed',
  // PrintStarted
  printstart: 'PrintStarted', printbegin: 'PrintStarted', printbegan: 'PrintStarted', printingstarted: 'PrintStarted',
  jobstarted: 'PrintStarted', jobstart: 'PrintStarted', started: 'PrintStarted', start: 'PrintStarted', printing: 'PrintStarted',
  // Progress
  printprogress: 'Progress', printingprogress: 'Progress', progressupdate: 'Progress', percent: 'Progress', percentage: 'Progress',
  // UserActionNeeded (a runout sensor's M600 and firmware prompts are what it catches)
  filamentrunout: 'UserActionNeeded', filamentout: 'UserActionNeeded', runout: 'UserActionNeeded',
  outoffilament: 'UserActionNeeded', filamentsensor: 'UserActionNeeded', useraction: 'UserActionNeeded',
  actionrequired: 'UserActionNeeded', actionneeded: 'UserActionNeeded', userinteractionneeded: 'UserActionNeeded',
  userinputneeded: 'UserActionNeeded', waitingforuser: 'UserActionNeeded', needsattention: 'UserActionNeeded',
  attentionneeded: 'UserActionNeeded',
  // Error
  printererror: 'Error', firmwareerror: 'Error', halted: 'Error', printerhalted: 'Error',
  // ZChange
  layerchange: 'ZChange', layerchanged: 'ZChange', newlayer: 'ZChange', zchanged: 'ZChange',
  // MovieDone
  timelapsedone: 'MovieDone', timelapsefinished: 'MovieDone', timelapsecomplete: 'MovieDone',
};

