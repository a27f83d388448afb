'use client'
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { Alert } from '@/components/ui/alert'
import { zCheckinCode } from '@/server/registration/schema'

type Item = { sessionId: string; code?: string; registrantId?: string; at: string }
type Result = { result: 'CHECKED_IN' | 'ALREADY' | 'NOT_REGISTERED' | 'UNKNOWN' | 'NOT_ITS_DAY'; name: string | null }
const KEY = 'overstap.checkin.queue'
/** A code out of the camera's view this long is a new showing when it comes back (see the scanner below). */
const SEEN_AGAIN_MS = 3000
/** How often the scanner decodes a camera frame, and the widest frame it decodes (larger frames are scaled down). */
const SCAN_EVERY_MS = 200
const SCAN_WIDTH = 640

const loadQueue = (): Item[] => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as Item[]
  } catch {
    return []
  }
}
const saveQueue = (q: Item[]) => localStorage.setItem(KEY, JSON.stringify(q))
const noSubscription = () => () => {}

/**
 * The organiser's check-in on a phone: camera scan of the confirmation's QR (a frame every SCAN_EVERY_MS, read by
 * decodeQrFrame) or search by name.
 * Every check-in goes through a queue in the browser (localStorage) that is synced at once and again when the
 * network is back, so a short outage loses nothing; the server reports a second scan as "already checked in".
 */
