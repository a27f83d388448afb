'use client'
import dynamic from 'next/dynamic'

/**
 * The budget tab's forms, each in its own chunk loaded only when the page renders it (a manager's page, a pending
 * proposal): zod's schemas and react-hook-form stay out of the tab's first-load JavaScript, and readers of the
 * budget never download them. Rendered on the server as before, so the forms are there without a layout shift; the
 * chunk loads alongside the page (README, front-end budgets).
 */
export const BudgetChangeForms = dynamic(() => import('./budget-change-forms').then((m) => m.BudgetChangeForms))
export const BudgetLineForm = dynamic(() => import('./budget-line-form').then((m) => m.BudgetLineForm))
export const ChangeDecision = dynamic(() => import('./lifecycle-forms').then((m) => m.ChangeDecision))
