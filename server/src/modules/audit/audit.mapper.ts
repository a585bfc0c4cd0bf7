import type { AuditLogDto } from './dto/audit.dto.js';
import type { AuditLog } from './entities/audit-log.entity.js';

/** The one shape an audit row leaves the server in (its snapshots were masked when written). */
export function mapAuditLog(row: AuditLog): AuditLogDto {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorAccountId: row.actorAccountId,
    actorRole: row.actorRole,
    actorRegion: row.actorRegion,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    regionCode: row.regionCode,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    ip: row.ip,
  };
}
