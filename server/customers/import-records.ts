/** One record of an import file: its first line's number and its text, or null when too long. */
export interface ImportRecord {
  line: number;
  text: string | null;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Splits a byte stream into records, one per line (blank lines skipped), with their 1-based line
 * numbers, holding at most `maxBytes` of one record: a longer one is dropped as it arrives and
 * yielded with `text: null`, and the stream goes on after it. With `quotes` (CSV), a line break
 * inside double quotes continues the record (RFC 4180: doubled quotes inside a quoted field
 * toggle twice, so the parity of quotes tells). Bytes are decoded once a record is whole, so a
 * UTF-8 character split between chunks stays whole; a trailing `\r` is dropped.
 *
 * @example
 * for await (const record of importRecords(request.raw, { maxBytes: 131072, quotes: false })) …
 */
export async function* importRecords(
  source: AsyncIterable<Buffer | string>,
  options: { maxBytes: number; quotes: boolean },
): AsyncGenerator<ImportRecord> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let quoted = false;
  let line = 1;
  let start = 1;
  const take = (piece: Buffer) => {
    if (tooLong) return;
    size += piece.length;
    if (size > options.maxBytes) {
      tooLong = true;
      parts = [];
    } else if (piece.length > 0) parts.push(piece);
  };
  const finish = (): ImportRecord | null => {
    const record = tooLong ? { line: start, text: null } : textOf(parts, start);
    parts = [];
    size = 0;
    tooLong = false;
    return record;
  };
  for await (const data of source) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let from = 0;
    for (;;) {
      const end: { at: number; quoted: boolean } = options.quotes
        ? recordEnd(chunk, from, quoted)
        : { at: chunk.indexOf(NEWLINE, from), quoted };
      const lines = options.quotes ? countNewlines(chunk, from, end.at === -1 ? chunk.length : end.at) : 0;
      if (end.at === -1) {
        take(chunk.subarray(from));
        line += lines;
        quoted = end.quoted;
        break;
      }
      take(chunk.subarray(from, end.at));
      quoted = false;
      line += lines;
      const record = finish();
      if (record) yield record;
      line += 1;
      start = line;
      from = end.at + 1;
    }
  }
  const last = finish();
  if (last) yield last;
}

/** The record's text, or null for a blank line. */
function textOf(parts: Buffer[], line: number): ImportRecord | null {
  let text = Buffer.concat(parts).toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text.trim() === '' ? null : { line, text };
}

/** Where the record ends (a newline outside quotes) from `from`, and the quote state at the chunk's end. */
function recordEnd(chunk: Buffer, from: number, quotedAtStart: boolean): { at: number; quoted: boolean } {
  let quoted = quotedAtStart;
  for (let index = from; index < chunk.length; index += 1) {
    const byte = chunk[index];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === NEWLINE && !quoted) return { at: index, quoted };
  }
  return { at: -1, quoted };
}

/** Line breaks inside a record (quoted ones), so the next record's line number stays right. */
function countNewlines(chunk: Buffer, from: number, to: number): number {
  let count = 0;
  for (
    let index = chunk.indexOf(NEWLINE, from);
    index !== -1 && index < to;
    index = chunk.indexOf(NEWLINE, index + 1)
  )
    count += 1;
  return count;
}
