/**
 * The lines of a UTF-8 body as its chunks arrive, for JSON Lines input: only the line being read
 * is held, never the file. LF and CRLF ends are taken, and a byte order mark at the start.
 */
export async function* readLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  // Not fatal: one line of bad bytes becomes one line of U+FFFD, which fails to parse on its own.
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      yield withoutCr(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield withoutCr(pending);
}

const withoutCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);
