/**
 * File storage behind an interface, so uploaded files never live in the web root and can move to object
 * storage later (an S3 implementation only has to implement `FileStorage`). The filesystem implementation keeps
 * files under FILE_STORAGE_DIR (default .data/files), keyed by opaque, server-generated keys.
 */
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { env } from '../env.ts'

export interface FileStorage {
  /** Stores the bytes under the key (replacing nothing: keys are unique). */
  put(key: string, bytes: Uint8Array): Promise<void>
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>
  /** Removes the key; no error when it does not exist. */
  delete(key: string): Promise<void>
}

/** Keys are made of safe segments only ("fund/abc123/uuid"): no "..", no absolute paths, no odd characters. */
const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/i

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.length > 300) throw new RangeError(`invalid storage key: ${key}`)
}

/** A new unique key under a prefix, e.g. newKey('fund', reportId). */
export function newKey(...prefix: string[]): string {
  const key = [...prefix, randomUUID()].join('/')
  assertKey(key)
  return key
}

export class FsStorage implements FileStorage {
  readonly root: string
  constructor(root: string) {
    this.root = path.resolve(root)
  }

  private file(key: string): string {
    assertKey(key)
    const full = path.resolve(this.root, key)
    if (!full.startsWith(this.root + path.sep)) throw new RangeError(`invalid storage key: ${key}`)
    return full
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const full = this.file(key)
    await mkdir(path.dirname(full), { recursive: true })
    // Write then rename: a reader never sees a half-written file.
    const tmp = `${full}.${process.pid}.tmp`
    await writeFile(tmp, bytes, { flag: 'wx' })
    await rename(tmp, full)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true })
  }
}

let instance: FileStorage | undefined

/** The storage of this process (filesystem under FILE_STORAGE_DIR). */
export function fileStorage(): FileStorage {
  instance ??= new FsStorage(env.FILE_STORAGE_DIR)
  return instance
}
