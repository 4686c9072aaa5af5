// Whether the daemon serves its status page, where, and with which token: `--status ADDR`
// over the file's `status { listen … }`; off when neither asks. The token comes from the
// environment variable the block names, else it is made at start and printed once (before
// it joins the logger's secrets, which keep it out of every later line).
import type { CompiledModule } from '../compiled-module.js';
import { OctohookError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { generateToken } from './auth.js';
import { parseListenAddress, type ListenAddress } from '../common/listen-address.js';

export interface StatusOptions {
  listen: ListenAddress;
  token: string;
  publicRead: boolean;
}

export function resolveStatusOptions(flag: string | undefined, module: CompiledModule, env: Record<string, string | undefined>, logger: Logger): StatusOptions | null {
  const spec = module.status;
  const address = flag ?? spec?.listen;
  if (address === undefined) return null;
  const listen = parseListenAddress(address);
  if ('problem' in listen) throw new OctohookError('OHK_ERR_USAGE', `--status ${address}: ${listen.problem}`);
  let token = spec?.tokenEnv ? env[spec.tokenEnv] : undefined;
  if (spec?.tokenEnv && !token) logger.warn(`status page: ${spec.tokenEnv} is not set; using a token made for this run instead`);
  if (!token) {
    token = generateToken();
    logger.info(`status page token for this run: ${token} (shown only here; name one with 'status { token @env.NAME }')`);
  }
  logger.addSecret(token);
  return { listen, token, publicRead: spec?.publicRead ?? false };
}
