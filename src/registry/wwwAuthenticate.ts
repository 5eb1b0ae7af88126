/** One challenge of a WWW-Authenticate header: the scheme and its auth-params (keys lowercased). */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

// auth-param = token "=" ( token / quoted-string ); a quoted string may escape '"' and '\'.
const PARAM = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;
const SCHEME = /\s*,?\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?=\s|$|,)/y;

/**
 * Parses a WWW-Authenticate header such as
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"`.
 * Several challenges may share one header; the registry sends one, but proxies add their own.
 */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  if (!header) return [];
  const challenges: AuthChallenge[] = [];
  let at = 0;
  while (at < header.length) {
    SCHEME.lastIndex = at;
    const scheme = SCHEME.exec(header);
    if (!scheme) break;
    at = SCHEME.lastIndex;
    const params: Record<string, string> = {};
    for (;;) {
      PARAM.lastIndex = at;
      const param = PARAM.exec(header);
      if (!param) break;
      // "Basic realm=x, Bearer realm=y": "Bearer realm" does not match PARAM, so the loop ends there.
      params[param[1].toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3];
      at = PARAM.lastIndex;
    }
    challenges.push({ scheme: scheme[1].toLowerCase(), params });
    if (at === SCHEME.lastIndex && Object.keys(params).length === 0 && at < header.length && header[at] !== ',') {
      // A token68 credential (not used by registries): skip to the next comma so parsing cannot loop.
      const comma = header.indexOf(',', at);
      at = comma < 0 ? header.length : comma + 1;
    }
  }
  return challenges;
}
