import { describe, expect, it } from 'vitest'
import { localPath } from './local-path.ts'

describe('localPath', () => {
  it('keeps a path of this app, with its query and fragment', () => {
    expect(localPath('/agenda?maand=2027-03#week')).toBe('/agenda?maand=2027-03#week')
    expect(localPath('/')).toBe('/')
  })

  it('refuses what a browser would resolve to another origin', () => {
    for (const v of ['//evil.example/x', '/\\evil.example/x', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', 'evil.example', 'javascript:alert(1)', '', null, 42])
      expect(localPath(v, '/meldingen')).toBe('/meldingen')
  })
})
