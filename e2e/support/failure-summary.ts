/**
 * A Playwright reporter that repeats each failed test's title, location and the head of its error as the very last
 * lines of the run (after the list reporter's attachments), so a CI log cut to its tail still says which step failed.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')
const HEAD_LINES = 8

export default class FailureSummary implements Reporter {
  private failures: string[] = []

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'skipped' || result.status === test.expectedStatus) return // Playwright's own "unexpected"
    const where = `${test.location.file.replace(`${process.cwd()}/`, '')}:${test.location.line}`
    const error = (result.error?.message ?? result.status).replace(ANSI, '').split('\n').filter((l) => l.trim()).slice(0, HEAD_LINES)
    const step = result.error?.location ? ` at ${result.error.location.file.replace(`${process.cwd()}/`, '')}:${result.error.location.line}` : ''
    this.failures.push([`✘ ${where} › ${test.title}${step} (attempt ${result.retry + 1})`, ...error.map((l) => `    ${l}`)].join('\n'))
  }

  onEnd(): void {
    if (!this.failures.length) return
    console.log(`\nFailed e2e tests (repeated last for short logs):\n${this.failures.join('\n')}`)
  }

  printsToStdio(): boolean {
    return true
  }
}
