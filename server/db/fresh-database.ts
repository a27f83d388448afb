import { execFileSync } from 'node:child_process'
import pg from 'pg'

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/**
 * A new, migrated database on the server of `baseUrl` (tests and benchmarks), dropped by `drop()`. On the embedded
 * PGlite server (one database per process) the given database itself is migrated and kept. With `template`, the new
 * database is a copy of that one (CREATE DATABASE … TEMPLATE), then pending migrations are applied.
 */
export async function freshDatabase(baseUrl: string, prefix: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let url = baseUrl
  let drop = async () => {}
  if (!process.env.EMBEDDED_DATABASE) {
    const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`
    const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template.replaceAll('"', '')}"` : ''}`)
    await admin.end()
    url = withDatabase(baseUrl, name)
    drop = async () => {
      const c = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    }
  }
  try {
    execFileSync('npm', ['run', '--silent', 'db:migrate:deploy'], { stdio: 'pipe', env: { ...process.env, DATABASE_URL: url } })
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer }
    console.error(e.stdout?.toString(), e.stderr?.toString())
    await drop()
    throw err
  }
  return { url, drop }
}
