import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

// Why this file looks the way it does (see README "Offline toolchain"):
// Prisma 7 downloads a native schema engine on every CLI command, which this offline machine cannot.
// Prisma 6.19 ships a WebAssembly schema engine driven through a driver adapter (engine: 'js').
// Default: the embedded PGlite server that server/scripts/with-db.ts starts. schema.prisma reads
// env("DATABASE_URL"): if that cannot resolve, the CLI falls back to the native engine and tries to download it.
const databaseUrl = (process.env.DATABASE_URL ||= 'postgresql://postgres:postgres@127.0.0.1:54329/postgres')

// The WASM schema engine reads pg_catalog columns of type "char" (OID 18) and name (OID 19), which
// @prisma/adapter-pg 6.19 cannot map (prisma/orm#27403). Report them as text (OID 25); the values are strings.
class CatalogTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(config: any, values?: any, callback?: any): any {
    if (typeof values === 'function') [callback, values] = [values, undefined]
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const fix = (res: any) => {
      for (const r of Array.isArray(res) ? res : [res])
        for (const f of r?.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25
      return res
    }
    if (callback) return super.query(config, values, (err: Error, res: unknown) => callback(err, err ? res : fix(res)))
    const ret = super.query(config, values)
    return ret && typeof ret.then === 'function' ? ret.then(fix) : ret
  }
}

// Discrete fields, not { connectionString }: pg lets a connectionString override `database`.
function pgConfig(url: string): pg.PoolConfig {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    Client: CatalogTextClient,
    allowExitOnIdle: true,
  }
}

class MigrationAdapter extends PrismaPg {
  // adapter-pg's own connectToShadowDb creates a temp database but drops it while its pool is still
  // connected, which fails. Use SHADOW_DATABASE_URL instead, emptied on each use (like shadowDatabaseUrl).
  async connectToShadowDb() {
    const shadowUrl = process.env.SHADOW_DATABASE_URL
    if (!shadowUrl) throw new Error('Set SHADOW_DATABASE_URL for `migrate dev` and `migrate diff --from-migrations`')
    const shadow = await new PrismaPg(pgConfig(shadowUrl)).connect()
    await shadow.executeScript('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
    return shadow
  }
}

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  experimental: { adapter: true },
  engine: 'js', // WASM schema engine, driven through the adapter below (no native schema-engine binary)
  adapter: async () => new MigrationAdapter(pgConfig(databaseUrl)),
})
