// `HOST:PORT` for the status page, from `--status` or the file's `status { listen … }`. One
// reader for both, so the compiler refuses exactly what the daemon could not listen on.

export interface ListenAddress {
  /** Without brackets: `127.0.0.1`, `::1`, `localhost`. */
  host: string;
  port: number;
}

/** The address, or why it cannot be listened on. */
export function parseListenAddress(address: string): ListenAddress | { problem: string } {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(address);
  if (!m) return { problem: "write it as HOST:PORT, such as '127.0.0.1:8787' or '[::1]:8787'" };
  const [, host, port] = m;
  if (Number(port) > 65535) return { problem: `port ${port} is above 65535` };
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4 && ipv4.slice(1).some((o) => Number(o) > 255)) return { problem: `${host} is not an IPv4 address` };
  const name = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
  if (!ipv4 && !host.startsWith('[') && !name.test(host)) return { problem: `'${host}' is not a host name or an IP address` };
  return { host: host.startsWith('[') ? host.slice(1, -1) : host, port: Number(port) };
}
