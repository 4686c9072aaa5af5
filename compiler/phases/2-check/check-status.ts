// `status { listen "127.0.0.1:8787"  token @env.STATUS_TOKEN  public read }`: the daemon's
// status page. The address is checked here so that a typo fails the build, not the daemon
// at 3 a.m.; the token may only come from the environment, so it never reaches the module.
import type { ObjectNode } from '../../../grammar/ast.js';
import { diag } from '../../../language/diagnostic.js';
import type { CheckContext } from './check-context.js';
import type { CheckedStatus } from './checked-model.js';
import { parseListenAddress } from '../../../runtime/common/listen-address.js';
import { readSettings } from './read-settings.js';
import { defaultStatusListen } from '../../../language/settings-table.js';


export function checkStatus(ctx: CheckContext, body: ObjectNode | undefined): CheckedStatus {
  const status: CheckedStatus = { listen: defaultStatusListen, tokenEnv: null, publicRead: false };
  const s = readSettings(ctx, body, 'status', 'status');

  const listen = s.get('listen')?.value;
  if (listen && !listen.recovered) {
    if (listen.kind !== 'String' || listen.parts.some((p) => p.kind !== 'Text')) {
      ctx.report(diag.settingType(listen.range, { setting: 'listen', expected: "an address in quotes, such as '127.0.0.1:8787'" }));
    } else {
      const address = parseListenAddress(listen.value);
      if ('problem' in address) ctx.report(diag.statusListen(listen.range, { address: listen.value, problem: address.problem }));
      else status.listen = listen.value;
    }
  }

  const token = s.get('token')?.value;
  if (token && !token.recovered) {
    const param = token.kind === 'Param' ? token : token.kind === 'String' && token.parts.length === 1 && token.parts[0].kind === 'Param' ? token.parts[0] : undefined;
    const name = param && param.filters.length === 0 && param.segments.length === 2 && param.segments[0].name === 'env' ? param.segments[1].name : undefined;
    if (!name) ctx.report(diag.statusToken(token.range));
    else {
      ctx.env.add(name);
      status.tokenEnv = name;
    }
  }

  const pub = s.get('public')?.value;
  if (pub && !pub.recovered) {
    if (pub.kind === 'Word' && pub.name === 'read') status.publicRead = true;
    else ctx.report(diag.settingType(pub.range, { setting: 'public', expected: "'read' (anyone who can reach the address may read the page; actions still need the token)" }));
  }
  return status;
}
