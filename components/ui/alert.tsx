import clsx from 'clsx'
import type { ReactNode, Ref } from 'react'

const tones = {
  info: 'border-brand-600 bg-brand-50 text-slate-900',
  success: 'border-green-700 bg-green-50 text-green-900',
  error: 'border-red-700 bg-red-50 text-red-900',
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
} as const

/**
 * A message box. Errors are announced immediately (role=alert), others politely (role=status). `focusRef`: an
 * action's result that takes focus when it arrives (./focus-when-new), so it can be focused (tabIndex -1).
 */
export function Alert({ tone = 'info', title, children, className, focusRef }: { tone?: keyof typeof tones; title?: ReactNode; children?: ReactNode; className?: string; focusRef?: Ref<HTMLDivElement> }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} ref={focusRef} tabIndex={focusRef ? -1 : undefined} className={clsx('rounded-md border-l-4 p-3 text-sm', tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children}
    </div>
  )
}
