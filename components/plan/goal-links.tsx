import Link from 'next/link'

export type ServedGoal = { id: string; title: string; planId: string }

/** "Serves goals: a, b" with a link to each goal's page; shared by the server and client variants. */
export function GoalLinks({ label, goals }: { label: string; goals: readonly ServedGoal[] }) {
  return (
    <p className="text-sm" data-testid="serves-goals">
      {label}:{' '}
      {goals.map((g, i) => (
        <span key={g.id}>
          {i > 0 ? ', ' : ''}
          <Link className="text-brand-700 underline" href={`/plan/${g.planId}/doel/${g.id}`}>
            {g.title}
          </Link>
        </span>
      ))}
    </p>
  )
}
