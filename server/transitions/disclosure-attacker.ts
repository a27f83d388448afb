/**
 * Test-only: an attacker for the disclosure property test, written independently of the module's own audit
 * (server/transitions/disclosure.ts propagates intervals and searches by splitting domains; nothing of that here).
 *
 * The attacker faces a system of values, each known only within bounds (a shown number: exactly; "≤5": 0–5; "—"/"x":
 * at least 6, no upper bound), tied by totals (total = sum of its parts). Every total expands to a sum of leaves (the
 * values that are no total: the cells), so a solution is an assignment of whole numbers to the leaves that puts every
 * value within its bounds. A hidden value is pinned when it takes a single value over all solutions. Two methods:
 *  - `enumerate`: brute force — every solution is listed (backtracking over the unknown leaves, each within a finite
 *    box derived once from a shown total; a leaf that closes an exactly known total takes the one value that fits;
 *    a leaf that no finite bound reaches is unbounded above and not listed, see there), and the range of every value
 *    over all solutions read off. Exact; only while the box and the number of visited nodes stay within a limit.
 *  - `lpRanges`: linear programming — the minimum and maximum of a value over the real relaxation, by a two-phase
 *    simplex in exact rational arithmetic (Bland's rule). What statistical offices compute as a suppressed cell's
 *    interval. A cross table with its margins and grand total is totally unimodular (two laminar families of sums),
 *    so these bounds are whole numbers and every whole number between them has a solution: on these systems the LP
 *    ranges equal the brute-force ranges, which the test checks wherever both run.
 */

export type Relation = { total: number; parts: number[] }
/** `bounds[i]` = what the attacker knows of value i ([v, v] when shown); `hi` may be Infinity. */
export type System = { bounds: readonly (readonly [number, number])[]; relations: readonly Relation[] }
/** The values a value takes over all solutions (max Infinity when unbounded). */
export type Range = { min: number; max: number }

/** Every value as a 0/1 vector over the leaves (values that are no total). Throws on a system that is not a hierarchy of sums. */
function expand(sys: System): { leaves: number[]; vec: number[][] } {
  const n = sys.bounds.length
  const isTotal = new Set(sys.relations.map((r) => r.total))
  const leaves = [...Array(n).keys()].filter((i) => !isTotal.has(i))
  const col = new Map(leaves.map((l, j) => [l, j]))
  const memo = new Map<number, number[]>()
  const vecOf = (i: number, depth = 0): number[] => {
    if (depth > n) throw new Error('cyclic totals')
    const got = memo.get(i)
    if (got) return got
    const v = new Array<number>(leaves.length).fill(0)
    if (col.has(i)) v[col.get(i)!] = 1
    else for (const p of sys.relations.find((r) => r.total === i)!.parts) vecOf(p, depth + 1).forEach((c, j) => (v[j]! += c))
    memo.set(i, v)
    return v
  }
  const vec = [...Array(n).keys()].map((i) => vecOf(i))
  for (const r of sys.relations) {
    const s = new Array<number>(leaves.length).fill(0)
    for (const p of r.parts) vec[p]!.forEach((c, j) => (s[j]! += c))
    if (s.some((c, j) => c !== vec[r.total]![j])) throw new Error(`relation ${r.total} is not the sum of the leaves of its parts`)
  }
  if (vec.some((v) => v.some((c) => c !== 0 && c !== 1))) throw new Error('a leaf counted twice in one value')
  return { leaves, vec }
}

/** `ranges[i]` for each target i (the others stay empty). */
export type Enumeration = { ranges: Range[]; solutions: number; nodes: number }

/**
 * Brute force: the range of each target over all whole-number solutions, or 'too large' when the box it would search
 * (the product of the open leaves' ranges) or the search itself exceeds `nodeLimit` nodes. Leaves are counts (≥ 0,
 * which the bounds must say).
 *
 * A leaf that no finite upper bound reaches (every value it is part of is only bounded below, as "—" and "x" are) is
 * not enumerated: raising it breaks no bound, so from every solution it can go up without end (a target it is part of
 * is unbounded above — never pinned — and gets the range −∞…∞, its minimum left to the LP), and every value it is
 * part of can always be met by raising it. So the solutions of the other leaves are those that keep the values
 * without such a leaf within their bounds; those are listed.
 */
