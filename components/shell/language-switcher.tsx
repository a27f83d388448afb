import { getLocale, getTranslations } from 'next-intl/server'
import { setLocale } from '@/app/actions/session'
import { locales } from '@/server/i18n/config'

/**
 * Switches the UI language (a cookie) and returns to the page it was used on; works without JavaScript. `back`: where
 * to return instead; without it the action returns to the page the form was sent from (setLocale).
 */
export async function LanguageSwitcher({ back }: { back?: string }) {
  const [locale, t] = [await getLocale(), await getTranslations('common')]
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={t('switchLanguage')}>
      {back ? <input type="hidden" name="back" value={back} /> : null}
      {locales.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className="rounded px-2 py-1 text-sm text-slate-900 underline-offset-2 hover:underline aria-pressed:font-bold"
        >
          {t(`languages.${l}`)}
        </button>
      ))}
    </form>
  )
}
