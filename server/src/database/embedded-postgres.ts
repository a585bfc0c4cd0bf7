import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  dataDir: string | null;
  stop(): Promise<void>;
}

const LOCK_FILE = 'jiuzhu.lock';
const logger = new Logger('EmbeddedPostgres');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Nothing in PGlite stops a second process from opening the same data directory (TOOLCHAIN.md), which would
 * corrupt it: hold a lock file with our pid, taking over only a lock whose process is gone.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个 Jiuzhu 进程（pid ${holder}）使用。The embedded database in ${dataDir} is in use by process ${holder}; stop it or set DATA_DIR to another directory.`,
        );
      }
      logger.warn(`Removing a stale lock left by process ${holder || 'unknown'}`);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/**
 * PGlite (PostgreSQL in WebAssembly) behind pglite-socket, so the normal `pg` driver, TypeORM config and
 * migrations work unchanged. `dataDir` 'memory://' keeps everything in memory (tests without a server).
 */
export async function startEmbeddedPostgres(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? null : resolve(dataDir);
  let releaseLock = () => {};
  if (dir) {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    releaseLock = acquireLock(dir);
  }
  try {
    const db = await PGlite.create(dir ? join(dir, 'pgdata') : undefined);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    logger.log(`Embedded PostgreSQL (PGlite) ${dir ? `in ${dir}` : 'in memory'} on ${server.getServerConn()}`);
    let stopped = false;
    return {
      url,
      dataDir: dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