export function enumerate(sys: System, targets: readonly number[], nodeLimit: number): Enumeration | 'too large' {
  const { leaves, vec } = expand(sys)
  const n = sys.bounds.length
  const lo = leaves.map((l) => sys.bounds[l]![0])
  const hi = leaves.map((l) => sys.bounds[l]![1])
  if (lo.some((a) => a < 0)) throw new Error('negative lower bound on a leaf')
  const members = vec.map((v) => v.flatMap((c, j) => (c ? [j] : [])))
  // a finite box, read once off each value with a finite upper bound: a leaf is at most that bound minus the least the other leaves in it can be
  for (let i = 0; i < n; i++) {
    const h = sys.bounds[i]![1]
    if (h === Infinity) continue
    const least = members[i]!.reduce((s, j) => s + lo[j]!, 0)
    for (const j of members[i]!) hi[j] = Math.min(hi[j]!, h - (least - lo[j]!))
  }
  if (lo.some((a, j) => a > hi[j]!)) throw new Error('no solution: the attacker was told something inconsistent')
  const free = (i: number) => members[i]!.some((j) => hi[j] === Infinity)
  const open = leaves.map((_, j) => j).filter((j) => lo[j]! < hi[j]! && hi[j] !== Infinity)
  const x = lo.slice()
  // each value without an unbounded leaf is checked once its last open leaf (by position in `open`) is set; without open leaves, once
  const byLast = open.map(() => [] as number[])
  const constant: number[] = []
  for (let i = 0; i < n; i++) {
    if (free(i)) continue
    const last = Math.max(-1, ...members[i]!.map((j) => open.indexOf(j)))
    ;(last < 0 ? constant : byLast[last]!).push(i)
  }
  // the box's size (a leaf that closes an exactly known value counts once): beyond the limit, do not start
  const forced = open.map((_, p) => byLast[p]!.some((i) => sys.bounds[i]![0] === sys.bounds[i]![1]))
  if (open.reduce((size, j, p) => size * (forced[p] ? 1 : hi[j]! - lo[j]! + 1), 1) > nodeLimit) return 'too large'
  const valueOf = (i: number) => members[i]!.reduce((s, j) => s + x[j]!, 0)
  const within = (i: number) => {
    const v = valueOf(i)
    return v >= sys.bounds[i]![0] && v <= sys.bounds[i]![1]
  }
  if (!constant.every(within)) throw new Error('no solution: a fully known value breaks its bounds')
  const ranges: Range[] = [...Array(n).keys()].map((i) => (free(i) ? { min: -Infinity, max: Infinity } : { min: Infinity, max: -Infinity }))
  const listedTargets = targets.filter((i) => !free(i))
  let solutions = 0
  let nodes = 0
  const visit = (p: number): void => {
    if (p === open.length) {
      solutions += 1
      for (const i of listedTargets) {
        const v = valueOf(i)
        if (v < ranges[i]!.min) ranges[i]!.min = v
        if (v > ranges[i]!.max) ranges[i]!.max = v
      }
      return
    }
    const j = open[p]!
    // a value known exactly whose last open leaf this is leaves that leaf one choice
    let from = lo[j]!
    let to = hi[j]!
    if (forced[p]) {
      const exact = byLast[p]!.find((i) => sys.bounds[i]![0] === sys.bounds[i]![1])!
      x[j] = 0
      const only = sys.bounds[exact]![0] - valueOf(exact)
      from = Math.max(from, only)
      to = Math.min(to, only)
    }
    for (let v = from; v <= to; v++) {
      if (++nodes > nodeLimit) throw new RangeError('node limit')
      x[j] = v
      if (byLast[p]!.every(within)) visit(p + 1)
    }
    x[j] = lo[j]!
  }
  try {
    visit(0)
  } catch (e) {
    if (e instanceof RangeError) return 'too large'
    throw e
  }
  if (!solutions) throw new Error('no solution: the attacker was told something inconsistent')
  return { ranges, solutions, nodes }
}

