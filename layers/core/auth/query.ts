/** The query string as a SigV4 check reads it. */

/**
 * Parses a raw query string (`a=1&b=x%20y`) into decoded pairs; a bad escape is kept as sent.
 * Not URLSearchParams: it reads `+` as a space, where SigV4 signers send a space as `%20` and a
 * `+` as `%2B`, and a bare `+` must stay a `+` to match what was signed.
 */
export function parseQuery(raw: string): Array<[string, string]> {
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      const [name, value] =
        equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
      return [decode(name), decode(value)];
    });
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
