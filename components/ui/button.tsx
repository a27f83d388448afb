import Link from 'next/link'
import clsx from 'clsx'
import type { ComponentProps } from 'react'

const variants = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400',
  ghost: 'text-brand-700 underline-offset-2 hover:underline',
} as const

export type ButtonVariant = keyof typeof variants
const base = 'inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium disabled:cursor-not-allowed'

/**
 * The tap area of a text link that is a control of its own (paging, previous/next month, a list filter): at least
 * 44 px high, comfortable to tap on a phone, while the text looks the same.
 */
export const tapTarget = 'inline-flex min-h-11 items-center'
/** A navigation text link (pager, calendar month navigation) with that tap area. */
export const navLinkClass = clsx(tapTarget, 'text-brand-700 underline')

export function buttonClass(variant: ButtonVariant = 'primary', className?: string) {
  return clsx(base, variants[variant], className)
}

export function Button({ variant = 'primary', className, type = 'button', ...props }: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />
}

export function LinkButton({ variant = 'primary', className, ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant, className)} {...props} />
}
