import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { explainIssues, formatIssuePath } from '../../engine/validation/index.ts';
import { HookflowError } from '../errors.ts';
import type { CustomerNoticeWatch } from '../store/ports/notice-store.ts';
import type { CommitBatch, Store } from '../store/ports/store.ts';
import { CustomerAttributesField, CustomerIdSchema } from './customer-schemas.ts';
import { importRecords } from './import-records.ts';

export type ImportFormat = 'ndjson' | 'csv';

/** What an import holds at once and reports, whatever the file's size. */
export const IMPORT_LIMITS = {
  /** One line (a CSV record, quoted line breaks included) in UTF-8 bytes: 64 KiB of attributes and room for the rest. */
  maxLineBytes: 128 * 1024,
  /** Customers written per transaction. */
  batchSize: 1000,
  /** Line errors listed in the answer; `failed` counts them all. */
  maxErrors: 1000,
} as const;

/** The answer of `POST /api/customers/import`. */
export interface ImportReport {
  format: ImportFormat;
  /** Records read (blank lines aside; a CSV's header is not one). */
  lines: number;
  /** Customers created or updated. */
  imported: number;
  /** Records refused, each listed in `errors` up to `IMPORT_LIMITS.maxErrors`. */
  failed: number;
  errors: { line: number; message: string }[];
  /** More lines failed than `errors` lists. */
  errorsTruncated: boolean;
}

/** One NDJSON line: a customer as `PUT /api/customers/:id` takes it, with its id. */
const ImportLineSchema = z
  .object({ id: CustomerIdSchema, attributes: CustomerAttributesField.default({}) })
  .strict();

type Customer = { id: string; attributes: Record<string, unknown> };

/**
 * Upserts customers from a stream of NDJSON or CSV, 1,000 per transaction, merging each one's
 * attributes (top-level keys; source `import` for customer events). A bad record is reported
 * by its line number and the rest go on; memory holds one group of records and one batch.
 * Only a CSV without a usable header is refused whole (400), before anything is written.
 */
export async function importCustomers(options: {
  source: AsyncIterable<Buffer | string>;
  format: ImportFormat;
  store: Store;
  now: () => string;
  /** Which customer events to decide with each batch (none when undefined). */
  watch: () => CustomerNoticeWatch | undefined;
}): Promise<ImportReport> {
  const { format } = options;
  const writer = new BatchWriter(options);
  let header: string[] | null = null;
  let group: ParsedRecord[] = [];
  let groupBytes = 0;
  const decodeGroup = async () => {
    const decoded = header ? fromCsv(header, group) : group.map((record) => fromNdjson(record.text));
    for (const [index, customer] of decoded.entries()) await writer.add(group[index]!.line, customer);
    group = [];
    groupBytes = 0;
  };
  const records = importRecords(options.source, {
    maxBytes: IMPORT_LIMITS.maxLineBytes,
    quotes: format === 'csv',
  });
  for await (const { line, text } of records) {
    if (format === 'csv' && header === null) {
      header = csvHeader(text, line);
      continue;
    }
    if (text === null) {
      await writer.add(line, `line is longer than ${IMPORT_LIMITS.maxLineBytes / 1024} KiB`);
      continue;
    }
    group.push({ line, text });
    groupBytes += text.length;
    if (group.length >= IMPORT_LIMITS.batchSize || groupBytes >= GROUP_BYTES) await decodeGroup();
  }
  await decodeGroup();
  return writer.finish(format);
}

/** Records decoded together (CSV parses a group in one call), at most this much text at once. */
const GROUP_BYTES = 1024 * 1024;

type ParsedRecord = { line: number; text: string };

/** Counts and reports the records, and writes the good ones in batches. */
class BatchWriter {
  private readonly options: Parameters<typeof importCustomers>[0];
  private readonly report = { lines: 0, imported: 0, failed: 0, errors: [] as ImportReport['errors'] };
  private errorsTruncated = false;
  private batch: NonNullable<CommitBatch['customers']> = [];
  private ids = new Set<string>();

