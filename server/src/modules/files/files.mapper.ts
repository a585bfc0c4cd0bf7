import type { StoredFileDto } from './dto/stored-file.dto.js';
import type { StoredFile } from './entities/stored-file.entity.js';

/** What a client learns of a stored file (never its path, hash or owner). */
export function mapStoredFile(file: StoredFile): StoredFileDto {
  return { id: file.id, mime: file.mime, size: Number(file.size), name: file.originalName };
}
