/** The kinds of file the platform accepts, recognised by their first bytes (never by name or declared type). */
export interface SniffedType {
  mime: string;
  extension: string;
}

const startsWith = (head: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** How many leading bytes sniffing needs. */
export const SNIFF_BYTES = 16;

export function sniffFileType(head: Buffer): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', extension: 'png' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { mime: 'image/webp', extension: 'webp' };
  if (startsWith(head, ascii('%PDF-'))) return { mime: 'application/pdf', extension: 'pdf' };
  return null;
}

export const ACCEPTED_TYPES_LABEL = 'JPEG、PNG、WebP 图片或 PDF 文件';
