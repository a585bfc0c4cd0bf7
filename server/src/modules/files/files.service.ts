import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger, OnModuleInit, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { ErrorDetail, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { StoredFileDto } from './dto/stored-file.dto.js';
import { StoredFile } from './entities/stored-file.entity.js';
import { SNIFF_BYTES, sniffFileType } from './file-type.js';
import { FilesException } from './files.exception.js';
import { mapStoredFile } from './files.mapper.js';

export interface AttachTarget {
  /** 'case', 'claim', 'ticket' ... */
  entityType: string;
  entityId: string;
  /** the record's region: cadres whose scope covers it may read the file */
  regionCode: string;
  countyCode?: string | null;
  /** the request field the ids came from, named in a 400 (default 'fileIds') */
  field?: string;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_COUNT = 9;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE = '文件';
export const FILES_CLEANUP_JOB = 'files.cleanup';
const CLEANUP_EVERY_MS = 6 * 60 * 60 * 1000;
// an upload never attached to a record within a day was abandoned (the form was not sent)
const UNATTACHED_KEPT_MS = 24 * 60 * 60 * 1000;

interface Received {
  field: string;
  name: string;
  tmpPath: string;
  size: number;
  sha256: string;
  head: Buffer;
}

const positive = (value: unknown, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
};

/** A file name as shown back: no folders, no control characters, at most 255 characters. */
function cleanName(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const name = basename((raw ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(name || 'file')].slice(0, 255).join('');
}

/**
 * Uploaded photos and documents (claims, surveys, tickets): checked by their content, kept in a local folder under
 * their sha256 (the same bytes are stored once), described by a StoredFile row. A file starts unattached and
 * private to its uploader; the module that uses it attaches it to its record in its own transaction, and from
 * then on the cadres whose region covers the record may read it too (each read audited).
 */
@Injectable()
export class FilesService implements OnModuleInit {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(FILES_CLEANUP_JOB, async () => {
      const removed = await this.purgeUnattached();
      if (removed) this.logger.log(`removed ${removed} abandoned uploads`);
    });
    void this.jobs.schedule(FILES_CLEANUP_JOB, CLEANUP_EVERY_MS);
  }

  get maxBytes(): number {
    return positive(this.config.get('FILE_MAX_BYTES'), DEFAULT_MAX_BYTES);
  }

  get maxCount(): number {
    return positive(this.config.get('FILE_MAX_COUNT'), DEFAULT_MAX_COUNT);
  }

  /** FILES_DIR, else `<DATA_DIR>/files` for the embedded database, else ./files (relative to the working folder). */
  get directory(): string {
    const configured = this.config.get('FILES_DIR');
    if (configured) return resolve(configured);
    const dataDir = this.config.get('DATA_DIR');
    if (this.config.embeddedDatabase && dataDir && !dataDir.startsWith('memory://')) return resolve(dataDir, 'files');
    return resolve('files');
  }

  /** POST /files: every file part of the request, all or none (one bad file refuses the whole upload). */
  async upload(user: AuthUser, request: FastifyRequest): Promise<StoredFileDto[]> {
    if (!request.isMultipart()) throw FilesException.notMultipart();
    const { maxBytes, maxCount } = this;
    const tmpDir = join(this.directory, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const received: Received[] = [];
    const temporary: string[] = [];
    try {
      const parts = request.parts({ limits: { fileSize: maxBytes, files: maxCount, fields: 20, parts: maxCount + 20 } });
      for await (const part of parts) {
        if (part.type !== 'file') continue;
        const name = cleanName(part.filename);
        const tmpPath = join(tmpDir, randomUUID());
        temporary.push(tmpPath);
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        const measure = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
            callback(null, chunk);
          },
        });
        await pipeline(part.file, measure, createWriteStream(tmpPath));
        if (part.file.truncated) throw FilesException.tooLarge(maxBytes, name);
        received.push({ field: `files[${received.length}]`, name, tmpPath, size, sha256: hash.digest('hex'), head });
      }
    } catch (error) {
      await Promise.all(temporary.map((path) => rm(path, { force: true })));
      throw this.uploadError(error, maxBytes, maxCount);
    }
    try {
      if (!received.length) throw FilesException.noFile();
      const refused = received.filter((file) => !sniffFileType(file.head));
      if (refused.length) throw FilesException.typeNotAllowed(refused);
      for (const file of received) await this.keep(file);
    } finally {
      await Promise.all(temporary.map((path) => rm(path, { force: true })));
    }
    return this.dataSource.transaction(async (manager) => {
      const rows = received.map((file) => ({
        id: randomUUID(),
        ownerAccountId: user.accountId,
        mime: sniffFileType(file.head)!.mime,
        size: file.size,
        sha256: file.sha256,
        originalName: file.name,
        createdAt: this.clock.now(),
      }));
      await manager.createQueryBuilder().insert().into(StoredFile).values(rows).updateEntity(false).execute();
      const files = rows.map((row) => mapStoredFile(row as StoredFile));
      await this.audit.record(manager, {
        actor: user,
        action: 'file.upload',
        entityType: 'file',
        entityId: files.length === 1 ? files[0].id : null,
        regionCode: user.role === Role.CITIZEN ? null : user.regionCode,
        after: { files },
      });
      return files;
    });
  }

  /**
   * Attaches the caller's unattached uploads to a record, in the caller's transaction. Each id must be an upload
   * of this caller not yet attached, else 400 naming `fileIds[i]`.
   */
  async attach(manager: EntityManager, user: AuthUser, fileIds: string[], target: AttachTarget): Promise<StoredFile[]> {
    const field = target.field ?? 'fileIds';
    if (!fileIds?.length) return [];
    const errors: ErrorDetail[] = [];
    const wellFormed = fileIds.filter((id) => typeof id === 'string' && UUID.test(id));
    const rows = wellFormed.length
      ? await manager
          .getRepository(StoredFile)
          .createQueryBuilder('f')
          .where('f.id IN (:...ids)', { ids: [...new Set(wellFormed)] })
          .setLock('pessimistic_write')
          .getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const seen = new Set<string>();
    fileIds.forEach((id, index) => {
      const at = `${field}[${index}]`;
      const row = typeof id === 'string' ? byId.get(id) : undefined;
      if (seen.has(id)) errors.push({ field: at, message: '同一文件重复提交' });
      else if (!row || row.ownerAccountId !== user.accountId) errors.push({ field: at, message: '文件不存在或不是您上传的' });
      else if (row.attachedEntityType) errors.push({ field: at, message: '该文件已用于其他记录，请重新上传' });
      seen.add(id);
    });
    if (errors.length) throw validationFailed(errors);
    const countyCode = target.countyCode ?? (target.regionCode.length >= 6 ? target.regionCode.slice(0, 6) : null);
    await manager
      .createQueryBuilder()
      .update(StoredFile)
      .set({
        attachedEntityType: target.entityType,
        attachedEntityId: target.entityId,
        regionCode: target.regionCode,
        countyCode,
        attachedAt: this.clock.now(),
      })
      .where('id IN (:...ids)', { ids: fileIds })
      .execute();
    const attached = await manager.getRepository(StoredFile).findBy({ id: In(fileIds) });
    const order = new Map(fileIds.map((id, index) => [id, index]));
    return attached.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** The files attached to a record, oldest first. */
  async listAttached(manager: EntityManager | null, entityType: string, entityId: string): Promise<StoredFile[]> {
    return (manager ?? this.dataSource.manager).getRepository(StoredFile).find({
      where: { attachedEntityType: entityType, attachedEntityId: entityId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** GET /files/:id: to its uploader, or to a cadre whose region covers the record it is attached to (audited). */
  async download(user: AuthUser, id: string): Promise<StreamableFile> {
    if (!UUID.test(id)) throw notFound(FILE);
    const file = await this.dataSource.getRepository(StoredFile).findOneBy({ id });
    if (!file) throw notFound(FILE);
    const own = file.ownerAccountId === user.accountId;
    if (!own && !(file.attachedEntityType && isInScope(user, file.regionCode))) throw notFound(FILE);
    const path = this.pathOf(file.sha256);
    try {
      await stat(path);
    } catch {
      this.logger.error(`file ${file.id} is missing from the store (${file.sha256})`);
      throw notFound(FILE);
    }
    if (!own) {
      await this.audit.record(null, {
        actor: user,
        action: 'file.view',
        entityType: 'file',
        entityId: file.id,
        regionCode: file.regionCode,
        after: { attachedTo: `${file.attachedEntityType}:${file.attachedEntityId}`, name: file.originalName },
      });
    }
    return new StreamableFile(createReadStream(path), {
      type: file.mime,
      length: Number(file.size),
      disposition: `inline; filename="${file.id}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
    });
  }

  /** Deletes uploads never attached within a day, and their bytes when no other row uses them. */
  async purgeUnattached(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - UNATTACHED_KEPT_MS);
    // TypeORM answers a DELETE ... RETURNING with [rows, affected]
    const [removed]: [{ sha256: string }[], number] = await this.dataSource.query(
      `DELETE FROM stored_files WHERE attached_entity_type IS NULL AND created_at < $1 RETURNING sha256`,
      [before],
    );
    const hashes = [...new Set(removed.map((r) => r.sha256))];
    if (hashes.length) {
      const still: { sha256: string }[] = await this.dataSource.query(`SELECT DISTINCT sha256 FROM stored_files WHERE sha256 = ANY($1)`, [hashes]);
      const used = new Set(still.map((r) => r.sha256));
      for (const hash of hashes) if (!used.has(hash)) await rm(this.pathOf(hash), { force: true });
    }
    return removed.length;
  }

  private pathOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Moves a checked upload to its place under its hash (already there: the same bytes, keep one copy). */
  private async keep(file: Received): Promise<void> {
    const target = this.pathOf(file.sha256);
    try {
      await stat(target);
      return;
    } catch {
      await mkdir(join(target, '..'), { recursive: true });
      await rename(file.tmpPath, target);
    }
  }

  private uploadError(error: unknown, maxBytes: number, maxCount: number): unknown {
    const code = (error as { code?: string })?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return FilesException.tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return FilesException.tooMany(maxCount);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return FilesException.notMultipart();
    return error;
  }
}
