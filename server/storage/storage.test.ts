import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FsStorage, newKey } from './index.ts'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('filesystem storage', () => {
  it('stores, reads and deletes bytes under generated keys', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'storage-'))
    dirs.push(dir)
    const s = new FsStorage(dir)
    const key = newKey('fund', 'report1')
    await s.put(key, Buffer.from('hallo'))
    expect((await s.get(key))?.toString()).toBe('hallo')
    await s.delete(key)
    expect(await s.get(key)).toBeNull()
    await s.delete(key) // idempotent
  })
  it('refuses keys that could leave the storage root', async () => {
    const s = new FsStorage(path.join(tmpdir(), 'storage-never'))
    for (const key of ['../x', '/etc/passwd', 'a/../../b', 'a//b', '', 'a/.hidden']) {
      await expect(s.get(key)).rejects.toThrow(RangeError)
      await expect(s.put(key, Buffer.from('x'))).rejects.toThrow(RangeError)
    }
  })
})