export function CheckIn({ sessionId, initial }: { sessionId: string; initial: { expected: number; present: number } }) {
  const t = useTranslations('registration.checkin')
  const trpc = useTRPC()
  const batch = useMutation(trpc.registration.checkInBatch.mutationOptions())
  const [queued, setQueued] = useState(0)
  const [last, setLast] = useState<{ tone: 'success' | 'warning' | 'error' | 'info'; text: string } | null>(null)
  const [present, setPresent] = useState(initial.present)
  const [q, setQ] = useState('')
  const [scanning, setScanning] = useState(false)
  // False in the server's HTML and during hydration, true once React runs the page: a tap on "Scan" before then
  // would do nothing (no handler yet), so the button stays disabled until it can start the camera.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false)
  const video = useRef<HTMLVideoElement>(null)
  const recent = useRef(new Map<string, number>())
  const syncing = useRef(false)
  const search = useQuery({ ...trpc.registration.checkinSearch.queryOptions({ sessionId, q }), enabled: q.trim().length >= 2 })

  const report = useCallback(
    (r: Result) => {
      if (r.result === 'CHECKED_IN') {
        setPresent((n) => n + 1)
        setLast({ tone: 'success', text: t('checkedIn', { name: r.name ?? '' }) })
      } else if (r.result === 'ALREADY') setLast({ tone: 'warning', text: t('already', { name: r.name ?? '' }) })
      else if (r.result === 'NOT_REGISTERED') setLast({ tone: 'error', text: t('notRegistered', { name: r.name ?? '' }) })
      else if (r.result === 'NOT_ITS_DAY') setLast({ tone: 'error', text: t('notItsDay') })
      else setLast({ tone: 'error', text: t('unknown') })
    },
    [t],
  )

  const sync = useCallback(async () => {
    if (syncing.current) return
    syncing.current = true
    try {
      // A scan made while a batch was on its way waited in the queue: it goes in the next round, not at the next
      // retry tick. After a failure the queue waits for the network or the tick instead of retrying in a loop.
      for (let items = loadQueue(); items.length; items = loadQueue()) {
        const results = await batch.mutateAsync({ items: items.map((i) => ({ ...i, at: new Date(i.at) })) })
        saveQueue(loadQueue().slice(items.length))
        results.forEach(report)
        void search.refetch()
      }
    } catch {
      setLast({ tone: 'info', text: t('queued') })
    } finally {
      syncing.current = false
      setQueued(loadQueue().length)
    }
  }, [batch, report, search, t])

  const add = useCallback(
    (item: Omit<Item, 'at' | 'sessionId'>) => {
      saveQueue([...loadQueue(), { ...item, sessionId, at: new Date().toISOString() }])
      setQueued(loadQueue().length)
      // Seen at once: the server's answer (or "queued") replaces this line.
      setLast({ tone: 'info', text: t('sending') })
      void sync()
    },
    [sessionId, sync, t],
  )

  useEffect(() => {
    // Whatever a previous visit left queued (the phone was offline) is sent now, and again when the network is back.
    const online = () => void sync()
    const first = setTimeout(online, 0)
    window.addEventListener('online', online)
    const timer = setInterval(online, 15_000)
    return () => {
      window.removeEventListener('online', online)
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [sync])

  // The camera effect must not restart on every render: `add` changes identity whenever the mutation or the search
  // does, and restarting the scanner each time kept it from ever finishing a decode. It reads the latest `add` here.
  const addRef = useRef(add)
  const tRef = useRef(t)
  useEffect(() => {
    addRef.current = add
    tRef.current = t
  }, [add, t])

  useEffect(() => {
    if (!scanning || !video.current) return
    const el = video.current
    let cancelled = false
    let stream: MediaStream | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    const canvas = document.createElement('canvas')
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    const seen = (text: string) => {
      const parsed = zCheckinCode.safeParse(text)
      if (!parsed.success) return
      const code = parsed.data
      // The camera sees a code many times a second for as long as it is held up: it is sent once, when it comes into
      // view, and again only after it was out of view for SEEN_AGAIN_MS (a code seen again within that time is the
      // same showing). Sending it on a timer instead re-sent a code still in view, whose "already checked in" then
      // replaced the check-in's own message — at once when the first answer was slower than the timer.
      const now = Date.now()
      const before = recent.current.get(code)
      recent.current.set(code, now)
      if (before !== undefined && now - before < SEEN_AGAIN_MS) return
      addRef.current({ code })
    }
    void (async () => {
      try {
        const [{ decodeQrFrame }, media] = await Promise.all([import('./qr-frame'), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })])
        stream = media
        if (cancelled || !ctx) throw new Error('stopped')
        el.srcObject = media
        await el.play()
        // A frame every SCAN_EVERY_MS, at most SCAN_WIDTH pixels wide: enough for a QR held up to the phone, and 7–15 ms
        // of decoding per frame on a 2-core server's core (a few times that on a slow phone) leaves the page responsive.
        const tick = () => {
          if (cancelled) return
          if (el.readyState >= 2 && el.videoWidth) {
            const w = Math.min(el.videoWidth, SCAN_WIDTH)
            const h = Math.round((el.videoHeight * w) / el.videoWidth)
            // Resizing a canvas reallocates and clears it: only when the camera's frame size changed.
            if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h]
            ctx.drawImage(el, 0, 0, w, h)
            const found = decodeQrFrame(ctx.getImageData(0, 0, w, h).data, w, h)
            if (found) seen(found)
          }
          timer = setTimeout(tick, SCAN_EVERY_MS)
        }
        tick()
      } catch {
        stream?.getTracks().forEach((track) => track.stop())
        if (cancelled) return
        setLast({ tone: 'error', text: tRef.current('noCamera') })
        setScanning(false)
      }
    })()
    return () => {
      cancelled = true
      clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
      el.srcObject = null
    }
  }, [scanning])

  return (
    <div className="flex flex-col gap-4">
      <p className="text-lg font-semibold" data-testid="checkin-count">
        {t('count', { present, expected: initial.expected })}
      </p>
      <div aria-live="polite" data-testid="checkin-result">
        {last ? <Alert tone={last.tone}>{last.text}</Alert> : null}
      </div>
      {queued ? (
        <p className="text-sm" data-testid="checkin-queued">
          {t('queuedCount', { count: queued })}
        </p>
      ) : null}
      <div className="flex flex-col gap-2">
        <Button onClick={() => setScanning(!scanning)} disabled={!hydrated}>{scanning ? t('stopScan') : t('scan')}</Button>
        {scanning ? <video ref={video} className="w-full max-w-sm rounded-md border border-slate-300" muted playsInline aria-label={t('camera')} /> : null}
      </div>
      <div className="flex flex-col gap-2" role="search">
        <TextField label={t('search')} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <ul className="flex flex-col gap-2">
          {(search.data ?? []).map((r) => (
            <li key={r.registrantId} className="flex items-center justify-between gap-2 rounded-md border border-slate-300 p-2">
              <span>
                {r.name}
                {r.places > 1 ? ` (${r.places})` : ''}
              </span>
              {r.present ? (
                <span className="text-sm">{t('present')}</span>
              ) : (
                <Button variant="secondary" onClick={() => add({ registrantId: r.registrantId })}>
                  {t('checkInButton')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
