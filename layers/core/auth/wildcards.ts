/**
 * IAM's wildcards: `*` matches any run of characters (slashes and colons included), `?` any one,
 * everything else itself. Hand-written because glob libraries (minimatch, picomatch) stop `*` at
 * a slash, which an IAM pattern such as `arn:aws:iam::*:role/*` must cross.
 */
export function wildcardPattern(pattern: string, options: { ignoreCase?: boolean } = {}): RegExp {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'i' : '');
}
