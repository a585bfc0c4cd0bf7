import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The server package's folder, whether running from src/, dist/ or dist-test/. */
export function serverRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@jiuzhu/server') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('server package root not found');
    dir = parent;
  }
}

/** The repository's top folder (holding miniapp/, gov-app/, server/, shared/). */
export const repositoryRoot = (): string => dirname(serverRoot());
