import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { messages } from '@/server/i18n/messages/index.ts'
import { TrendLegend } from './trend-plot.tsx'

// The chart itself draws only in a browser (recharts measures its box); its axis and tooltip values are
// formatIndicatorTick/formatIndicatorValue, tested in server/plan/format.test.ts.
describe('the trend chart legend', () => {
  it('keeps the two labels apart in the text (it read "Gerealiseerdstreefwaarde") and capitalises both', () => {
    const { actual, target } = messages.nl.plan.indicators
    const html = renderToStaticMarkup(createElement(TrendLegend, { names: { actual, target } }))
    expect(html.replace(/<[^>]+>/g, '').trim()).toBe('Gerealiseerd Streefwaarde')
    expect(html.match(/<li /g)).toHaveLength(2)
    expect(html).toContain('stroke-dasharray="5 5"') // the target line's dashes, as in the chart
  })
})