  constructor(options: Parameters<typeof importCustomers>[0]) {
    this.options = options;
  }

  /** One record: its customer, or what is wrong with it. */
  async add(line: number, customer: Customer | string): Promise<void> {
    this.report.lines += 1;
    if (typeof customer === 'string') {
      this.report.failed += 1;
      if (this.report.errors.length < IMPORT_LIMITS.maxErrors)
        this.report.errors.push({ line, message: customer });
      else this.errorsTruncated = true;
      return;
    }
    // A customer twice in one transaction: the earlier line's merge is written first.
    if (this.ids.has(customer.id)) await this.flush();
    this.ids.add(customer.id);
    this.batch.push({ ...customer, source: 'import' });
    if (this.batch.length >= IMPORT_LIMITS.batchSize) await this.flush();
  }

  async finish(format: ImportFormat): Promise<ImportReport> {
    await this.flush();
    return { format, ...this.report, errorsTruncated: this.errorsTruncated };
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const watch = this.options.watch();
    await this.options.store.commit({
      customers: this.batch,
      ...(watch ? { watch } : {}),
      now: this.options.now(),
    });
    this.report.imported += this.batch.length;
    this.batch = [];
    this.ids = new Set();
  }
}

/** A customer from one NDJSON line, or what is wrong with it. */
function fromNdjson(text: string): Customer | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  return validCustomer(value);
}

function validCustomer(value: unknown): Customer | string {
  const result = ImportLineSchema.safeParse(value);
  if (result.success) return result.data;
  return explainIssues(result.error.issues)
    .map((issue) =>
      issue.path.length > 0 ? `${formatIssuePath(issue.path)}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** The columns of a CSV: `id` names the customer, each other column one attribute. */
function csvHeader(text: string | null, line: number): string[] {
  const refuse = (message: string) =>
    new HookflowError('bad_request', `CSV header (line ${line}): ${message}`, [{ field: 'header', message }]);
  if (text === null) throw refuse(`longer than ${IMPORT_LIMITS.maxLineBytes / 1024} KiB`);
  const rows = csvRows(text);
  if (typeof rows === 'string') throw refuse(rows);
  const columns = rows[0] ?? [];
  if (!columns.includes('id'))
    throw refuse('no "id" column; the first line names the columns, e.g. id,plan,email');
  const twice = columns.find((column, index) => columns.indexOf(column) !== index);
  if (twice !== undefined) throw refuse(`column "${twice}" appears twice`);
  if (columns.some((column) => column === '')) throw refuse('a column has no name');
  return columns;
}

/**
 * The customers of a group of CSV records, parsed in one call (setting a parser up costs more
 * than a record): each record's `id` column, and each other non-empty cell as a text attribute
 * (an empty cell sets nothing). A group that does not parse is parsed record by record, so the
 * bad ones are named by their own lines.
 */
function fromCsv(header: string[], group: readonly ParsedRecord[]): (Customer | string)[] {
  const rows = csvRows(group.map((record) => record.text).join('\n'));
  if (typeof rows !== 'string' && rows.length === group.length)
    return rows.map((cells) => fromCells(header, cells));
  return group.map((record) => {
    const single = csvRows(record.text);
    if (typeof single === 'string') return single;
    return fromCells(header, single[0] ?? []);
  });
}

function fromCells(header: string[], cells: string[]): Customer | string {
  if (cells.length !== header.length) return `has ${cells.length} fields, the header has ${header.length}`;
  const attributes: Record<string, unknown> = {};
  let id = '';
  cells.forEach((cell, index) => {
    const column = header[index]!;
    if (column === 'id') id = cell;
    else if (cell !== '') attributes[column] = cell;
  });
  return validCustomer({ id, attributes });
}

/** The rows of CSV text (records separated by \n), or what is wrong with it. */
function csvRows(text: string): string[][] | string {
  try {
    return parseCsv(text, { bom: true, record_delimiter: '\n', relax_column_count: true }) as string[][];
  } catch (error) {
    return `not valid CSV: ${(error as Error).message}`;
  }
}
