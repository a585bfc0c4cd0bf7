import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { RowProblem } from './entities/exchange-row-error.entity.js';

// pg-copy-streams is CommonJS without types
const require = createRequire(import.meta.url);
const copyStreams = require('pg-copy-streams') as { from(sql: string): Writable };

/** One good row as staged: the ID number only encrypted and hashed. */
export interface StagedRecord {
  rowNumber: number;
  idHash: string;
  idEncrypted: string;
  idMasked: string;
  name: string;
  fields: Record<string, unknown>;
}

export interface StagedError {
  rowNumber: number;
  problems: RowProblem[];
  row: Record<string, string>;
}

/** Where the job puts a batch's rows: COPY on PostgreSQL, multi-row INSERTs on the embedded PGlite. */
export interface StagingSink {
  readonly mode: 'copy' | 'insert';
  write(record: StagedRecord): Promise<void>;
  writeError(error: StagedError): Promise<void>;
  /** everything written so far is in the tables (between chunks: progress is committed) */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const RECORD_COLUMNS = '"batch_id", "row_number", "id_hash", "id_encrypted", "id_masked", "name", "fields"';
const ERROR_FLUSH_ROWS = 1000;
/**
 * Rows are handed to the COPY stream in groups of about this many characters: pg-copy-streams sends every write as
 * its own CopyData message with two socket writes, which per row cost more than the rest of the staging.
 */
const COPY_WRITE_CHARS = 64 * 1024;

/** COPY text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Errors go in with one INSERT ... SELECT FROM unnest per ~1000 (few compared with good rows). */
async function insertErrors(run: (sql: string, parameters: unknown[]) => Promise<unknown>, batchId: string, errors: StagedError[]) {
  if (!errors.length) return;
  await run(
    `INSERT INTO "exchange_row_errors" ("batch_id", "row_number", "problems", "row")
     SELECT $1::uuid, n, p, r FROM unnest($2::int[], $3::jsonb[], $4::jsonb[]) AS t(n, p, r)`,
    [batchId, errors.map((e) => e.rowNumber), errors.map((e) => JSON.stringify(e.problems)), errors.map((e) => JSON.stringify(e.row))],
  );
}

/**
 * COPY exchange_records FROM STDIN on a connection of its own: rows are written to the stream as they are parsed
 * (backpressure respected); every `chunkRows` rows the COPY ends (one statement, committed) and the next begins, so
 * progress is visible and memory stays flat.
 */
class CopySink implements StagingSink {
  readonly mode = 'copy' as const;
  private stream: Writable | null = null;
  private done: Promise<void> | null = null;
  private failure: Error | null = null;
  private inStream = 0;
  private errors: StagedError[] = [];
  /** lines not yet handed to the COPY stream: one CopyData message (two socket writes) per group, not per row */
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
    private readonly batchId: string,
    private readonly chunkRows: number,
  ) {}

  async write(record: StagedRecord): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream) {
      const stream = this.client.query(copyStreams.from(`COPY "exchange_records" (${RECORD_COLUMNS}) FROM STDIN`) as never) as unknown as Writable;
      // 'finish' comes once the server has the rows (CommandComplete); an error may come at any write
      this.done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', (error: Error) => {
          this.failure = error;
          reject(error);
        });
      });
      this.done.catch(() => undefined);
      this.stream = stream;
      this.inStream = 0;
    }
    const line =
      `${this.batchId}\t${record.rowNumber}\t${record.idHash}\t${record.idEncrypted}\t${record.idMasked}\t` +
      `${copyText(record.name)}\t${copyText(JSON.stringify(record.fields))}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= COPY_WRITE_CHARS) await this.writePending();
    if (++this.inStream >= this.chunkRows) await this.endCopy();
  }

  /** hands the pending lines to the stream as one write (backpressure respected) */
  private async writePending(): Promise<void> {
    if (!this.pending.length || !this.stream) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async writeError(error: StagedError): Promise<void> {
    this.errors.push(error);
    if (this.errors.length >= ERROR_FLUSH_ROWS) await this.flushErrors();
  }

  async flush(): Promise<void> {
    await this.endCopy();
    await this.flushErrors();
  }

  async close(): Promise<void> {
    // a COPY left open (the job failed mid-file) spoils the connection: the pool must drop it, not reuse it
    const broken = this.stream !== null || this.failure !== null;
    this.pending = [];
    this.stream?.destroy();
    this.stream = null;
    const runner = this.runner as QueryRunner & { releasePostgresConnection?: (err?: Error) => Promise<void> };
    if (broken && runner.releasePostgresConnection) await runner.releasePostgresConnection(this.failure ?? new Error('COPY abandoned'));
    else await runner.release();
  }

  private async endCopy(): Promise<void> {
    await this.writePending();
    const stream = this.stream;
    const done = this.done;
    if (!stream || !done) return;
    this.stream = null;
    this.done = null;
    stream.end();
    await done;
  }

  private async flushErrors(): Promise<void> {
    const errors = this.errors;
    this.errors = [];
    await insertErrors((sql, parameters) => this.client.query(sql, parameters), this.batchId, errors);
  }
}

/**
 * The embedded PGlite cannot take COPY FROM STDIN through its socket (the protocol synchronisation is lost), so there
 * the rows go in as INSERT ... SELECT FROM unnest(...) of `chunkRows` rows each: one round trip per chunk.
 */
class InsertSink implements StagingSink {
  readonly mode = 'insert' as const;
  private records: StagedRecord[] = [];
  private errors: StagedError[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly batchId: string,
    private readonly chunkRows: number,
  ) {}

  async write(record: StagedRecord): Promise<void> {
    this.records.push(record);
    if (this.records.length >= this.chunkRows) await this.flushRecords();
  }

  async writeError(error: StagedError): Promise<void> {
    this.errors.push(error);
    if (this.errors.length >= ERROR_FLUSH_ROWS) await this.flushErrors();
  }

  async flush(): Promise<void> {
    await this.flushRecords();
    await this.flushErrors();
  }

  async close(): Promise<void> {
    this.records = [];
    this.errors = [];
  }

  private async flushRecords(): Promise<void> {
    const rows = this.records;
    this.records = [];
    if (!rows.length) return;
    await this.dataSource.query(
      `INSERT INTO "exchange_records" (${RECORD_COLUMNS})
       SELECT $1::uuid, n, h, e, m, nm, f FROM unnest($2::int[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::jsonb[])
         AS t(n, h, e, m, nm, f)`,
      [
        this.batchId,
        rows.map((r) => r.rowNumber),
        rows.map((r) => r.idHash),
        rows.map((r) => r.idEncrypted),
        rows.map((r) => r.idMasked),
        rows.map((r) => r.name),
        rows.map((r) => JSON.stringify(r.fields)),
      ],
    );
  }

  private async flushErrors(): Promise<void> {
    const errors = this.errors;
    this.errors = [];
    await insertErrors((sql, parameters) => this.dataSource.query(sql, parameters), this.batchId, errors);
  }
}

/** The sink for this database: COPY on PostgreSQL, INSERT batches (chunks of ~1000) on the embedded PGlite. */
export async function openStagingSink(
  dataSource: DataSource,
  batchId: string,
  options: { embedded: boolean; copyChunkRows?: number; insertChunkRows?: number },
): Promise<StagingSink> {
  if (options.embedded) return new InsertSink(dataSource, batchId, options.insertChunkRows ?? 1000);
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  return new CopySink(runner, client, batchId, options.copyChunkRows ?? 50_000);
}
