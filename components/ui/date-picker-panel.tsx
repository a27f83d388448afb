'use client'
import { DayPicker } from 'react-day-picker'
import { enGB, nl } from 'react-day-picker/locale'

/**
 * The calendar of a date field (react-day-picker with its date-fns locale). Its own module so that
 * components/ui/date-field loads it only when the calendar button is first pressed: the picker is not part of
 * any page's first-load JavaScript.
 */
export function DatePickerPanel({ locale, selected, min, max, onPick }: { locale: 'nl' | 'en'; selected?: Date; min?: Date; max?: Date; onPick: (d: Date) => void }) {
  return (
    <DayPicker
      mode="single"
      locale={locale === 'en' ? enGB : nl}
      weekStartsOn={1}
      autoFocus
      selected={selected}
      defaultMonth={selected}
      disabled={[...(min ? [{ before: min }] : []), ...(max ? [{ after: max }] : [])]}
      onSelect={(d) => {
        if (d) onPick(d)
      }}
    />
  )
}