/** Exact rationals on safe integers (throws rather than round). */
class Q {
  readonly n: number
  readonly d: number
  constructor(n: number, d = 1) {
    if (d === 0) throw new Error('division by zero')
    if (d < 0) {
      n = -n
      d = -d
    }
    const g = gcd(Math.abs(n), d)
    this.n = n / g
    this.d = d / g
    if (!Number.isSafeInteger(this.n) || !Number.isSafeInteger(this.d)) throw new Error('rational overflow')
  }
  static readonly ZERO = new Q(0)
  add(o: Q) {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d)
  }
  sub(o: Q) {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d)
  }
  mul(o: Q) {
    return new Q(this.n * o.n, this.d * o.d)
  }
  div(o: Q) {
    return new Q(this.n * o.d, this.d * o.n)
  }
  sign() {
    return Math.sign(this.n)
  }
  cmp(o: Q) {
    return this.sub(o).sign()
  }
  toNumber() {
    return this.n / this.d
  }
}
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a || 1
}

/** A simplex tableau in canonical form: rows `a` (with right-hand sides `b` ≥ 0) and the basic column of each row. */
type Tableau = { a: Q[][]; b: Q[]; basis: number[]; cols: number }

function pivot(t: Tableau, r: number, c: number) {
  const pr = t.a[r]!
  const pv = pr[c]!
  for (let k = 0; k < t.cols; k++) pr[k] = pr[k]!.div(pv)
  t.b[r] = t.b[r]!.div(pv)
  t.a.forEach((row, k) => {
    if (k === r || row[c]!.sign() === 0) return
    const f = row[c]!
    for (let m = 0; m < t.cols; m++) if (pr[m]!.sign()) row[m] = row[m]!.sub(f.mul(pr[m]!))
    t.b[k] = t.b[k]!.sub(f.mul(t.b[r]!))
  })
  t.basis[r] = c
}

/** Minimises c·y over the tableau's feasible set (columns with `allowed[k]` false stay out). Returns the minimum, or null when unbounded. */
function minimise(t: Tableau, c: Q[], allowed: boolean[]): Q | null {
  for (;;) {
    // reduced costs; Bland: the first improving column enters, the first tied row (by basic column) leaves
    let enter = -1
    for (let k = 0; k < t.cols && enter < 0; k++) {
      if (!allowed[k] || t.basis.includes(k)) continue
      const rc = t.a.reduce((s, row, r) => s.sub(c[t.basis[r]!]!.mul(row[k]!)), c[k]!)
      if (rc.sign() < 0) enter = k
    }
    if (enter < 0) return t.b.reduce((s, v, r) => s.add(c[t.basis[r]!]!.mul(v)), Q.ZERO)
    let leave = -1
    let best: Q | null = null
    t.a.forEach((row, r) => {
      if (row[enter]!.sign() <= 0) return
      const ratio = t.b[r]!.div(row[enter]!)
      const cmp = best === null ? -1 : ratio.cmp(best)
      if (cmp < 0 || (cmp === 0 && t.basis[r]! < t.basis[leave]!)) {
        best = ratio
        leave = r
      }
    })
    if (leave < 0) return null
    pivot(t, leave, enter)
  }
}

/**
 * Linear-programming ranges of the `targets` (min and max over all real solutions), by a two-phase simplex in exact
 * rationals. Throws when the system has no solution at all (the attacker must have been told something consistent).
 */
