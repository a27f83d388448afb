import { Button } from './button'

type Choice = { value: string | number; label: string }

/**
 * A choice of a GET filter form (label above a native select, submitted by the form's button): `empty` adds a first
 * choice with the value "" (e.g. "all classes").
 */
export function FilterSelect({ label, name, defaultValue, choices, empty }: { label: string; name: string; defaultValue: string; choices: Choice[]; empty?: string }) {
  return (
    <label className="text-sm font-medium">
      {label}
      <select name={name} defaultValue={defaultValue} className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base">
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
    </label>
  )
}

/** The submit button of a GET filter form, in a box of its own (it lines up with the fields' bottom edge). */
export function FilterSubmit({ label }: { label: string }) {
  return (
    <div>
      <Button type="submit" variant="secondary">
        {label}
      </Button>
    </div>
  )
}