export function lpRanges(sys: System, targets: readonly number[]): Range[] {
  const { leaves, vec } = expand(sys)
  const lo = leaves.map((l) => sys.bounds[l]![0])
  const hi = leaves.map((l) => sys.bounds[l]![1])
  const open = leaves.map((_, j) => j).filter((j) => lo[j]! < hi[j]!)
  const vars = open.length
  // constraints over y = x − lo of the open leaves: Σ y (≤ | ≥ | =) rhs
  type Row = { coef: number[]; kind: 'le' | 'ge' | 'eq'; rhs: number }
  const rows: Row[] = []
  sys.bounds.forEach(([l, h], i) => {
    const coef = open.map((j) => vec[i]![j]!)
    const base = vec[i]!.reduce((s, c, j) => s + c * lo[j]!, 0)
    if (coef.every((c) => c === 0)) {
      if (base < l || base > h) throw new Error('no solution: a fully known value breaks its bounds')
      return
    }
    if (l === h) rows.push({ coef, kind: 'eq', rhs: l - base })
    else {
      if (h !== Infinity) rows.push({ coef, kind: 'le', rhs: h - base })
      if (l - base > 0) rows.push({ coef, kind: 'ge', rhs: l - base })
    }
  })
  // columns: the open leaves, one slack or surplus per inequality, one artificial per row without a slack basis
  for (const r of rows)
    if (r.rhs < 0) {
      r.coef = r.coef.map((c) => -c)
      r.rhs = -r.rhs
      r.kind = r.kind === 'le' ? 'ge' : r.kind === 'ge' ? 'le' : 'eq'
    }
  const slackCols = rows.filter((r) => r.kind !== 'eq').length
  const artCols = rows.filter((r) => r.kind !== 'le').length
  const cols = vars + slackCols + artCols
  const t: Tableau = { a: [], b: [], basis: [], cols }
  let s = vars
  let art = vars + slackCols
  const isArt = (k: number) => k >= vars + slackCols
  for (const r of rows) {
    const row = new Array<Q>(cols).fill(Q.ZERO)
    r.coef.forEach((c, k) => (row[k] = new Q(c)))
    if (r.kind === 'le') {
      row[s] = new Q(1)
      t.basis.push(s++)
    } else {
      if (r.kind === 'ge') row[s++] = new Q(-1)
      row[art] = new Q(1)
      t.basis.push(art++)
    }
    t.a.push(row)
    t.b.push(new Q(r.rhs))
  }
  const all = new Array<boolean>(cols).fill(true)
  // phase 1: minimise the sum of the artificials
  const infeasibility = minimise(
    t,
    [...Array(cols).keys()].map((k) => (isArt(k) ? new Q(1) : Q.ZERO)),
    all,
  )
  if (!infeasibility || infeasibility.sign() !== 0) throw new Error('no solution: the attacker was told something inconsistent')
  // drive basic artificials (at zero) out, or drop their row when it is redundant
  for (let r = t.a.length - 1; r >= 0; r--) {
    if (!isArt(t.basis[r]!)) continue
    const k = t.a[r]!.findIndex((q, k) => !isArt(k) && q.sign() !== 0)
    if (k >= 0) pivot(t, r, k)
    else {
      t.a.splice(r, 1)
      t.b.splice(r, 1)
      t.basis.splice(r, 1)
    }
  }
  const real = [...Array(cols).keys()].map((k) => !isArt(k))
  return targets.map((i) => {
    const base = vec[i]!.reduce((s, c, j) => s + c * lo[j]!, 0)
    const obj = (sign: number) => [...Array(cols).keys()].map((k) => (k < vars ? new Q(sign * vec[i]![open[k]!]!) : Q.ZERO))
    const copy = (): Tableau => ({ a: t.a.map((row) => row.slice()), b: t.b.slice(), basis: t.basis.slice(), cols })
    const min = minimise(copy(), obj(1), real)
    const negMax = minimise(copy(), obj(-1), real)
    if (!min) throw new Error('a count without lower bound')
    return { min: base + min.toNumber(), max: negMax ? base - negMax.toNumber() : Infinity }
  })
}
